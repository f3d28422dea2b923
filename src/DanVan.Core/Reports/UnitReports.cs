using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;

namespace DanVan.Core.Reports;

/// <summary>A report on a unit's page, with the name its unit had at the period's end.</summary>
public sealed record UnitReportRow(int Id, int UnitId, string UnitName, string Period, string Title, ReportStatus Status, DateTime? SubmittedAt);

/// <summary>A predecessor (<see cref="LineageLink"/>: merged into, or split from, with day and legal basis) and its reports of the periods begun before that day.</summary>
public sealed record PredecessorReports(LineageLink Link, IReadOnlyList<UnitReportRow> Reports);

/// <summary>Whether one unit sent its report of a period by the deadline of the plan it reported under.</summary>
public sealed record DutyOutcome(int UnitId, string UnitName, bool Predecessor, string Plan, DateOnly Deadline, Timeliness Timeliness, int? ReportId, ReportStatus? Status, DateTime? SubmittedAt);

/// <summary>One period of the completeness history: the unit itself, or before a merger each predecessor that reported.</summary>
public sealed record PeriodOutcome(string Period, IReadOnlyList<DutyOutcome> Units)
{
    public bool ByPredecessors => Units.Any(u => u.Predecessor);
}

/// <summary>"Trước ngày 01/07/2025: do xã Trà Tân, xã Trà Bùi báo cáo": who reported for the unit before an arrangement.</summary>
public sealed record ReportedBefore(DateOnly Day, IReadOnlyList<string> Units);

/// <summary>A name the unit bore, <see cref="To"/> exclusive (null while current).</summary>
public sealed record NameSpan(string Name, DateOnly From, DateOnly? To);

public sealed record UnitReports(
    int UnitId,
    string Code,
    string Name,
    DateOnly? ClosedOn,
    IReadOnlyList<NameSpan> Names,
    IReadOnlyList<UnitReportRow> Reports,
    IReadOnlyList<PredecessorReports> Predecessors,
    IReadOnlyList<ReportedBefore> ReportedBefore,
    IReadOnlyList<PeriodOutcome> History);

/// <summary>A report of the unit or a predecessor as loaded, whoever may read it.</summary>
public sealed record LoadedReport(int Id, int UnitId, string Period, string Title, ReportStatus Status, DateTime? SubmittedAt);

/// <summary>What <see cref="UnitReportsBuilder.Build"/> needs, loaded by <see cref="UnitReportsService"/>.</summary>
public sealed record UnitReportsInput
{
    public required Lineage Lineage { get; init; }

    public required DateOnly? ClosedOn { get; init; }

    public required IReadOnlyList<NameSpan> Names { get; init; }

    public required UnitHistory History { get; init; }

    /// <summary>The unit's and its predecessors' reports, drafts included; <see cref="DraftUnits"/> says which the viewer reads.</summary>
    public required IReadOnlyList<LoadedReport> Reports { get; init; }

    public required IReadOnlyList<ReportingDuty> Duties { get; init; }

    /// <summary>The unit and predecessors in the viewer's scope (null: all); the others are named, their reports left out unless inherited.</summary>
    public required IReadOnlySet<int>? Visible { get; init; }

    /// <summary><see cref="AccessService.InheritedAsync"/>: the predecessors' reports the viewer's own unit inherited.</summary>
    public required Inheritance Inherited { get; init; }

    /// <summary><see cref="AccessService.DraftUnitIdsAsync"/>: units whose unsent reports the viewer reads.</summary>
    public required IReadOnlySet<int>? DraftUnits { get; init; }

    public required DateOnly Today { get; init; }
}

