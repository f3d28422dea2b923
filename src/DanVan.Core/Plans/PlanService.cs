using DanVan.Core.Access;
using DanVan.Core.Citations;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Plans;

public sealed record PlanSectionInput(string Key, string Heading, int Level, string? Guidance, bool Required);

/// <summary>
/// A figure the plan asks for; <paramref name="Id"/> names the plan's figure this row edits (null for a new one).
/// <paramref name="Code"/> is its number in the biểu mẫu ("1.2"; blank: its row number), <paramref name="Formula"/>
/// makes it derived, <paramref name="WeightBy"/> names the figure a weighted mean weighs by, <paramref name="IsStock"/>
/// makes it a count at the period's end (<see cref="PlanFigure.IsStock"/>).
/// </summary>
public sealed record PlanFigureInput(string Name, string? UnitOfMeasure, FigureKind Kind, Rollup Rollup, int? Id = null,
    string? Code = null, string? Formula = null, string? WeightBy = null, decimal? Target = null, bool IsStock = false);

/// <summary>A check between figures, "[2.2] &lt;= [2.1]", with what to tell the user when it fails.</summary>
public sealed record PlanRuleInput(string Expression, string? Message = null)
{
    /// <summary>Rules typed one a line, the message after "|": "[2.2] &lt;= [2.1] | Số đơn đã giải quyết không vượt số đơn tiếp nhận".</summary>
    public static IReadOnlyList<PlanRuleInput> FromLines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.Split('|', 2) is [var e, var m] ? new PlanRuleInput(e.Trim(), m.Trim()) : new PlanRuleInput(l))
            .ToList();

    public static string ToLines(IEnumerable<PlanRule> rules) =>
        string.Join("\n", rules.OrderBy(r => r.Order).Select(r => r.Message.Length > 0 ? $"{r.Expression} | {r.Message}" : r.Expression));
}

public sealed record PlanInput
{
    public required string Number { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public required string Summary { get; init; }
    public required PeriodType PeriodType { get; init; }
    public PeriodSemantics Semantics { get; init; }
    public required string FirstPeriod { get; init; }
    public string? LastPeriod { get; init; }
    public AudienceKind Audience { get; init; }
    public int? AudienceRootId { get; init; }
    public UnitKind? AudienceUnitKind { get; init; }
    public IReadOnlyList<int> UnitIds { get; init; } = [];
    public DeadlineKind UnitDeadlineKind { get; init; }
    public int UnitDeadlineValue { get; init; }
    public DeadlineKind OwnerDeadlineKind { get; init; }
    public int OwnerDeadlineValue { get; init; }
    public int? LockAfterDays { get; init; }
    public int RemindDaysBefore { get; init; } = 3;
    public IReadOnlyList<PlanSectionInput> Sections { get; init; } = [];
    public IReadOnlyList<PlanFigureInput> Figures { get; init; } = [];

    public IReadOnlyList<PlanRuleInput> Rules { get; init; } = [];

    /// <summary>"Kính gửi" of the consolidated report, one body a line (or separated by ";").</summary>
    public IReadOnlyList<string> Addressees { get; init; } = [];

    /// <summary>"Nơi nhận" of the consolidated report, one a line (or separated by ";"), without "Lưu: …".</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>The most pages the consolidated report's body may take.</summary>
    public int ConsolidatedBodyPages { get; init; } = Consolidation.Consolidator.DefaultBodyPages;

    /// <summary>
    /// A new plan's starting point: the standard outline, reports by day 20 and the owner's by day 25; a province's
    /// consolidated report addressed as <see cref="Plan.ProvinceAddressees"/>, any other's up the review chain.
    /// </summary>
    public static PlanInput Draft(DateOnly today, UnitKind? owner = null) => new()
    {
        Addressees = owner == UnitKind.Province ? Plan.ProvinceAddressees : [],
        Recipients = owner == UnitKind.Province ? Plan.ProvinceRecipients : owner is null ? [] : ["Như trên"],
        Number = "",
        IssuedOn = today,
        Summary = "",
        PeriodType = PeriodType.Quarter,
        FirstPeriod = ReportingPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1).ToString(),
        UnitDeadlineKind = DeadlineKind.WorkingDaysAfterCutoff,
        UnitDeadlineValue = 3,
        OwnerDeadlineKind = DeadlineKind.WorkingDaysAfterCutoff,
        OwnerDeadlineValue = 5,
        LockAfterDays = 30,
        Sections = ReportTemplate.Default.Where(t => t.Level > 0).Select(t => new PlanSectionInput(t.Key, t.Heading, t.Level, "", false)).ToList(),
    };
}

