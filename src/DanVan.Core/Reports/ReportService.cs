using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Decree30;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Reports;

public enum ReportAction
{
    /// <summary>Staff hand the draft to their leader ("Trình lãnh đạo").</summary>
    SendToLeader,

    /// <summary>The leader sends it up ("Gửi báo cáo").</summary>
    Submit,

    /// <summary>The leader gives it back to staff ("Trả lại cán bộ").</summary>
    ReturnToStaff,

    /// <summary>The consolidating body accepts it ("Tiếp nhận").</summary>
    Accept,

    /// <summary>The consolidating body returns it with a reason ("Trả lại").</summary>
    Return,

    /// <summary>The consolidating body reopens an accepted report for corrections, with a reason ("Mở lại").</summary>
    Reopen,
}

public sealed record CreateReport
{
    public required string Period { get; init; }
}

/// <summary>A period the unit may start a report for, with the plan the report would answer (none for a period outside plans).</summary>
public sealed record StartablePeriod(ReportingPeriod Period, Plan? Plan);

public sealed record SaveSection
{
    public required int ReportId { get; init; }
    public required string Key { get; init; }
    public required string Text { get; init; }
    public required int ExpectedVersion { get; init; }
}

/// <summary>A saved section's new version, and its report's: the report moves with each of its sections.</summary>
public sealed record SectionSaved(int Version, int ReportVersion);

public sealed record FigureInput(string Name, decimal Value, string UnitOfMeasure, int? PlanFigureId = null, string? Text = null);

public sealed record CarryForwardAnswer(int ItemId, CarryOutcome? Outcome, string? Note);

public sealed record SaveFigures
{
    public required int ReportId { get; init; }
    public required IReadOnlyList<FigureInput> Figures { get; init; }
    public required int ExpectedVersion { get; init; }
}

public sealed record ChangeStatus
{
    public required int ReportId { get; init; }
    public required ReportAction Action { get; init; }
    public string? Comment { get; init; }
    public int? ExpectedVersion { get; init; }
}

/// <summary>What became of one report of a bulk action: its new status, or why it was refused.</summary>
public sealed record BulkOutcome(int ReportId, ReportStatus? Status, string? Refusal);

public sealed class ReportService(DanVanDbContext db, AccessService access, PlanService plans, ReportStateService states, DocumentRegister register, Reminders.ReportNotices notices, SectionCommentService comments, TimeProvider clock)
{
    public const int MaxFigures = 200;

    /// <summary>Reports accepted in one go at most; a page of the report list.</summary>
    public const int MaxBulk = 200;

    private const int ReportTransitionCommentMax = 4000;

