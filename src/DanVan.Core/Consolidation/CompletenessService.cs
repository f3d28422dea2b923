using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Consolidation;

public enum Timeliness
{
    NotDue,
    OnTime,
    Late,
    Overdue,
}

public sealed record CompletenessRow(
    int UnitId,
    string UnitCode,
    string UnitName,
    UnitKind Kind,
    int Depth,
    int? ReportId,
    ReportStatus? Status,
    DateTime? SubmittedAt,
    Timeliness Timeliness);

public sealed record CompletenessTable(ReportingPeriod Period, int ScopeUnitId, string ScopeName, DateOnly? Deadline, IReadOnlyList<CompletenessRow> Rows)
{
    public int Expected => Rows.Count;

    public int Submitted => Rows.Count(r => r.Status is ReportStatus.Submitted or ReportStatus.Accepted);
}

public sealed record SetDeadline
{
    public required string Period { get; init; }
    public required DateOnly DueOn { get; init; }
}

/// <summary>Who in a consolidator's subtree has reported for a period, and whether on time.</summary>
public sealed class CompletenessService(DanVanDbContext db, AccessService access, OrgUnitService units, TimeProvider clock)
{
    public async Task<CompletenessTable> TableAsync(Actor actor, ReportingPeriod period, CancellationToken ct = default)
    {
        RequireConsolidator(actor);
        var root = await access.ScopeRootAsync(actor, ct);
        var (start, end) = period.CalendarWindow();
        var tree = await units.LoadTreeAsync(end, ct);
        var scope = tree.SubtreeOf(root);
        var names = await units.NamesAsync(end, ct);
        var code = period.ToString();

        // Units that existed during the period, minus the scope's own People's Committee and the bodies consolidating for it.
        var expected = (await db.Units.AsNoTracking()
                .Where(u => u.ClosedOn == null || u.ClosedOn > start)
                .Select(u => new { u.Id, u.Code, u.Kind, u.ConsolidatesForId })
                .ToListAsync(ct))
            .Where(u => scope.Contains(u.Id) && u.Id != root && u.ConsolidatesForId != root && u.Id != actor.UnitId)
            .ToList();

        var reports = (await db.Reports.AsNoTracking()
                .Where(r => r.Period == code)
                .Select(r => new { r.Id, r.UnitId, r.Status, r.SubmittedAt })
                .ToListAsync(ct))
            .Where(r => scope.Contains(r.UnitId))
            .ToDictionary(r => r.UnitId);

        var deadline = await db.PeriodDeadlines.AsNoTracking()
            .Where(d => d.ScopeUnitId == root && d.Period == code)
            .Select(d => (DateOnly?)d.DueOn)
            .FirstOrDefaultAsync(ct);
        var today = VietnamTime.Today(clock);

        var rows = expected.Select(u =>
        {
            var report = reports.GetValueOrDefault(u.Id);
            var sent = report?.Status is ReportStatus.Submitted or ReportStatus.Accepted;
            var timeliness = Classify(deadline, sent ? report!.SubmittedAt : null, today);
            return new CompletenessRow(u.Id, u.Code, names.GetValueOrDefault(u.Id, u.Code), u.Kind, tree.DepthOf(u.Id),
                report?.Id, report?.Status, sent ? report!.SubmittedAt : null, timeliness);
        });

        var ordered = OrgUnitService.InTreeOrder(rows
                .Select(r => new UnitRow(r.UnitId, r.UnitCode, r.UnitName, r.Kind, "", tree.ParentOf(r.UnitId), r.Depth, null, null))
                .ToList())
            .Select(u => u.Id)
            .ToList();
        var byId = rows.ToDictionary(r => r.UnitId);
        return new CompletenessTable(period, root, names.GetValueOrDefault(root, ""), deadline, ordered.Select(id => byId[id]).ToList());
    }

    /// <summary>Pure: a report sent on the deadline day is on time; unsent after it is overdue.</summary>
    public static Timeliness Classify(DateOnly? deadline, DateTime? submittedAtUtc, DateOnly today)
    {
        if (deadline is not { } due)
        {
            return Timeliness.NotDue;
        }

        if (submittedAtUtc is { } at)
        {
            return VietnamTime.DateOf(at) <= due ? Timeliness.OnTime : Timeliness.Late;
        }

        return today > due ? Timeliness.Overdue : Timeliness.NotDue;
    }

    public async Task SetDeadlineAsync(SetDeadline command, Actor actor, CancellationToken ct = default)
    {
        RequireConsolidator(actor);
        var period = ReportingPeriod.ParseInput(command.Period, nameof(command.Period));
        var (start, _) = period.CalendarWindow();
        if (command.DueOn < start)
        {
            throw new DomainException(nameof(command.DueOn), $"Hạn gửi phải sau ngày bắt đầu kỳ ({start:dd/MM/yyyy}).");
        }

        var root = await access.ScopeRootAsync(actor, ct);
        var code = period.ToString();
        var row = await db.PeriodDeadlines.FirstOrDefaultAsync(d => d.ScopeUnitId == root && d.Period == code, ct);
        if (row is null)
        {
            db.PeriodDeadlines.Add(new PeriodDeadline { ScopeUnitId = root, Period = code, DueOn = command.DueOn });
        }
        else
        {
            row.DueOn = command.DueOn;
        }

        await db.SaveChangesAsync(ct);
    }

    private static void RequireConsolidator(Actor actor)
    {
        if (!actor.IsIn(Roles.Consolidator) && !actor.IsIn(Roles.Admin))
        {
            throw new ForbiddenException("Chỉ cơ quan tổng hợp được xem bảng theo dõi tình hình gửi báo cáo.");
        }
    }
}