/// <summary>A plan's period as a reporting unit sees it.</summary>
public sealed record OpenPeriod(Plan Plan, PlanSchedule Schedule, int? ReportId);

public sealed partial class PlanService(DanVanDbContext db, AccessService access, OrgUnitService units, CalendarService calendar, TimeProvider clock)
{
    public async Task<int> CreateAsync(PlanInput input, Actor actor, CancellationToken ct = default)
    {
        var owner = await RequireConsolidatorAsync(actor, ct);
        var plan = new Plan { OwnerUnitId = owner, Number = "", Summary = "", FirstPeriod = "", CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = actor.UserName };
        await ApplyAsync(plan, input, ct);
        db.Plans.Add(plan);
        await SaveAsync(plan, ct);
        return plan.Id;
    }

    /// <summary>
    /// Replaces the plan's settings. Figures are matched by id (renaming or moving one keeps it), else by name, so
    /// reports already answering a figure keep their link to it; removed figures unlink (reports keep the value and
    /// the name).
    /// </summary>
    public async Task UpdateAsync(int planId, PlanInput input, Actor actor, CancellationToken ct = default)
    {
        await RequireConsolidatorAsync(actor, ct);
        var plan = await db.Plans.Include(p => p.Units).Include(p => p.Sections).Include(p => p.Figures).Include(p => p.Rules)
            .FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null || !await ManagesAsync(plan, actor, ct))
        {
            throw new NotFoundException("Plan");
        }