    public async Task<int> CreateAsync(CreateReport command, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Staff) && !actor.IsIn(Roles.Leader))
        {
            throw new ForbiddenException("Chỉ cán bộ hoặc lãnh đạo đơn vị được lập báo cáo của đơn vị.");
        }

        var period = ReportingPeriod.ParseInput(command.Period, nameof(command.Period), clock);
        var (plan, refusal) = await StartAsync(actor.UnitId, period, ct);
        if (refusal is not null)
        {
            throw refusal;
        }

        var report = await NewAsync(actor.UnitId, period, plan, actor, plan is null ? "Lập báo cáo" : $"Lập báo cáo theo {plan.Citation}", ct);
        db.Reports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people pressed "Lập báo cáo" at once; the unique (unit, period) index keeps one report.
            throw new DomainException(nameof(command.Period), $"Đơn vị đã có báo cáo kỳ {period.ToVietnamese()}. Mở báo cáo đó để tiếp tục.");
        }

        return report.Id;
    }

    /// <summary>
    /// The periods the unit may start a report for now, in the order to offer them: its plans' open periods, then the
    /// current and last month, quarter, half, nine months and year, each only when <see cref="CreateAsync"/> would take it.
    /// </summary>
    public async Task<IReadOnlyList<StartablePeriod>> StartablePeriodsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Staff) && !actor.IsIn(Roles.Leader))
        {
            return [];
        }

        var today = VietnamTime.Today(clock);
        var month = ReportingPeriod.Month(today.Year, today.Month);
        var quarter = ReportingPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1);
        var half = ReportingPeriod.Half(today.Year, today.Month <= 6 ? 1 : 2);
        var year = ReportingPeriod.FullYear(today.Year);
        var candidates = (await plans.OpenPeriodsAsync(actor.UnitId, ct)).Where(o => o.ReportId is null).Select(o => o.Schedule.Period)
            .Concat([month, month.Previous(), quarter, quarter.Previous(), half, half.Previous(), ReportingPeriod.NineMonths(today.Year), year, year.Previous()])
            .Distinct();
        var result = new List<StartablePeriod>();
        foreach (var period in candidates)
        {
            if (await StartAsync(actor.UnitId, period, ct) is (var plan, null))
            {
                result.Add(new StartablePeriod(period, plan));
            }
        }

        return result;
    }

    /// <summary>
    /// Whether the unit may start the period's report now, with the plan it would answer: not when it already has one,
    /// before the period opens (its data window begins) or after the plan locked it.
    /// </summary>
    private async Task<(Plan? Plan, DomainException? Refusal)> StartAsync(int unitId, ReportingPeriod period, CancellationToken ct)
    {
        var code = period.ToString();
        var existing = await db.Reports.Where(r => r.UnitId == unitId && r.Period == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return (null, new DomainException(nameof(CreateReport.Period), $"Đơn vị đã có báo cáo kỳ {period.ToVietnamese()} (số hiệu {id}). Mở báo cáo đó để tiếp tục.")
            {
                English = $"The unit already has a report for {code} (id {id}).",
            });
        }

        var plan = await plans.PlanForAsync(unitId, period, ct);
        var opens = PlanSchedule.OpensOn(period, plan);
        if (VietnamTime.Today(clock) < opens)
        {
            return (plan, new DomainException(nameof(CreateReport.Period), $"Kỳ {period.ToVietnamese()} chưa mở: báo cáo kỳ này lập được từ ngày {opens:dd/MM/yyyy}. Chọn một kỳ đang mở.")
            {
                English = $"The period {code} is not open yet; its report can be started from {opens:yyyy-MM-dd}.",
            });
        }

        if (plan is not null && await states.LockedAsync(plan, unitId, period, ct) is { } locked)
        {
            return (plan, ReportStateService.LockedError(locked));
        }

        return (plan, null);
    }

    /// <summary>
    /// A new draft of the unit for the period, on the plan's outline, with last period's tasks to answer and its first
    /// history line; not saved.
    /// </summary>
    internal async Task<Report> NewAsync(int unitId, ReportingPeriod period, Plan? plan, Actor actor, string comment, CancellationToken ct)
    {
        var now = Now();
        return new Report
        {
            UnitId = unitId,
            Period = period.ToString(),
            PlanId = plan?.Id,
            Title = ReportTemplate.DefaultTitle(period.ToVietnamese()),
            Status = ReportStatus.Draft,
            CreatedAt = now,
            Sections = Outline(plan),
            CarryForward = await CarryForwardAsync(unitId, period, ct),
            Transitions = [Transition(actor, null, ReportStatus.Draft, comment, at: now)],
        };
    }

    /// <summary>The plan's outline (with its guidance and required flags) between the opening and closing paragraphs.</summary>
    private static List<ReportSection> Outline(Plan? plan)
    {
        if (plan is null || plan.Sections.Count == 0)
        {
            return ReportTemplate.Default
                .Select((t, i) => new ReportSection { Key = t.Key, Heading = t.Heading, Level = t.Level, Order = i })
                .ToList();
        }

        var intro = ReportTemplate.Default[0];
        var closing = ReportTemplate.Default[^1];
        return [
            new ReportSection { Key = intro.Key, Heading = intro.Heading, Level = 0, Order = 0 },
            .. plan.Sections.OrderBy(s => s.Order).Select((s, i) => new ReportSection
            {
                Key = s.Key, Heading = s.Heading, Level = s.Level, Order = i + 1, Guidance = s.Guidance, Required = s.Required,
            }),
            new ReportSection { Key = closing.Key, Heading = closing.Heading, Level = 0, Order = plan.Sections.Count + 1 },
        ];
    }

    /// <summary>Last period's "Phương hướng, nhiệm vụ" items, one per line, to be answered in this report.</summary>
    private async Task<List<CarryForwardItem>> CarryForwardAsync(int unitId, ReportingPeriod period, CancellationToken ct)
    {
        var previous = period.Previous().ToString();
        var tasks = await db.ReportSections.AsNoTracking()
            .Where(s => s.Key == ReportTemplate.NextTasksKey && db.Reports.Any(r => r.Id == s.ReportId && r.UnitId == unitId && r.Period == previous))
            .Select(s => s.Text)
            .FirstOrDefaultAsync(ct);
        return CarryForward.Tasks(tasks ?? "").Select((t, i) => new CarryForwardItem { Task = t, Order = i }).ToList();
    }

    /// <summary>Answers last period's tasks: done, in progress or not done, with a note.</summary>
    public async Task SaveCarryForwardAsync(int reportId, IReadOnlyList<CarryForwardAnswer> answers, int expectedVersion, Actor actor, CancellationToken ct = default)
    {
        var report = await LoadForChangeAsync(reportId, actor, ct);
        await states.RequireEditableAsync(report, actor, ct);
        if (report.Version != expectedVersion)
        {
            // The form sends every item: saved over a newer report it would put back what a colleague just changed.
            throw new ConcurrencyConflictException("Carry", "Báo cáo vừa được người khác thay đổi nên kết quả bạn chọn chưa được lưu. Bảng dưới đây là bản mới nhất; chọn lại rồi lưu.");
        }

        var items = await db.CarryForwardItems.Where(c => c.ReportId == report.Id).ToDictionaryAsync(c => c.Id, ct);
        foreach (var answer in answers)
        {
            if (!items.TryGetValue(answer.ItemId, out var item))
            {
                throw new NotFoundException("Carry-forward item");
            }

            var note = (answer.Note ?? "").Trim();
            if (note.Length > CarryForwardItem.MaxNoteLength)
            {
                throw new DomainException("Note", $"Ghi chú nhiệm vụ {item.Order + 1} tối đa {CarryForwardItem.MaxNoteLength:N0} ký tự.");
            }

            item.Outcome = answer.Outcome;
            item.Note = note;
        }

        report.Version++;
        await SaveReportAsync(ct);
    }

    /// <summary>
    /// Copies a section's text from the unit's report for the previous period, on request; the section is marked as
    /// copied so reviewers see it. Refused when the section changed since the user looked at it.
    /// </summary>
    public Task<SectionSaved> CopyFromPreviousAsync(int reportId, string key, int expectedVersion, Actor actor, CancellationToken ct = default) =>
        ChangeSectionAsync(reportId, key, expectedVersion, actor, async (report, section) =>
        {
            var previous = ReportingPeriod.Parse(report.Period).Previous();
            var code = previous.ToString();
            var source = await db.ReportSections.AsNoTracking()
                .Where(s => s.Key == key && db.Reports.Any(r => r.Id == s.ReportId && r.UnitId == report.UnitId && r.Period == code))
                .Select(s => new { s.ReportId, s.Text })
                .FirstOrDefaultAsync(ct);
            if (source is null)
            {
                var any = await db.Reports.AnyAsync(r => r.UnitId == report.UnitId && r.Period == code, ct);
                throw new DomainException(nameof(SaveSection.Text), any
                    ? $"Báo cáo {previous.ToVietnamese()} của đơn vị không có mục này để chép."
                    : $"Chưa có báo cáo {previous.ToVietnamese()} của đơn vị để chép.");
            }

            if (string.IsNullOrWhiteSpace(source.Text))
            {
                throw new DomainException(nameof(SaveSection.Text), $"Mục này trong báo cáo {previous.ToVietnamese()} của đơn vị còn trống, không có gì để chép.");
            }

            section.CopiedFromReportId = source.ReportId;
            return source.Text;
        }, ct);

    /// <summary>The report with everything a reader needs, or <see cref="NotFoundException"/> outside the user's units.</summary>
    public async Task<Report> GetAsync(int reportId, Actor actor, CancellationToken ct = default)
    {
        var visible = await access.VisibleReportAsync(actor, reportId, ct);
        return await visible.AsNoTracking()
            .Include(r => r.Unit)
            .Include(r => r.Sections.OrderBy(s => s.Order))
            .Include(r => r.Figures.OrderBy(f => f.Order))
            .Include(r => r.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id))
            .Include(r => r.CarryForward.OrderBy(c => c.Order))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Report");
    }

    /// <summary>The times the report was handed on, oldest first, with its text each time; <paramref name="report"/> comes from <see cref="GetAsync"/>.</summary>
    public async Task<IReadOnlyList<ReportVersion>> VersionsAsync(Report report, CancellationToken ct = default)
    {
        var versions = ReportVersions.Build(report.Transitions, await db.SectionRevisions.AsNoTracking().Where(r => r.ReportId == report.Id).ToListAsync(ct), report.Sections);
        if (versions is [{ Transition: null, SavedBy: { } userName } saved])
        {
            // The history names people by full name, as the moves do.
            var name = await db.Users.Where(u => u.UserName == userName).Select(u => u.FullName).FirstOrDefaultAsync(ct);
            return [saved with { SavedBy = string.IsNullOrEmpty(name) ? userName : $"{name} ({userName})" }];
        }

        return versions;
    }

    /// <summary>Saves one section; refuses a save based on a stale version so nobody's text is overwritten.</summary>
    public Task<SectionSaved> SaveSectionAsync(SaveSection command, Actor actor, CancellationToken ct = default)
    {
        if (command.Text.Length > ReportSection.MaxTextLength)
        {
            throw new DomainException(nameof(command.Text), $"Nội dung dài {command.Text.Length:N0} ký tự, vượt giới hạn {ReportSection.MaxTextLength:N0} ký tự của một mục. Tách bớt sang mục khác.");
        }

        // Characters a .docx cannot hold would make the report impossible to download, for its unit and above.
        var text = VietnameseText.WithoutInvalidCharacters(command.Text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return ChangeSectionAsync(command.ReportId, command.Key, command.ExpectedVersion, actor, (_, _) => Task.FromResult(text), ct);
    }

    /// <summary>
    /// Changes one section of an editable report, refused only when that section changed since the user looked at it
    /// or the report left a state they may edit in. The report's own version still moves with each section (a leader
    /// submits, an import applies, what they saw), but as an increment in SQL, not a check: writers of different
    /// sections never refuse each other.
    /// </summary>
    private async Task<SectionSaved> ChangeSectionAsync(int reportId, string key, int expectedVersion, Actor actor, Func<Report, ReportSection, Task<string>> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var report = await LoadForChangeAsync(reportId, actor, ct);
            await states.RequireEditableAsync(report, actor, ct);
            var section = await db.ReportSections.FirstOrDefaultAsync(s => s.ReportId == report.Id && s.Key == key, ct)
                ?? throw new NotFoundException("Section");
            if (section.Version != expectedVersion)
            {
                throw Conflict(section);
            }

            section.Write(await change(report, section), actor.UserName, Now());
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                // The section's version is the only concurrency token this save checks.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                throw Conflict(await db.ReportSections.AsNoTracking().FirstAsync(s => s.Id == section.Id, ct));
            }

            // Bumped only if the status we checked still holds; the row lock this takes orders the save against a
            // concurrent hand-over or submit, so no text lands unseen in a report that has moved on.
            var status = report.Status;
            var moved = await db.Reports.Where(r => r.Id == report.Id && r.Status == status)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Version, r => r.Version + 1), ct);
            if (moved == 1)
            {
                var reportVersion = await db.Reports.Where(r => r.Id == report.Id).Select(r => r.Version).FirstAsync(ct);
                await transaction.CommitAsync(ct);

                // The tracked report still holds the version read before the bump: forget it, so the next change in
                // this scope (an import, a consolidation, a hand-over) reads the row again instead of conflicting.
                db.Entry(report).State = EntityState.Detached;
                return new SectionSaved(section.Version, reportVersion);
            }

            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (attempt == 3)
            {
                throw new ConcurrencyConflictException(nameof(SaveSection.Text), "Trạng thái báo cáo vừa thay đổi nhiều lần nên mục này chưa được lưu; văn bản của bạn vẫn còn nguyên. Tải lại trang rồi lưu lại.");
            }

            // The status changed meanwhile: the next look either refuses the edit with the reason or saves anyway
            // (a leader may keep editing once staff hand the report over).
        }
    }

    public async Task<int> SaveFiguresAsync(SaveFigures command, Actor actor, CancellationToken ct = default)
    {
        var report = await LoadForChangeAsync(command.ReportId, actor, ct);
        await states.RequireEditableAsync(report, actor, ct);
        if (report.Version != command.ExpectedVersion)
        {
            throw new ConcurrencyConflictException(nameof(command.Figures), "Báo cáo vừa được người khác thay đổi (số liệu hoặc trạng thái). Số liệu bạn nhập vẫn được giữ; tải lại trang để xem bản mới rồi nhập lại.");
        }

        if (command.Figures.Count > MaxFigures)
        {
            throw new DomainException(nameof(command.Figures), $"Tối đa {MaxFigures} chỉ tiêu số liệu.");
        }

        for (var i = 0; i < command.Figures.Count; i++)
        {
            var f = command.Figures[i];
            if (string.IsNullOrWhiteSpace(f.Name) || f.Name.Trim().Length > 300)
            {
                throw new DomainException($"Figures[{i}].Name", $"Dòng {i + 1}: nhập tên chỉ tiêu (tối đa 300 ký tự).");
            }

            if ((f.UnitOfMeasure ?? "").Trim().Length > 50)
            {
                throw new DomainException($"Figures[{i}].UnitOfMeasure", $"Dòng {i + 1}: đơn vị tính tối đa 50 ký tự.");
            }

            if (f.Text is { Length: > 2000 })
            {
                throw new DomainException($"Figures[{i}].Text", $"Dòng {i + 1}: nội dung tối đa 2.000 ký tự.");
            }
        }

        var planFigures = report.PlanId is { } planId
            ? await db.PlanFigures.Where(p => p.PlanId == planId).ToDictionaryAsync(p => p.Id, ct)
            : [];
        var answered = new Dictionary<int, int>();
        for (var i = 0; i < command.Figures.Count; i++)
        {
            var f = command.Figures[i];
            var plan = f.PlanFigureId is { } id ? planFigures.GetValueOrDefault(id) : null;
            // A figure of the plan is checked as the plan asks (whole number, "%"); one of the report's own as a number in its unit.
            if (FigureValue.Check(f.Value, plan?.Kind ?? FigureKind.DecimalNumber, plan?.UnitOfMeasure ?? f.UnitOfMeasure) is { } error)
            {
                throw new DomainException($"Figures[{i}].Value", $"Dòng {i + 1} ({f.Name.Trim()}): {error}");
            }

            // One answer per figure the plan asks: a second was added into the roll-ups and consolidated reports twice.
            if (plan is null)
            {
                continue;
            }

            if (!answered.TryAdd(plan.Id, i))
            {
                throw new DomainException($"Figures[{i}].Name", $"Dòng {i + 1}: chỉ tiêu \"{f.Name.Trim()}\" của kế hoạch đã nhập ở dòng {answered[plan.Id] + 1}; mỗi chỉ tiêu chỉ nhập một lần.");
            }

            if (plan.Kind != FigureKind.Text && !string.IsNullOrWhiteSpace(f.Text))
            {
                throw new DomainException($"Figures[{i}].Value", $"Dòng {i + 1}: chỉ tiêu \"{f.Name.Trim()}\" là số liệu; nhập một số, không nhập chữ.");
            }
        }

        var old = await db.ReportFigures.Where(f => f.ReportId == report.Id).ToListAsync(ct);
        db.ReportFigures.RemoveRange(old);
        var rules = report.PlanId is { } rulesOf ? await db.PlanRules.AsNoTracking().Where(r => r.PlanId == rulesOf).ToListAsync(ct) : [];
        var saved = command.Figures.Select((f, i) => new ReportFigure
        {
            ReportId = report.Id,
            Order = i,
            Name = VietnameseText.WithoutInvalidCharacters(f.Name.Trim()),
            Value = f.Value,
            TextValue = f.Text is null ? null : VietnameseText.WithoutInvalidCharacters(f.Text.Trim()),
            UnitOfMeasure = (f.UnitOfMeasure ?? "").Trim(),
            PlanFigureId = f.PlanFigureId is { } planFigure && planFigures.ContainsKey(planFigure) ? planFigure : null,
        }).ToList();
        ApplyIndicators(saved, planFigures.Values.ToList(), rules);
        saved.ForEach(f => f.ReportId = report.Id);
        db.ReportFigures.AddRange(saved);
        report.Version++;
        await SaveReportAsync(ct);
        return report.Version;
    }

    /// <summary>
    /// The plan's indicators over a report's figures, wherever they are saved (figures page, API, Word import, bulk
    /// import): what was typed for a derived figure or a heading is dropped and derived figures are computed from the
    /// typed ones (no value when an input is missing); then a computed rate must lie in 0–100 and every rule hold.
    /// Throws <see cref="FigureRulesException"/> naming each broken rule with the values.
    /// </summary>
    internal static void ApplyIndicators(ICollection<ReportFigure> figures, IReadOnlyList<PlanFigure> planFigures, IReadOnlyList<PlanRule> rules)
    {
        var byId = planFigures.ToDictionary(p => p.Id);
        foreach (var computed in figures.Where(f => f.PlanFigureId is { } id && byId.TryGetValue(id, out var p) && !p.IsTyped).ToList())
        {
            figures.Remove(computed);
        }

        var values = figures.Where(f => f.PlanFigureId is { } id && byId.ContainsKey(id) && f.TextValue is null)
            .GroupBy(f => byId[f.PlanFigureId!.Value].Code)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var derived = PlanIndicators.Derive(planFigures, c => values.TryGetValue(c, out var v) ? v : null);
        var breaches = new List<(int PlanFigureId, string Message)>();
        var order = figures.Count == 0 ? 0 : figures.Max(f => f.Order) + 1;
        foreach (var p in planFigures.Where(p => p.IsDerived).OrderBy(p => p.Order))
        {
            if (derived[p.Code].Value is not { } v)
            {
                continue;
            }

            if (FigureValue.Check(v, p.Kind, p.UnitOfMeasure) is { } error)
            {
                breaches.Add((p.Id, $"{p.Code}. {p.Name} tính theo công thức ra {error} Kiểm tra các số liệu [{string.Join("], [", Formula.Parse(p.Formula!).References)}]."));
                continue;
            }

            values[p.Code] = v;
            figures.Add(new ReportFigure { Name = p.Name, UnitOfMeasure = p.UnitOfMeasure, Value = v, PlanFigureId = p.Id, Order = order++ });
        }

        var byCode = planFigures.GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        breaches.AddRange(PlanIndicators.Breaches(planFigures, rules, c => values.TryGetValue(c, out var v) ? v : null)
            .Select(b => (byCode.GetValueOrDefault(b.Codes.Count > 0 ? b.Codes[0] : ""), b.Message)));
        if (breaches.Count > 0)
        {
            throw new FigureRulesException(breaches);
        }
    }

    public async Task<ReportStatus> ChangeStatusAsync(ChangeStatus command, Actor actor, CancellationToken ct = default)
    {
        var report = await LoadForChangeAsync(command.ReportId, actor, ct);
        actor = await states.AsDrafterAsync(report, actor, ct);
        if (command.ExpectedVersion is { } expected && expected != report.Version)
        {
            throw new ConcurrencyConflictException(nameof(command.Action), "Báo cáo vừa được người khác thay đổi. Tải lại trang để xem trạng thái mới.");
        }

        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        if (comment is { Length: > ReportTransitionCommentMax })
        {
            throw new DomainException(nameof(command.Comment), "Ý kiến tối đa 4.000 ký tự.");
        }

        var (allowedFrom, to) = ReportWorkflow.Rule(command.Action);
        var state = await states.StateAsync(report, actor, ct);
        if (!ReportWorkflow.MayAct(command.Action, report.UnitId, actor, state.IsReviewer))
        {
            throw new ForbiddenException(command.Action switch
            {
                ReportAction.SendToLeader => "Chỉ cán bộ của đơn vị lập báo cáo được trình lãnh đạo.",
                ReportAction.Submit => "Chỉ lãnh đạo của đơn vị lập báo cáo được gửi báo cáo.",
                ReportAction.ReturnToStaff => "Chỉ lãnh đạo của đơn vị lập báo cáo được trả lại cho cán bộ.",
                _ when state.Plan is { } plan => $"Báo cáo này gửi theo {plan.Citation}; chỉ cán bộ tổng hợp của cơ quan ban hành kế hoạch được tiếp nhận, trả lại hoặc mở lại.",
                _ => "Chỉ cơ quan tổng hợp cấp trên được tiếp nhận, trả lại hoặc mở lại báo cáo.",
            });
        }

        if (!allowedFrom.Contains(report.Status))
        {
            throw new DomainException(nameof(command.Action), $"Không thể thực hiện thao tác này khi báo cáo đang ở trạng thái \"{StatusText(report.Status)}\".");
        }

        if (command.Action is ReportAction.Return or ReportAction.ReturnToStaff)
        {
            // The remarks still open on its sections go with a return, so the unit reads everything to fix in one place.
            comment = SectionComments.ReturnReason(comment, await comments.OpenRemarksAsync(report.Id, ct), ReportTransitionCommentMax);
        }

        if (command.Action is ReportAction.Return or ReportAction.Reopen && comment is null)
        {
            throw new DomainException(nameof(command.Comment), command.Action == ReportAction.Reopen
                ? "Nhập lý do mở lại báo cáo đã tiếp nhận."
                : "Nhập lý do trả lại hoặc ghi ý kiến vào các mục để đơn vị biết cần sửa gì.");
        }

        if (command.Action is ReportAction.SendToLeader or ReportAction.Submit)
        {
            if (state.Locked)
            {
                throw ReportStateService.LockedError(state.Schedule!);
            }

            var sections = await db.ReportSections.Where(s => s.ReportId == report.Id).OrderBy(s => s.Order)
                .Select(s => new OutlineSection(s.Heading, s.Level, s.Required, s.Text.Trim() != "")).ToListAsync(ct);
            var empty = EmptyRequired(sections);
            if (empty.Count > 0)
            {
                throw new DomainException(nameof(command.Action), $"Kế hoạch yêu cầu có nội dung ở các mục: {string.Join("; ", empty)}. Bổ sung rồi gửi lại.");
            }
        }

        var now = Now();
        var transition = Transition(actor, report.Status, to, comment, report.Id, now);
        if (to == ReportStatus.Submitted)
        {
            // The signature block of the issued document is the signer as they were on the day.
            transition.UserJobTitle = await db.Users.Where(u => u.UserName == actor.UserName).Select(u => u.JobTitle).FirstOrDefaultAsync(ct);
        }

        db.ReportTransitions.Add(transition);
        if (ReportVersions.HandsOn(to))
        {
            // What is handed on is kept, so history can show what changed between sending and sending again.
            var sections = await db.ReportSections.AsNoTracking().Where(s => s.ReportId == report.Id).OrderBy(s => s.Order).Select(s => new { s.Key, s.Text }).ToListAsync(ct);
            var kept = await db.SectionRevisions.AsNoTracking().Where(r => r.ReportId == report.Id).ToListAsync(ct);
            db.SectionRevisions.AddRange(ReportVersions.Changed(sections.Select(s => (s.Key, s.Text)), kept)
                .Select(s => new SectionRevision { ReportId = report.Id, Transition = transition, Key = s.Key, Text = s.Text }));
        }

        report.Status = to;
        report.Version++;
        if (to == ReportStatus.Submitted)
        {
            report.SubmittedAt = now;
        }

        if (to == ReportStatus.Accepted)
        {
            report.AcceptedAt = now;
        }

        // The notices and their e-mails are saved with the move (after issuing, which gives the number they quote).
        async Task SaveWithNoticesAsync(CancellationToken c)
        {
            await notices.AddAsync(report, command.Action, actor, comment, c);
            await SaveReportAsync(c);
        }

        // Issuing draws the body's next document number in the same transaction as this save.
        await (command.Action == ReportAction.Submit ? IssueAsync(report, now, SaveWithNoticesAsync, ct) : SaveWithNoticesAsync(ct));
        return to;
    }

    /// <summary>
    /// Numbers the report in its body's register and saves it in the same transaction. A report returned and issued
    /// again keeps its number and date; a save that fails leaves it without one.
    /// </summary>
    private async Task IssueAsync(Report report, DateTime now, Func<CancellationToken, Task> save, CancellationToken ct)
    {
        if (report.DocumentNumber is not null)
        {
            await save(ct);
            return;
        }

        try
        {
            await register.IssueAsync(report.UnitId, now, (number, issuedOn, c) =>
            {
                (report.DocumentNumber, report.IssuedOn) = (number, issuedOn);
                return save(c);
            }, ct);
        }
        catch
        {
            (report.DocumentNumber, report.IssuedOn) = (null, null);
            throw;
        }
    }

    /// <summary>
    /// Accepts each report as its own page would, one transaction per report: one that cannot be accepted (a colleague
    /// took or returned it meanwhile, another body reviews it) is refused with its reason and keeps no other waiting.
    /// </summary>
    public async Task<IReadOnlyList<BulkOutcome>> AcceptManyAsync(IReadOnlyList<int> reportIds, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsIn(Roles.Consolidator))
        {
            throw new ForbiddenException("Chỉ cán bộ tổng hợp của cơ quan tiếp nhận được tiếp nhận báo cáo.");
        }

        var ids = reportIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainException("ReportIds", "Chọn ít nhất một báo cáo để tiếp nhận.") { English = "Choose at least one report to accept." };
        }

        if (ids.Count > MaxBulk)
        {
            throw new DomainException("ReportIds", $"Mỗi lần tiếp nhận tối đa {MaxBulk} báo cáo.") { English = $"At most {MaxBulk} reports at a time." };
        }

        var outcomes = new List<BulkOutcome>();
        foreach (var id in ids)
        {
            try
            {
                outcomes.Add(new BulkOutcome(id, await ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Accept }, actor, ct), null));
            }
            catch (Exception ex) when (ex is DomainException or NotFoundException)
            {
                // What the refused one left tracked must not ride along with the next report's save.
                db.ChangeTracker.Clear();
                outcomes.Add(new BulkOutcome(id, null, ex is NotFoundException ? "Không tìm thấy báo cáo hoặc báo cáo ngoài phạm vi của bạn." : ex.Message));
            }
        }

        return outcomes;
    }

    /// <summary>Of these reports, those the actor may accept now (<see cref="ReportWorkflow"/>, as each report's page would offer it).</summary>
    public async Task<IReadOnlySet<int>> AcceptableAsync(IReadOnlyCollection<int> reportIds, Actor actor, CancellationToken ct = default)
    {
        var (from, _) = ReportWorkflow.Rule(ReportAction.Accept);
        if (!actor.IsIn(Roles.Consolidator) || reportIds.Count == 0)
        {
            return new HashSet<int>();
        }

        var rows = await (await access.VisibleReportsAsync(actor, ct)).AsNoTracking()
            .Where(r => reportIds.Contains(r.Id) && from.Contains(r.Status))
            .Select(r => new { r.Id, r.UnitId, r.PlanId })
            .ToListAsync(ct);
        var planIds = rows.Where(r => r.PlanId != null).Select(r => r.PlanId!.Value).Distinct().ToList();
        var plansById = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var acceptable = new HashSet<int>();
        foreach (var r in rows)
        {
            var plan = r.PlanId is { } id ? plansById[id] : null;
            if (ReportWorkflow.MayAct(ReportAction.Accept, r.UnitId, actor, await states.IsReviewerAsync(r.UnitId, plan, actor, ct)))
            {
                acceptable.Add(r.Id);
            }
        }

        return acceptable;
    }

    /// <summary>One section of a report's outline, in order, as the submit check sees it.</summary>
    public sealed record OutlineSection(string Heading, int Level, bool Required, bool HasText);

    /// <summary>
    /// The headings of required sections with nothing written in them. A heading such as "I. KẾT QUẢ THỰC HIỆN" is
    /// usually written through its items 1.–7. (the following sections of greater level), so their text counts as its.
    /// </summary>
    public static IReadOnlyList<string> EmptyRequired(IReadOnlyList<OutlineSection> sections)
    {
        var empty = new List<string>();
        for (var i = 0; i < sections.Count; i++)
        {
            if (!sections[i].Required || sections[i].HasText)
            {
                continue;
            }

            var written = false;
            for (var j = i + 1; j < sections.Count && sections[j].Level > sections[i].Level && !written; j++)
            {
                written = sections[j].HasText;
            }

            if (!written)
            {
                empty.Add(sections[i].Heading);
            }
        }

        return empty;
    }

    /// <summary>
    /// For a consolidating unit's own report: its plans' figures rolled up over the reports its units sent for the same
    /// period, mapped onto what the report's own plan asks. Nothing is saved; the page shows the numbers for the user
    /// to check and save.
    /// </summary>
    public async Task<(IReadOnlyList<RolledUpFigure> Figures, int Reports)> RollUpFiguresAsync(int reportId, Actor actor, CancellationToken ct = default)
    {
        var report = await LoadForChangeAsync(reportId, actor, ct);
        var period = ReportingPeriod.Parse(report.Period);
        var lowerPlans = (await db.Plans.AsNoTracking().Include(p => p.Figures).Where(p => p.OwnerUnitId == report.UnitId).ToListAsync(ct))
            .Where(p => p.Covers(period))
            .ToList();
        if (lowerPlans.Count == 0)
        {
            return ([], 0);
        }

        var planIds = lowerPlans.Select(p => p.Id).ToList();
        var sent = await db.Reports.AsNoTracking()
            .Where(r => r.Period == report.Period && r.PlanId != null && planIds.Contains(r.PlanId.Value)
                && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted))
            .Select(r => r.Id)
            .ToListAsync(ct);
        var answers = (await db.ReportFigures.AsNoTracking()
                .Where(f => sent.Contains(f.ReportId) && f.PlanFigureId != null && f.TextValue == null)
                .Select(f => new { f.ReportId, PlanFigureId = f.PlanFigureId!.Value, f.Value })
                .ToListAsync(ct))
            .Select(a => new AnsweredFigure(a.ReportId, a.PlanFigureId, a.Value))
            .ToList();
        var upper = report.PlanId is { } upperPlan
            ? await db.PlanFigures.AsNoTracking().Where(f => f.PlanId == upperPlan).OrderBy(f => f.Order).ToListAsync(ct)
            : null;
        return (FigureRollup.RollUp(lowerPlans.SelectMany(p => p.Figures).ToList(), answers, upper), sent.Count);
    }

    public async Task<IReadOnlyDictionary<int, PlanFigure>> PlanFiguresAsync(int planId, CancellationToken ct = default) =>
        await db.PlanFigures.AsNoTracking().Where(f => f.PlanId == planId).OrderBy(f => f.Order).ToDictionaryAsync(f => f.Id, ct);

    /// <summary>Vietnamese status names, as officials say them.</summary>
    public static string StatusText(ReportStatus? status) => status switch
    {
        null => "chưa có báo cáo",
        ReportStatus.Draft => "nháp",
        ReportStatus.AwaitingLeader => "chờ lãnh đạo duyệt",
        ReportStatus.Submitted => "đã gửi",
        ReportStatus.Returned => "bị trả lại",
        ReportStatus.Accepted => "đã tiếp nhận",
        _ => status.Value.ToString(),
    };

    private async Task<Report> LoadForChangeAsync(int reportId, Actor actor, CancellationToken ct)
    {
        var visible = await access.VisibleReportAsync(actor, reportId, ct);
        return await visible.FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Report");
    }

    private async Task SaveReportAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("", "Báo cáo vừa được người khác thay đổi. Tải lại trang để xem bản mới; nội dung bạn nhập vẫn được giữ trên trang.");
        }
    }

    private static ConcurrencyConflictException Conflict(ReportSection latest)
    {
        var when = latest.UpdatedAt is { } at ? " lúc " + VietnamTime.FormatDateTime(at) : "";
        return new ConcurrencyConflictException(
            nameof(SaveSection.Text),
            $"Mục này vừa được {latest.UpdatedBy ?? "người khác"} lưu{when}. Văn bản của bạn chưa được lưu và vẫn còn nguyên trong ô soạn thảo; hãy đối chiếu với bản mới bên dưới rồi lưu lại.")
        {
            LatestVersion = latest.Version,
            LatestText = latest.Text,
        };
    }

    private ReportTransition Transition(Actor actor, ReportStatus? from, ReportStatus to, string? comment, int reportId = 0, DateTime? at = null) => new()
    {
        ReportId = reportId,
        At = at ?? Now(),
        UserName = actor.UserName,
        UserFullName = actor.FullName,
        FromStatus = from,
        ToStatus = to,
        Comment = comment,
    };

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