/// <summary>
/// A unit's page: its reports, its predecessors' through every merger and split (each until the day it passed on), and
/// per period who owed the report and whether it came on time. Pure; <see cref="UnitReportsService"/> loads and checks access.
/// </summary>
public static class UnitReportsBuilder
{
    public static UnitReports Build(UnitReportsInput input)
    {
        var lineage = input.Lineage;
        var unitId = lineage.UnitId;
        // A predecessor's reports and duties count up to the day it passed on; a split origin that lives on keeps its later ones.
        var until = new Dictionary<int, DateOnly?> { [unitId] = null };
        foreach (var link in lineage.Predecessors)
        {
            until.TryAdd(link.UnitId, link.On);
        }

        bool Before(int unit, ReportingPeriod period) => until[unit] is not { } day || period.CalendarWindow().Start < day;
        bool Counts(int unit, string code) => until.ContainsKey(unit) && ReportingPeriod.TryParse(code, out var p) && Before(unit, p);
        bool InScope(int unit) => input.Visible is null || input.Visible.Contains(unit);
        bool Sees(int unit) => InScope(unit) || input.Inherited.Units.ContainsKey(unit);
        bool Reads(LoadedReport r) =>
            (InScope(r.UnitId) && AccessService.MayRead(input.DraftUnits, r.UnitId, r.Status)) || input.Inherited.Reports.ContainsKey(r.Id);
        string NameThen(int unit, string code) => ReportingPeriod.TryParse(code, out var p)
            ? input.History.NameOn(unit, Min(p.CalendarWindow().End, until[unit]?.AddDays(-1)), lineage.Code)
            : lineage.Name;

        var readable = input.Reports
            .Where(r => Counts(r.UnitId, r.Period) && Reads(r))
            .OrderByDescending(r => ReportingPeriod.TryParse(r.Period, out var p) ? p.CalendarWindow().End : DateOnly.MinValue)
            .ThenBy(r => r.Period, StringComparer.Ordinal)
            .Select(r => new UnitReportRow(r.Id, r.UnitId, NameThen(r.UnitId, r.Period), r.Period, r.Title, r.Status, r.SubmittedAt))
            .ToLookup(r => r.UnitId);

        var predecessors = lineage.Predecessors.Select(l => new PredecessorReports(l, readable[l.UnitId].ToList())).ToList();

        // Per unit and period, the report that answers the duty: a sent one before a draft, the latest of two.
        var answers = input.Reports.GroupBy(r => (r.UnitId, r.Period))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => Completeness.IsSent(r.Status)).ThenByDescending(r => r.Id).First());
        var order = lineage.Predecessors.Select((l, i) => (l.UnitId, i)).ToDictionary(x => x.UnitId, x => x.i + 1);
        order[unitId] = 0;
        var history = input.Duties
            .Where(d => until.ContainsKey(d.UnitId) && Sees(d.UnitId) && Before(d.UnitId, d.Period))
            .GroupBy(d => d.Period)
            .OrderByDescending(g => g.Key.CalendarWindow().End).ThenBy(g => g.Key.Type)
            .Select(g => new PeriodOutcome(g.Key.ToString(), g.OrderBy(d => order[d.UnitId]).Select(d =>
            {
                var code = d.Period.ToString();
                answers.TryGetValue((d.UnitId, code), out var report);
                var sent = Completeness.IsSent(report?.Status);
                return new DutyOutcome(
                    d.UnitId, NameThen(d.UnitId, code), d.UnitId != unitId, d.Citation, d.Deadline,
                    Completeness.Classify(d.Deadline, sent ? report!.SubmittedAt ?? DateTime.MaxValue : null, input.Today),
                    report is not null && Reads(report) ? report.Id : null,
                    report?.Status, sent ? report!.SubmittedAt : null);
            }).ToList()))
            .ToList();

        // Each day an arrangement passed units on: the unit itself if it existed already, and the units it took over that day.
        var firstNamed = input.History.FirstNamedOn(unitId);
        var reportedBefore = lineage.Predecessors.GroupBy(l => l.On).OrderByDescending(g => g.Key)
            .Select(g => new ReportedBefore(g.Key, [
                .. firstNamed is { } from && from < g.Key ? [input.History.NameOn(unitId, g.Key.AddDays(-1), lineage.Code)] : Array.Empty<string>(),
                .. g.Select(l => input.History.NameOn(l.UnitId, g.Key.AddDays(-1), l.Name)),
            ]))
            .ToList();

        return new UnitReports(unitId, lineage.Code, lineage.Name, input.ClosedOn, input.Names, readable[unitId].ToList(), predecessors, reportedBefore, history);
    }

    private static DateOnly Min(DateOnly a, DateOnly? b) => b is { } other && other < a ? other : a;
}