        await ApplyAsync(plan, input, ct);
        await SaveAsync(plan, ct);
    }

    /// <summary>Plans a consolidator manages, or for anyone else the plans their unit reports under.</summary>
    public async Task<IReadOnlyList<Plan>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var query = db.Plans.AsNoTracking().Include(p => p.OwnerUnit).AsQueryable();
        if (!actor.IsIn(Roles.Admin))
        {
            var owners = new HashSet<int>(await access.PlanOwnersAsync(actor, ct)) { actor.UnitId };

            var reportingUnder = await PlansForUnitAsync(actor.UnitId, ct);
            query = query.Where(p => owners.Contains(p.OwnerUnitId) || reportingUnder.Contains(p.Id));
        }

        return await query.OrderByDescending(p => p.IssuedOn).ThenByDescending(p => p.Id).ToListAsync(ct);
    }

    public async Task<Plan> GetAsync(int planId, Actor actor, CancellationToken ct = default)
    {
        var visible = (await ListAsync(actor, ct)).Select(p => p.Id).ToHashSet();
        if (!visible.Contains(planId))
        {
            throw new NotFoundException("Plan");
        }

        return await LoadAsync(planId, ct);
    }

    /// <summary>Whether the actor's body manages the plan: the owner's consolidators, or its heir's once the owner has closed.</summary>
    public Task<bool> ManagesAsync(Plan plan, Actor actor, CancellationToken ct = default) =>
        access.ConsolidatesForAsync(actor, plan.OwnerUnitId, ct);

    public async Task<Plan> LoadAsync(int planId, CancellationToken ct = default) =>
        await db.Plans.AsNoTracking()
            .Include(p => p.OwnerUnit)
            .Include(p => p.Units)
            .Include(p => p.Sections.OrderBy(s => s.Order))
            .Include(p => p.Figures.OrderBy(f => f.Order))
            .Include(p => p.Rules.OrderBy(r => r.Order))
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == planId, ct)
        ?? throw new NotFoundException("Plan");

    private async Task ApplyAsync(Plan plan, PlanInput input, CancellationToken ct)
    {
        var number = CitationParser.NormaliseNumber(input.Number ?? "");
        if (number.Length is 0 or > 50 || !NumberSymbol().IsMatch(number))
        {
            throw new DomainException(nameof(input.Number), $"\"{input.Number}\" không đúng dạng số, ký hiệu văn bản (ví dụ 42/KH-UBND, 05/2025/KH-UBND).")
            {
                English = $"\"{input.Number}\" is not a document number and symbol (e.g. 42/KH-UBND, 05/2025/KH-UBND).",
            };
        }

        var summary = (input.Summary ?? "").Trim();
        if (summary.Length is 0 or > 1000)
        {
            throw new DomainException(nameof(input.Summary), "Nhập trích yếu của kế hoạch (tối đa 1.000 ký tự).")
            {
                English = "Enter the plan's summary (at most 1,000 characters).",
            };
        }

        if (input.IssuedOn.Year < 2000 || input.IssuedOn > VietnamTime.Today(clock).AddYears(1))
        {
            throw new DomainException(nameof(input.IssuedOn), "Ngày ban hành không hợp lệ.")
            {
                English = "The date of issue is not valid.",
            };
        }

        var first = ReportingPeriod.ParseInput(input.FirstPeriod, nameof(input.FirstPeriod), clock);
        var last = string.IsNullOrWhiteSpace(input.LastPeriod) ? (ReportingPeriod?)null : ReportingPeriod.ParseInput(input.LastPeriod, nameof(input.LastPeriod), clock);
        if (first.Type != input.PeriodType || (last is { } l && l.Type != input.PeriodType))
        {
            throw new DomainException(nameof(input.FirstPeriod), $"Kỳ đầu và kỳ cuối phải cùng loại kỳ báo cáo của kế hoạch (ví dụ {Example(input.PeriodType)}).")
            {
                English = $"The first and last periods must be of the plan's period type (e.g. {Example(input.PeriodType)}).",
            };
        }

        if (last is { } end && end < first)
        {
            throw new DomainException(nameof(input.LastPeriod), "Kỳ cuối phải sau kỳ đầu.")
            {
                English = "The last period must come after the first.",
            };
        }

        Deadline(input.UnitDeadlineKind, input.UnitDeadlineValue, nameof(input.UnitDeadlineValue));
        Deadline(input.OwnerDeadlineKind, input.OwnerDeadlineValue, nameof(input.OwnerDeadlineValue));
        if (input.LockAfterDays is < 0 or > 366)
        {
            throw new DomainException(nameof(input.LockAfterDays), "Số ngày khoá sổ sau hạn gửi từ 0 đến 366 (để trống nếu không khoá).")
            {
                English = "Days until the period locks after the deadline: 0 to 366 (leave empty for no lock).",
            };
        }

        if (input.RemindDaysBefore is < 0 or > 30)
        {
            throw new DomainException(nameof(input.RemindDaysBefore), "Nhắc trước hạn từ 0 đến 30 ngày.")
            {
                English = "Remind 0 to 30 days before the deadline.",
            };
        }

        var tree = await units.LoadTreeAsync(ct: ct);
        var unitIds = input.UnitIds.Distinct().ToList();
        switch (input.Audience)
        {
            case AudienceKind.Subtree when input.AudienceRootId is { } root && !tree.IsInSubtree(root, plan.OwnerUnitId):
                throw new DomainException(nameof(input.AudienceRootId), "Đơn vị gốc phải thuộc phạm vi tổng hợp của bạn.")
                {
                    English = "The root unit must be within your consolidating scope.",
                };
            case AudienceKind.UnitKind when input.AudienceUnitKind is null:
                throw new DomainException(nameof(input.AudienceUnitKind), "Chọn loại đơn vị phải báo cáo.")
                {
                    English = "Choose the kind of unit that must report.",
                };
            case AudienceKind.List when unitIds.Count == 0:
                throw new DomainException(nameof(input.UnitIds), "Chọn ít nhất một đơn vị phải báo cáo.")
                {
                    English = "Choose at least one unit that must report.",
                };
            case AudienceKind.List when unitIds.Any(id => id == plan.OwnerUnitId || !tree.IsInSubtree(id, plan.OwnerUnitId)):
                throw new DomainException(nameof(input.UnitIds), "Chỉ chọn được đơn vị thuộc phạm vi tổng hợp của bạn.")
                {
                    English = "Only units within your consolidating scope can be chosen.",
                };
        }

        var sections = Sections(input.Sections);
        var figures = Figures(input.Figures);
        var rules = Rules(input.Rules);
        PlanIndicators.Validate(figures.Select(f => f.Figure).ToList(), rules);
        var addressees = Addressing(input.Addressees, nameof(input.Addressees), "Kính gửi");
        var recipients = Addressing(input.Recipients, nameof(input.Recipients), "Nơi nhận");
        if (recipients.FirstOrDefault(r => Text.VietnameseText.Fold(r).StartsWith("luu", StringComparison.Ordinal)) is { } filing)
        {
            throw new DomainException(nameof(input.Recipients), $"Bỏ dòng \"{filing}\": khi xuất văn bản, hệ thống tự thêm \"- Lưu: VT, …\" với tên viết tắt của cơ quan soạn thảo.")
            {
                English = $"Remove the line \"{filing}\": the exported document adds \"- Lưu: VT, …\" with the drafting body's abbreviation itself.",
            };
        }

        if (input.ConsolidatedBodyPages is < Plan.MinBodyPages or > Plan.MaxBodyPages)
        {
            throw new DomainException(nameof(input.ConsolidatedBodyPages), $"Số trang của báo cáo tổng hợp phải từ {Plan.MinBodyPages} đến {Plan.MaxBodyPages}.")
            {
                English = $"The consolidated report's body must be {Plan.MinBodyPages}–{Plan.MaxBodyPages} pages.",
            };
        }

        plan.Number = number;
        plan.IssuedOn = input.IssuedOn;
        plan.Summary = summary;
        plan.PeriodType = input.PeriodType;
        plan.Semantics = input.Semantics;
        plan.FirstPeriod = first.ToString();
        plan.LastPeriod = last?.ToString();
        plan.Audience = input.Audience;
        plan.AudienceRootId = input.Audience == AudienceKind.Subtree ? input.AudienceRootId : null;
        plan.AudienceUnitKind = input.Audience == AudienceKind.UnitKind ? input.AudienceUnitKind : null;
        plan.Units.Clear();
        if (input.Audience == AudienceKind.List)
        {
            plan.Units.AddRange(unitIds.Select(id => new PlanUnit { UnitId = id }));
        }

        plan.UnitDeadlineKind = input.UnitDeadlineKind;
        plan.UnitDeadlineValue = input.UnitDeadlineValue;
        plan.OwnerDeadlineKind = input.OwnerDeadlineKind;
        plan.OwnerDeadlineValue = input.OwnerDeadlineValue;
        plan.LockAfterDays = input.LockAfterDays;
        plan.RemindDaysBefore = input.RemindDaysBefore;
        plan.Addressees = addressees;
        plan.Recipients = recipients;
        plan.ConsolidatedBodyPages = input.ConsolidatedBodyPages;

        plan.Sections.Clear();
        plan.Sections.AddRange(sections);
        // Matched by position, answers followed the row, not the figure: deleting the first figure gave its answers to
        // the second.
        var existing = plan.Figures.ToList();
        var kept = new HashSet<PlanFigure>();
        var added = new List<PlanFigure>();
        foreach (var (figure, id) in figures)
        {
            var match = existing.FirstOrDefault(f => id is not null && f.Id == id && !kept.Contains(f))
                ?? existing.FirstOrDefault(f => string.Equals(f.Name, figure.Name, StringComparison.OrdinalIgnoreCase) && !kept.Contains(f));
            if (match is null)
            {
                added.Add(figure);
                continue;
            }

            kept.Add(match);
            (match.Name, match.UnitOfMeasure, match.Kind, match.Rollup, match.Order) = (figure.Name, figure.UnitOfMeasure, figure.Kind, figure.Rollup, figure.Order);
            (match.Code, match.Formula, match.WeightBy, match.Target, match.IsStock) = (figure.Code, figure.Formula, figure.WeightBy, figure.Target, figure.IsStock);
        }

        plan.Figures.RemoveAll(f => !kept.Contains(f));
        plan.Figures.AddRange(added);
        plan.Rules.Clear();
        plan.Rules.AddRange(rules);
    }

    private static List<PlanSection> Sections(IReadOnlyList<PlanSectionInput> input)
    {
        var rows = input.Where(s => !string.IsNullOrWhiteSpace(s.Heading) || !string.IsNullOrWhiteSpace(s.Key)).ToList();
        if (rows.Count == 0)
        {
            throw new DomainException("Sections", "Đề cương cần ít nhất một mục.")
            {
                English = "The outline needs at least one section.",
            };
        }

        if (rows.Count > Plan.MaxSections)
        {
            throw new DomainException("Sections", $"Đề cương tối đa {Plan.MaxSections} mục.")
            {
                English = $"The outline may have at most {Plan.MaxSections} sections.",
            };
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        return rows.Select((s, i) =>
        {
            var key = (s.Key ?? "").Trim();
            var heading = (s.Heading ?? "").Trim();
            if (key.Length is 0 or > 20 || heading.Length is 0 or > 1000)
            {
                throw new DomainException($"Sections[{i}]", $"Mục {i + 1}: nhập ký hiệu (tối đa 20 ký tự, ví dụ I.1) và tiêu đề.")
                {
                    English = $"Section {i + 1}: enter its label (at most 20 characters, e.g. I.1) and heading.",
                };
            }

            if (!keys.Add(key))
            {
                throw new DomainException($"Sections[{i}]", $"Mục {i + 1}: ký hiệu \"{key}\" bị trùng.")
                {
                    English = $"Section {i + 1}: the label \"{key}\" is used twice.",
                };
            }

            if ((s.Guidance ?? "").Length > 4000)
            {
                throw new DomainException($"Sections[{i}]", $"Mục {i + 1}: hướng dẫn tối đa 4.000 ký tự.")
                {
                    English = $"Section {i + 1}: the guidance may have at most 4,000 characters.",
                };
            }

            return new PlanSection { Key = key, Heading = heading, Level = Math.Clamp(s.Level, 1, 3), Order = i, Guidance = (s.Guidance ?? "").Trim(), Required = s.Required };
        }).ToList();
    }

    private static List<(PlanFigure Figure, int? Id)> Figures(IReadOnlyList<PlanFigureInput> input)
    {
        var rows = input.Where(f => !string.IsNullOrWhiteSpace(f.Name)).ToList();
        if (rows.Count > Plan.MaxFigures)
        {
            throw new DomainException("Figures", $"Tối đa {Plan.MaxFigures} chỉ tiêu.")
            {
                English = $"At most {Plan.MaxFigures} figures.",
            };
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var codes = rows.Select(f => (f.Code ?? "").Trim()).ToHashSet(StringComparer.Ordinal);
        return rows.Select((f, i) =>
        {
            var name = f.Name.Trim();
            var unit = (f.UnitOfMeasure ?? "").Trim();
            if (name.Length > 300 || unit.Length > 50)
            {
                throw new DomainException($"Figures[{i}]", $"Chỉ tiêu {i + 1}: tên tối đa 300 ký tự, đơn vị tính tối đa 50 ký tự.")
                {
                    English = $"Figure {i + 1}: the name may have at most 300 characters, the unit of measure at most 50.",
                };
            }

            if (!names.Add(name))
            {
                throw new DomainException($"Figures[{i}]", $"Chỉ tiêu \"{name}\" bị trùng.")
                {
                    English = $"The figure \"{name}\" is listed twice.",
                };
            }

            // A row without a number takes its position, as plans made before numbering had them.
            var code = (f.Code ?? "").Trim();
            if (code.Length == 0)
            {
                code = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (codes.Contains(code))
                {
                    throw new DomainException($"Figures[{i}].Code", $"Chỉ tiêu \"{name}\": nhập số thứ tự (số {code} đã dùng cho chỉ tiêu khác).")
                    {
                        English = $"Figure \"{name}\": enter its number (number {code} is used by another figure).",
                    };
                }
            }

            var formula = string.IsNullOrWhiteSpace(f.Formula) ? null : f.Formula.Trim();
            if (f.Target is { } target && FigureValue.Check(target, FigureKind.DecimalNumber, unit) is { } targetError)
            {
                throw new DomainException($"Figures[{i}].Target", $"Chỉ tiêu {code}: chỉ tiêu kế hoạch {targetError.Message}")
                {
                    English = $"Figure {code}: the target {targetError.English}",
                };
            }

            // A derived figure is computed, never typed, so its kind is a decimal number; text and headings roll up to nothing.
            var kind = formula is not null && f.Kind is FigureKind.WholeNumber ? FigureKind.DecimalNumber : f.Kind;
            var rollup = kind is FigureKind.Text or FigureKind.Heading ? Rollup.None : f.Rollup;
            var weight = rollup == Rollup.WeightedMean ? (f.WeightBy ?? "").Trim().Trim('[', ']').Trim() : null;
            return (new PlanFigure
            {
                Name = name,
                UnitOfMeasure = unit,
                Kind = kind,
                Rollup = rollup,
                Order = i,
                Code = code,
                Formula = formula,
                WeightBy = weight,
                Target = kind is FigureKind.Text or FigureKind.Heading ? null : f.Target,
                IsStock = f.IsStock,
            }, f.Id);
        }).ToList();
    }

    private static List<PlanRule> Rules(IReadOnlyList<PlanRuleInput> input)
    {
        var rows = input.Where(r => !string.IsNullOrWhiteSpace(r.Expression)).ToList();
        if (rows.Count > Plan.MaxRules)
        {
            throw new DomainException("Rules", $"Tối đa {Plan.MaxRules} quy tắc kiểm tra.")
            {
                English = $"At most {Plan.MaxRules} check rules.",
            };
        }

        return rows.Select((r, i) =>
        {
            var expression = r.Expression.Trim();
            var message = (r.Message ?? "").Trim();
            if (expression.Length > Formula.MaxLength || message.Length > 500)
            {
                throw new DomainException($"Rules[{i}]", $"Quy tắc {i + 1}: biểu thức tối đa {Formula.MaxLength} ký tự, lời nhắc tối đa 500 ký tự.")
                {
                    English = $"Rule {i + 1}: the expression may have at most {Formula.MaxLength} characters, the hint at most 500.",
                };
            }

            return new PlanRule { Expression = expression, Message = message, Order = i };
        }).ToList();
    }

    /// <summary>
    /// The lines of "Kính gửi" or "Nơi nhận" as typed (one a line, or separated by ";"), without the dashes and the
    /// closing ";" or "." that the export prints itself.
    /// </summary>
    private static List<string> Addressing(IReadOnlyList<string>? input, string field, string label)
    {
        var lines = (input ?? []).SelectMany(l => (l ?? "").Split(['\n', ';'])).Select(l => l.Trim().TrimStart('-', '–', '+', '•', ' ').TrimEnd(';', '.', ',', ' ')).Where(l => l.Length > 0).ToList();
        if (lines.Count > 20 || lines.Any(l => l.Length > 300))
        {
            throw new DomainException(field, $"\"{label}\": tối đa 20 dòng, mỗi dòng tối đa 300 ký tự.")
            {
                English = $"\"{label}\": at most 20 lines of at most 300 characters each.",
            };
        }

        return lines;
    }

    private static void Deadline(DeadlineKind kind, int value, string field)
    {
        var ok = kind == DeadlineKind.DayOfMonth ? value is >= 1 and <= 31 : value is >= 1 and <= 60;
        if (!ok)
        {
            throw new DomainException(field, kind == DeadlineKind.DayOfMonth
                ? "Hạn gửi theo ngày trong tháng phải từ 1 đến 31."
                : "Số ngày làm việc sau ngày chốt số liệu phải từ 1 đến 60.")
            {
                English = kind == DeadlineKind.DayOfMonth ? "A deadline by day of the month must be from 1 to 31." : "Working days after the data cut-off must be from 1 to 60.",
            };
        }
    }

    private static string Example(PeriodType type) => type switch
    {
        PeriodType.Month => "2025-07",
        PeriodType.Quarter => "2025-Q1",
        PeriodType.Half => "2025-H1",
        PeriodType.NineMonths => "2025-9M",
        _ => "2025",
    };

    private async Task SaveAsync(Plan plan, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException(nameof(Plan.Number), $"Đã có kế hoạch số {plan.Number} ngày {plan.IssuedOn:dd/MM/yyyy} của đơn vị.")
            {
                English = $"The unit already has plan {plan.Number} of {plan.IssuedOn:dd/MM/yyyy}.",
            };
        }
    }

    // Decree 30 numbers: "42/KH-UBND", "05/2025/KH-UBND", "123/KH-SNV-TCCB".
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{1,5}(?:/\d{4})?/[\p{Lu}Đ][\p{L}]*(?:-[\p{L}\d]+)+$")]
    private static partial System.Text.RegularExpressions.Regex NumberSymbol();

    private async Task<int> RequireConsolidatorAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Consolidator))
        {
            throw new ForbiddenException("Chỉ cán bộ tổng hợp được lập và sửa kế hoạch báo cáo.")
            {
                English = "Only consolidating staff may create and edit reporting plans.",
            };
        }

        return await access.ScopeRootAsync(actor, ct);
    }
}
