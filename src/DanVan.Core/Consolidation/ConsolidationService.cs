using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Consolidation;

public sealed record Consolidate
{
    public required int PlanId { get; init; }

    public required string Period { get; init; }

    /// <summary>Also replace sections (and figures) edited since the last draft; off by default so no edit is lost silently.</summary>
    public bool Overwrite { get; init; }
}

/// <summary>What a consolidation did to the report: sections filled with the new draft, and sections kept because someone edited them.</summary>
public sealed record ConsolidationResult(int ReportId, bool Created, IReadOnlyList<string> Filled, IReadOnlyList<string> Kept, ConsolidationContent Content);

/// <summary>
/// The consolidated report of a plan's period: a normal report of the plan's owner (the consolidating unit), so it is
/// reviewed, issued, numbered and exported like any other, drafted from the reports its units sent, with the sources
/// of every part kept in a <see cref="ConsolidationDraft"/>.
/// </summary>
public sealed class ConsolidationService(
    DanVanDbContext db, DbContextOptions<DanVanDbContext> options, PlanService plans, CompletenessService completeness, ReportService reports, FigureComparisonService comparisons, TimeProvider clock)
{
    /// <summary>The draft, computed and not saved.</summary>
    public async Task<ConsolidationContent> BuildAsync(int planId, string period, Actor actor, CancellationToken ct = default) =>
        Consolidator.Build(await LoadAsync(planId, period, null, actor, ct));

    /// <summary>
    /// Drafts the consolidated report into the owner's report for the period, creating it when there is none. A
    /// section is filled when it is empty or still exactly as the last draft left it; a section someone has edited is
    /// kept (and named in the result) unless <see cref="Consolidate.Overwrite"/>. A report already sent is refused.
    /// </summary>
    public async Task<ConsolidationResult> ConsolidateAsync(Consolidate command, Actor actor, CancellationToken ct = default)
    {
        var plan = await plans.LoadAsync(command.PlanId, ct);
        var period = ReportingPeriod.ParseInput(command.Period, nameof(command.Period), clock);
        var code = period.ToString();
        var report = await db.Reports.Include(r => r.Sections).Include(r => r.Figures)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.UnitId == plan.OwnerUnitId && r.Period == code, ct);
        if (report is not null && Completeness.IsSent(report.Status))
        {
            throw new DomainException(nameof(command.Period), $"Báo cáo tổng hợp {period.ToVietnamese()} đã ở trạng thái \"{ReportStatusText.Of(report.Status)}\" nên không lập lại được. Muốn lập lại, đề nghị cấp trên trả lại hoặc mở lại báo cáo.")
            {
                English = $"The consolidated report for {period} is {report.Status}, so it cannot be drafted again. To redraft it, ask the body above to return or reopen it.",
            };
        }

        var outline = report?.Sections.OrderBy(s => s.Order).Select(s => new SectionTemplate(s.Key, s.Heading, s.Level)).ToList();
        var content = Consolidator.Build(await LoadAsync(command.PlanId, code, outline, actor, ct));
        // The stored draft (megabytes at province scale) is written on another core while the last one is read.
        var json = Task.Run(() => content.ForStorage().ToJson(), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var previous = report is null ? null : await db.ConsolidationDrafts.FirstOrDefaultAsync(d => d.ReportId == report.Id, ct);
        var before = DraftedText.TryFromJson(previous?.Content);

        var filled = new List<string>();
        var kept = new List<string>();
        var created = report is null;
        Plan? upper = null;
        if (report is null)
        {
            upper = await plans.PlanForAsync(plan.OwnerUnitId, period, ct);
            // A new report like any other (its history, last period's tasks), on the consolidated plan's outline.
            report = await reports.NewAsync(plan.OwnerUnitId, period, upper, actor, $"Lập báo cáo tổng hợp theo {plan.Citation}", ct);
            report.Title = ReportTemplate.ConsolidatedTitle(period);
            report.Sections = content.Sections.Select((s, i) => new ReportSection
            {
                Key = s.Key,
                Heading = s.Heading,
                Level = s.Level,
                Order = i,
                Required = plan.Sections.FirstOrDefault(p => p.Key == s.Key)?.Required ?? false,
            }).ToList();
            foreach (var (section, drafted) in report.Sections.Zip(content.Sections))
            {
                section.Write(drafted.Text, actor.UserName, now);
            }

            filled.AddRange(content.Sections.Select(s => s.Heading));
            db.Reports.Add(report);
        }
        else
        {
            foreach (var drafted in content.Sections)
            {
                var section = report.Sections.First(s => s.Key == drafted.Key);
                var untouched = string.IsNullOrWhiteSpace(section.Text) || section.Text == before?.Sections.FirstOrDefault(s => s.Key == drafted.Key)?.Text;
                if (section.Text == drafted.Text)
                {
                    continue;
                }

                if (!untouched && !command.Overwrite)
                {
                    kept.Add(section.Heading);
                    continue;
                }

                section.Write(drafted.Text, actor.UserName, now);
                filled.Add(section.Heading);
            }
        }

        var figuresUntouched = report.Figures.Count == 0 || (before is not null && SameFigures(report.Figures, before.Figures));
        if (!SameFigures(report.Figures, content.Figures))
        {
            if (figuresUntouched || command.Overwrite)
            {
                db.ReportFigures.RemoveRange(report.Figures);
                report.Figures = content.Figures.Select((f, i) => new ReportFigure { Order = i, Name = f.Name, Value = f.Value, UnitOfMeasure = f.UnitOfMeasure, PlanFigureId = f.PlanFigureId }).ToList();
                filled.Add("Số liệu");
            }
            else
            {
                kept.Add("Số liệu");
            }
        }

        if (created && FromParts.Applies(period))
        {
            // An annual (6-month, 9-month) consolidated report also starts from the quarterly consolidated ones, in
            // the sections and figures the units' reports left empty.
            await reports.DraftFromPartsAsync(report, period, upper, ct);
        }

        if (report.Id != 0 && filled.Count > 0)
        {
            // Sections and figures are the report: whoever looked at it before this refresh (a leader about to submit,
            // an import previewed against it) must see it changed, and a submit meanwhile must refuse the refresh.
            report.Version++;
        }

        if (previous is null)
        {
            db.ConsolidationDrafts.Add(new ConsolidationDraft { Report = report, PlanId = plan.Id, BuiltAt = now, BuiltBy = actor.UserName, Content = await json });
        }
        else
        {
            (previous.PlanId, previous.BuiltAt, previous.BuiltBy, previous.Content) = (plan.Id, now, actor.UserName, await json);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException(nameof(command.Period), $"Báo cáo tổng hợp {period.ToVietnamese()} vừa được người khác sửa hoặc gửi. Tải lại trang rồi lập lại.")
            {
                English = $"The consolidated report for {period} was changed or sent by someone else meanwhile. Reload the page and draft it again.",
            };
        }
        catch (DbUpdateException) when (created)
        {
            // Two consolidators pressed the button at once; the unique (unit, period) index keeps one report.
            throw new DomainException(nameof(command.Period), $"Báo cáo tổng hợp {period.ToVietnamese()} vừa được người khác lập. Tải lại trang rồi lập lại.")
            {
                English = $"The consolidated report for {period} was just drafted by someone else. Reload the page and draft it again.",
            };
        }

        return new ConsolidationResult(report.Id, created, filled, kept, content);
    }

    /// <summary>
    /// For the command line: the latest plan covering the period owned by the unit with this code, or by the unit it
    /// consolidates for (a Sở Nội vụ's code stands for its province).
    /// </summary>
    public async Task<int> FindPlanAsync(string unitCode, string period, CancellationToken ct = default)
    {
        var code = unitCode.Trim().ToUpperInvariant();
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => new { u.Id, u.ConsolidatesForId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Unit {code}");
        var owner = unit.ConsolidatesForId ?? unit.Id;
        var p = ReportingPeriod.ParseInput(period, nameof(Consolidate.Period), clock);
        return (await db.Plans.AsNoTracking().Where(x => x.OwnerUnitId == owner && x.PeriodType == p.Type).ToListAsync(ct))
            .Where(x => x.Covers(p)).OrderByDescending(x => x.IssuedOn).ThenByDescending(x => x.Id).Select(x => (int?)x.Id).FirstOrDefault()
            ?? throw new NotFoundException($"Plan of {code} covering {p}");
    }

    /// <summary>The consolidated report with its last draft, for the page that traces each part to its sources.</summary>
    public async Task<(Report Report, ConsolidationContent? Draft)> DraftAsync(int reportId, Actor actor, CancellationToken ct = default)
    {
        var report = await reports.GetAsync(reportId, actor, ct);
        var json = await db.ConsolidationDrafts.AsNoTracking().Where(d => d.ReportId == reportId).Select(d => d.Content).FirstOrDefaultAsync(ct);
        return (report, ConsolidationContent.TryFromJson(json));
    }

    /// <summary>
    /// Saves a section of a consolidated report: besides the unit's own staff and leader, its consolidator drafts it
    /// (see <see cref="ReportStandingService.AsDrafterAsync"/>).
    /// </summary>
    public async Task<SectionSaved> SaveSectionAsync(SaveSection command, Actor actor, CancellationToken ct = default) =>
        await db.ConsolidationDrafts.AnyAsync(d => d.ReportId == command.ReportId, ct)
            ? await reports.SaveSectionAsync(command, actor, ct)
            : throw new NotFoundException("Report");

    private async Task<ConsolidationInput> LoadAsync(int planId, string period, IReadOnlyList<SectionTemplate>? outline, Actor actor, CancellationToken ct)
    {
        var plan = await plans.LoadAsync(planId, ct);
        if (!actor.IsIn(Roles.Admin) && !await plans.ManagesAsync(plan, actor, ct))
        {
            throw new ForbiddenException("Chỉ cán bộ tổng hợp của cơ quan ban hành kế hoạch được lập báo cáo tổng hợp.")
            {
                English = "Only the consolidating staff of the body that issued the plan may draft the consolidated report.",
            };
        }

        var p = ReportingPeriod.ParseInput(period, nameof(Consolidate.Period), clock);
        if (!plan.Covers(p))
        {
            throw new DomainException(nameof(Consolidate.Period), $"Kỳ {p.ToVietnamese()} không thuộc {plan.Citation}. Chọn một kỳ của kế hoạch.")
            {
                English = $"The period {p} is not one of {plan.Citation}'s. Choose a period of the plan.",
            };
        }

        // The sections of the plan's reports for the period (tens of thousands at province scale) are read on a second
        // connection while the dashboard decides which reports were sent; those the guess missed (a unit reporting
        // under another plan) follow.
        var code = p.ToString();
        var guessed = Task.Run(() => SectionsOfPlanAsync(plan.Id, code, ct), ct);
        var dashboard = await completeness.DashboardAsync(new DashboardQuery { PlanId = plan.Id, Period = code, AllRows = true, History = false }, actor, ct);
        var rows = dashboard.AllRows.Where(r => r.Reports).ToList();
        var ids = rows.Select(r => r.UnitId).ToList();
        var places = await db.Units.AsNoTracking().Where(u => EF.Parameter(ids).Contains(u.Id)).Select(u => new { u.Id, u.PlaceName }).ToDictionaryAsync(u => u.Id, u => u.PlaceName, ct);
        var units = rows.Select(r => new ConsolidationUnit(
                new DraftUnit(r.UnitId, r.UnitCode, r.UnitName, r.ReportId, Completeness.IsSent(r.Status), r.Timeliness),
                OwnNames(r.UnitName, places.GetValueOrDefault(r.UnitId, ""), dashboard.ScopeName)))
            .ToList();
        var sent = units.Where(u => u.Unit.Sent).Select(u => u.Unit.ReportId!.Value).ToList();
        var prefetched = await guessed;
        var missed = sent.Where(id => !prefetched.ContainsKey(id)).ToList();
        var rest = (missed.Count == 0 ? [] : await db.ReportSections.AsNoTracking().Where(s => EF.Parameter(missed).Contains(s.ReportId))
            .Select(s => new SectionText(s.ReportId, s.Key, s.Text)).ToListAsync(ct)).ToLookup(s => s.ReportId);
        var texts = sent.ToDictionary(id => id, id => prefetched.GetValueOrDefault(id) ?? TextsByKey(rest[id]));

        var figures = (await db.ReportFigures.AsNoTracking().Where(f => EF.Parameter(sent).Contains(f.ReportId) && f.PlanFigureId != null)
                .Select(f => new { f.ReportId, f.PlanFigureId, f.Value, f.TextValue }).ToListAsync(ct))
            .Select(f => new FigureAnswer(f.ReportId, f.PlanFigureId!.Value, f.Value, f.TextValue))
            .ToList();
        var upper = await plans.PlanForAsync(plan.OwnerUnitId, p, ct);
        var comparison = plan.Figures.Count == 0 ? null : await comparisons.ForUnitsAsync(plan.Id, [.. plan.Figures.OrderBy(f => f.Order)], p, ids, ct);
        var intro = ReportTemplate.Default[0];
        var closing = ReportTemplate.Default[^1];
        return new ConsolidationInput
        {
            Plan = plan,
            Period = code,
            PeriodText = p.ToVietnamese(),
            OwnerName = dashboard.ScopeName,
            Outline = outline ?? [intro, .. plan.Sections.OrderBy(s => s.Order).Select(s => new SectionTemplate(s.Key, s.Heading, s.Level)), closing],
            Units = units,
            Texts = texts,
            Figures = figures,
            UpperFigures = upper?.Figures,
            Comparison = comparison,
            BodyPages = plan.ConsolidatedBodyPages,
        };
    }

    private sealed record SectionText(int ReportId, string Key, string Text);

    private async Task<Dictionary<int, IReadOnlyDictionary<string, string>>> SectionsOfPlanAsync(int planId, string period, CancellationToken ct)
    {
        await using var other = new DanVanDbContext(options);
        var rows = await (from s in other.ReportSections.AsNoTracking()
                          join r in other.Reports on s.ReportId equals r.Id
                          where r.PlanId == planId && r.Period == period
                          select new SectionText(s.ReportId, s.Key, s.Text)).ToListAsync(ct);
        return rows.GroupBy(s => s.ReportId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)TextsByKey(g));
    }

    private static Dictionary<string, string> TextsByKey(IEnumerable<SectionText> sections) =>
        sections.GroupBy(s => s.Key).ToDictionary(s => s.Key, s => s.First().Text, StringComparer.Ordinal);

    /// <summary>A unit's own names, masked when comparing its text; a department's place is the province's, shared by all, so it is not one.</summary>
    private static IReadOnlyList<string> OwnNames(string name, string place, string ownerName) =>
        place.Length > 0 && !ownerName.EndsWith(place, StringComparison.Ordinal) ? [name, Consolidator.ShortName(name), place] : [name, Consolidator.ShortName(name)];

    private static bool SameFigures(IEnumerable<ReportFigure> saved, IEnumerable<DraftFigure> drafted) =>
        saved.OrderBy(f => f.Order).Select(f => (f.Name, f.Value, f.UnitOfMeasure)).SequenceEqual(drafted.Select(f => (f.Name, f.Value, f.UnitOfMeasure)));
}
