using DanVan.Core.Access;
using DanVan.Core.Audit;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.OrgUnits;

public sealed record ReorganisationResult(int Created, int Renamed, int Moved, int Merged, int SplitParts, int Dissolved);

/// <summary>A plan whose audience changes, from the first of its periods the arrangement reaches.</summary>
public sealed record PlanEffect(int PlanId, string Citation, string Period, IReadOnlyList<string> Leaving, IReadOnlyList<string> Joining);

public sealed record ReportEffect(int ReportId, string Unit, string Period, ReportStatus Status);

/// <summary>A user of a unit the arrangement ends; <see cref="Successor"/> null when someone must choose their new unit.</summary>
public sealed record UserEffect(string UserName, string FullName, string Unit, string? Successor);

public sealed record ScopeEffect(string UserName, string FullName, string Scope, int Joining, int Leaving);

/// <summary>What confirming would do, for the administrator to read first; <see cref="Plan"/> carries any errors.</summary>
public sealed record ReorganisationPreview(
    Reorganisation Plan,
    IReadOnlyList<string> Changes,
    IReadOnlyList<PlanEffect> Plans,
    IReadOnlyList<ReportEffect> Reports,
    int ReportCount,
    IReadOnlyList<UserEffect> Users,
    IReadOnlyList<ScopeEffect> Consolidators);

/// <summary>A unit's place in the history of merges and splits: what it came from, what it became.</summary>
public sealed record LineageLink(int UnitId, string Code, string Name, UnitEventKind Kind, DateOnly On, decimal? Share, string? LegalBasis, int Depth);

/// <summary>A merge or a split as an edge from the older unit (<see cref="From"/>) to the newer (<see cref="To"/>).</summary>
public sealed record LineageEdge(int From, int To, UnitEventKind Kind, DateOnly On, decimal? Share, string? LegalBasis);

public sealed record Lineage(int UnitId, string Code, string Name, IReadOnlyList<LineageLink> Predecessors, IReadOnlyList<LineageLink> Successors);

/// <summary>
/// Loads what <see cref="Reorganisation.Check"/> needs, previews an arrangement's effect and applies it in one
/// transaction. Nothing is deleted: closed units keep their names, parents and reports.
/// </summary>
public sealed class ReorganisationService(DanVanDbContext db, AuditLog audit, TimeProvider clock)
{
    private const int PreviewListLimit = 200;

    public async Task<Reorganisation> CheckAsync(IReadOnlyList<ReorganisationRow> rows, CancellationToken ct = default)
    {
        var state = await LoadAsync(ct);
        return Reorganisation.Check(rows, state.Units, state.Links);
    }

    public async Task<ReorganisationResult> ApplyAsync(IReadOnlyList<ReorganisationRow> rows, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = await CheckAsync(rows, ct);
        if (!plan.Valid)
        {
            throw new ReorganisationException(plan.Errors) { English = string.Join("\n", plan.Errors.Select(e => e.EnglishText)) };
        }

        var codes = plan.Units.Select(u => u.Code)
            .Concat(plan.Units.Where(u => u.ParentCode is not null).Select(u => u.ParentCode!))
            .Concat(plan.Closures.Select(c => c.Code))
            .Concat(plan.Splits.Select(s => s.OriginCode))
            .Distinct().ToArray();
        var byCode = await db.Units.Include(u => u.Names).Include(u => u.ParentLinks).AsSplitQuery()
            .Where(u => EF.Parameter(codes).Contains(u.Code)).ToDictionaryAsync(u => u.Code, ct);

        int created = 0, renamed = 0, moved = 0;
        var events = new List<(string Code, UnitEventKind Kind, DateOnly On, string? Related, string? Note, decimal? Share, string Legal)>();
        foreach (var change in plan.Units.OrderBy(u => u.On))
        {
            if (change.IsNew)
            {
                var unit = new OrgUnit { Code = change.Code, Kind = change.Kind, PlaceName = change.PlaceName!, Names = [new UnitName { Name = change.Name!, ValidFrom = change.On }] };
                db.Units.Add(unit);
                byCode[change.Code] = unit;
                events.Add((change.Code, UnitEventKind.Created, change.On, null, change.Name, null, change.LegalBasis));
                created++;
            }
            else if (change.Renames)
            {
                Rename(byCode[change.Code], change.Name!, change.On);
                events.Add((change.Code, UnitEventKind.Renamed, change.On, null, change.Name, null, change.LegalBasis));
                renamed++;
            }
        }

        foreach (var change in plan.Units.Where(u => u.ParentCode is not null).OrderBy(u => u.On))
        {
            if (Move(byCode[change.Code], byCode[change.ParentCode!], change.On) && !change.IsNew)
            {
                events.Add((change.Code, UnitEventKind.Moved, change.On, change.ParentCode, null, null, change.LegalBasis));
                moved++;
            }
        }

        var legalOf = plan.Units.ToDictionary(u => u.Code, u => u.LegalBasis);
        foreach (var part in plan.Splits)
        {
            events.Add((part.SuccessorCode, UnitEventKind.Split, part.On, part.OriginCode, null, part.Share, legalOf[part.SuccessorCode]));
        }

        foreach (var closure in plan.Closures)
        {
            byCode[closure.Code].ClosedOn = closure.On;
            var legal = legalOf.GetValueOrDefault(closure.SuccessorCode ?? closure.Code) ?? plan.Splits.Where(s => s.OriginCode == closure.Code).Select(s => legalOf[s.SuccessorCode]).First();
            events.Add((closure.Code, closure.SuccessorCode is null ? UnitEventKind.Closed : UnitEventKind.Merged, closure.On, closure.SuccessorCode, null, null, legal));
        }

        // New units get their ids here; the events name them by id.
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.UnitEvents.AddRange(events.Select(e => new UnitEvent
        {
            UnitId = byCode[e.Code].Id,
            Kind = e.Kind,
            EffectiveOn = e.On,
            RelatedUnitId = e.Related is null ? null : byCode[e.Related].Id,
            Note = e.Note,
            Share = e.Share,
            LegalBasis = e.Legal,
            RecordedAt = now,
            RecordedBy = actor.UserName,
        }));
        var result = new ReorganisationResult(created, renamed, moved, plan.Closures.Count(c => c.SuccessorCode is not null), plan.Splits.Count, plan.Units.Count(u => u.Dissolves));
        var bases = plan.Units.Select(u => u.LegalBasis).Distinct().ToList();
        audit.Add(AuditKind.UnitsReorganised, actor, string.Join("; ", bases),
            $"{result.Created} created, {result.Renamed} renamed, {result.Moved} moved, {result.Merged} merged, {result.SplitParts} split parts, {result.Dissolved} dissolved");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private static void Rename(OrgUnit unit, string name, DateOnly on)
    {
        var current = unit.Names.MaxBy(n => n.ValidFrom)!;
        if (current.ValidFrom == on)
        {
            // Same effective day: a correction of the current name, not a new period of history.
            current.Name = name;
            return;
        }

        current.ValidTo = on;
        unit.Names.Add(new UnitName { Name = name, ValidFrom = on });
    }

    /// <summary>False when the unit is already under that parent.</summary>
    private static bool Move(OrgUnit unit, OrgUnit parent, DateOnly on)
    {
        var current = unit.ParentLinks.MaxBy(l => l.ValidFrom);
        if (current is not null && (current.Parent == parent || (parent.Id != 0 && current.ParentId == parent.Id)))
        {
            return false;
        }

        if (current is not null && current.ValidFrom == on)
        {
            current.Parent = parent;
            return true;
        }

        current?.ValidTo = on;
        unit.ParentLinks.Add(new UnitParentLink { Parent = parent, ValidFrom = on });
        return true;
    }

    public async Task<ReorganisationPreview> PreviewAsync(IReadOnlyList<ReorganisationRow> rows, CancellationToken ct = default)
    {
        var state = await LoadAsync(ct);
        var plan = Reorganisation.Check(rows, state.Units, state.Links);
        if (!plan.Valid)
        {
            return new ReorganisationPreview(plan, [], [], [], 0, [], []);
        }

        var byCode = state.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var byId = state.Units.ToDictionary(u => u.Id);
        var names = byCode.ToDictionary(p => p.Key, p => p.Value.Name, StringComparer.Ordinal);
        foreach (var unit in plan.Units.Where(u => u.IsNew))
        {
            names[unit.Code] = unit.Name!;
        }

        // New units get stand-in ids below zero, so audiences and scopes resolve over one id space.
        var ids = byCode.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal);
        var next = -1;
        foreach (var unit in plan.Units.Where(u => u.IsNew))
        {
            ids[unit.Code] = next--;
        }

        var codeOf = ids.ToDictionary(p => p.Value, p => p.Key);
        var facts = await FactsAsync(ct);
        var after = new Dictionary<int, UnitFacts>(facts);
        foreach (var closure in plan.Closures)
        {
            var id = ids[closure.Code];
            after[id] = after[id] with { ClosedOn = closure.On };
        }

        foreach (var unit in plan.Units.Where(u => u.IsNew))
        {
            after[ids[unit.Code]] = new UnitFacts(ids[unit.Code], unit.Code, unit.Kind, null, null, unit.On);
        }

        UnitTree TreeOn(DateOnly day, bool applied) => applied
            ? new UnitTree(plan.ParentsOn(day, byCode, byId, state.Links).Select(p => (ids[p.Key], ids[p.Value])))
            : new UnitTree(state.Links.Where(l => l.From <= day).GroupBy(l => l.UnitId).Select(g => g.MaxBy(l => l.From)).Select(l => (l.UnitId, l.ParentId)));
        string NameOf(int id) => names.GetValueOrDefault(codeOf.GetValueOrDefault(id) ?? "", codeOf.GetValueOrDefault(id) ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var first = plan.Days[0];
        var planEffects = new List<PlanEffect>();
        foreach (var p in await db.Plans.AsNoTracking().Include(p => p.Units).ToListAsync(ct))
        {
            if (FirstPeriodFrom(p, first) is not { } period)
            {
                continue;
            }

            var end = period.Window(p.Semantics).End;
            var audience = Audience.Of(p);
            var was = audience.Resolve(TreeOn(end, false), facts, period);
            var will = audience.Resolve(TreeOn(end, true), after, period);
            if (!was.SetEquals(will))
            {
                planEffects.Add(new PlanEffect(p.Id, $"{p.Citation} — {p.Summary}", period.ToVietnamese(),
                    was.Except(will).Select(NameOf).Order(StringComparer.Create(OrgUnitService.Vietnamese, false)).ToList(),
                    will.Except(was).Select(NameOf).Order(StringComparer.Create(OrgUnitService.Vietnamese, false)).ToList()));
            }
        }

        var closing = plan.Closures.Select(c => byCode[c.Code].Id).ToArray();
        var touched = closing.Concat(plan.Units.Where(u => !u.IsNew && (u.Renames || u.Moves)).Select(u => byCode[u.Code].Id))
            .Concat(plan.Splits.Select(s => byCode[s.OriginCode].Id)).Distinct().ToArray();
        var open = db.Reports.AsNoTracking().Where(r => EF.Parameter(touched).Contains(r.UnitId) && r.Status != ReportStatus.Accepted);
        var reportCount = await open.CountAsync(ct);
        var reports = (await open.OrderBy(r => r.UnitId).ThenBy(r => r.Period).Take(PreviewListLimit)
                .Select(r => new { r.Id, r.UnitId, r.Period, r.Status }).ToListAsync(ct))
            .Select(r => new ReportEffect(r.Id, byId[r.UnitId].Name, ReportingPeriod.TryParse(r.Period, out var rp) ? rp.ToVietnamese() : r.Period, r.Status)).ToList();

        var successorOf = plan.Closures.ToDictionary(c => byCode[c.Code].Id, c => c.SuccessorCode);
        var users = (await db.Users.AsNoTracking().Where(u => EF.Parameter(closing).Contains(u.UnitId))
                .OrderBy(u => u.UnitId).ThenBy(u => u.UserName).Take(PreviewListLimit)
                .Select(u => new { u.UserName, u.FullName, u.UnitId }).ToListAsync(ct))
            .Select(u => new UserEffect(u.UserName!, u.FullName, byId[u.UnitId].Name, successorOf[u.UnitId] is { } s ? names[s] : null)).ToList();

        var last = plan.Days[^1];
        var consolidators = await (from user in db.Users
                                   join link in db.UserRoles on user.Id equals link.UserId
                                   join role in db.Roles on link.RoleId equals role.Id
                                   join unit in db.Units on user.UnitId equals unit.Id
                                   where role.Name == Roles.Consolidator
                                   select new { user.UserName, user.FullName, Root = unit.ConsolidatesForId ?? unit.Id })
            .AsNoTracking().ToListAsync(ct);
        var scopes = new List<ScopeEffect>();
        var (treeBefore, treeAfter) = (TreeOn(last, false), TreeOn(last, true));
        foreach (var group in consolidators.GroupBy(c => c.Root))
        {
            bool Open(IReadOnlyDictionary<int, UnitFacts> f, int id) => f.TryGetValue(id, out var u) && u.FirstNamedOn <= last && (u.ClosedOn is not { } c || c > last);
            var was = treeBefore.SubtreeOf(group.Key).Where(id => Open(facts, id)).ToHashSet();
            var will = treeAfter.SubtreeOf(group.Key).Where(id => Open(after, id)).ToHashSet();
            if (!was.SetEquals(will))
            {
                scopes.AddRange(group.Select(c => new ScopeEffect(c.UserName!, c.FullName, NameOf(group.Key), will.Except(was).Count(), was.Except(will).Count())));
            }
        }

        return new ReorganisationPreview(plan, Describe(plan, names), planEffects, reports, reportCount, users, scopes);
    }

    /// <summary>The first period of the plan whose data window ends on or after the day; null when the plan ended before.</summary>
    private static ReportingPeriod? FirstPeriodFrom(Plans.Plan plan, DateOnly day)
    {
        var period = plan.First;
        for (var step = 0; step < 1000; step++, period = period.Next())
        {
            if (!plan.Covers(period))
            {
                return null;
            }

            if (period.Window(plan.Semantics).End >= day)
            {
                return period;
            }
        }

        return null;
    }

    /// <summary>One line per row, in the words of a resolution.</summary>
    public static IReadOnlyList<string> Describe(Reorganisation plan, IReadOnlyDictionary<string, string> names)
    {
        string N(string code) => $"{names.GetValueOrDefault(code, code)} ({code})";
        var merged = plan.Closures.Where(c => c.SuccessorCode is not null).ToLookup(c => c.SuccessorCode!);
        var parts = plan.Splits.ToLookup(s => s.SuccessorCode);
        var lines = new List<string>();
        foreach (var u in plan.Units.OrderBy(u => u.Row))
        {
            var what = new List<string>();
            var sources = merged[u.Code].Select(c => N(c.Code))
                .Concat(parts[u.Code].Select(s => $"một phần {N(s.OriginCode)} ({s.Share * 100:0.##}%)")).ToList();
            if (u.Dissolves)
            {
                what.Add($"Giải thể {N(u.Code)}");
            }
            else if (u.IsNew)
            {
                what.Add($"Thành lập {N(u.Code)}" + (sources.Count > 0 ? $" trên cơ sở {string.Join(", ", sources)}" : ""));
            }
            else
            {
                if (sources.Count > 0)
                {
                    what.Add($"Nhập {string.Join(", ", sources)} vào {N(u.Code)}");
                }

                if (u.Renames)
                {
                    what.Add($"Đổi tên {N(u.Code)} thành {u.Name}");
                }
            }

            if (u.ParentCode is not null && (u.IsNew || u.Moves))
            {
                what.Add((u.IsNew ? "trực thuộc " : $"{N(u.Code)} trực thuộc ") + N(u.ParentCode));
            }

            if (what.Count == 0)
            {
                what.Add($"{N(u.Code)}: không thay đổi");
            }

            lines.Add($"{string.Join("; ", what)} — từ ngày {u.On:dd/MM/yyyy}; căn cứ {u.LegalBasis}.");
        }

        return lines;
    }

    private async Task<(List<ExistingUnit> Units, List<(int UnitId, int ParentId, DateOnly From)> Links)> LoadAsync(CancellationToken ct)
    {
        var names = (await db.UnitNames.AsNoTracking().Select(n => new { n.UnitId, n.Name, n.ValidFrom }).ToListAsync(ct)).ToLookup(n => n.UnitId);
        var links = (await db.UnitParentLinks.AsNoTracking().Select(l => new { l.UnitId, l.ParentId, l.ValidFrom }).ToListAsync(ct))
            .Select(l => (l.UnitId, l.ParentId, l.ValidFrom)).ToList();
        var parentFrom = links.GroupBy(l => l.UnitId).ToDictionary(g => g.Key, g => g.Max(l => l.ValidFrom));
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Kind, u.ClosedOn }).ToListAsync(ct);
        var existing = units.Select(u =>
        {
            var current = names[u.Id].MaxBy(n => n.ValidFrom);
            var created = names[u.Id].Select(n => n.ValidFrom).DefaultIfEmpty(DateOnly.MinValue).Min();
            return new ExistingUnit(u.Id, u.Code, u.Kind, current?.Name ?? u.Code, created, u.ClosedOn, current?.ValidFrom ?? DateOnly.MinValue,
                parentFrom.TryGetValue(u.Id, out var from) ? from : null);
        }).ToList();
        return (existing, links);
    }

    private async Task<Dictionary<int, UnitFacts>> FactsAsync(CancellationToken ct)
    {
        var firstNamed = await db.UnitNames.AsNoTracking().GroupBy(n => n.UnitId)
            .Select(g => new { UnitId = g.Key, From = g.Min(n => n.ValidFrom) })
            .ToDictionaryAsync(u => u.UnitId, u => u.From, ct);
        return await db.Units.AsNoTracking()
            .Select(u => new { u.Id, u.Code, u.Kind, u.ClosedOn, u.ConsolidatesForId })
            .ToDictionaryAsync(u => u.Id, u => new UnitFacts(u.Id, u.Code, u.Kind, u.ClosedOn, u.ConsolidatesForId, firstNamed.TryGetValue(u.Id, out var from) ? from : null), ct);
    }

    /// <summary>
    /// Where a unit came from and what it became: merges and splits followed both ways through every earlier and
    /// later arrangement, nearest first.
    /// </summary>
    public async Task<Lineage> LineageAsync(int unitId, CancellationToken ct = default)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.Code }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Unit");
        var edges = await EdgesAsync(ct);
        var backward = Walk(unitId, edges.ToLookup(e => e.To), e => e.From);
        var forward = Walk(unitId, edges.ToLookup(e => e.From), e => e.To);
        var ids = backward.Concat(forward).Select(l => l.Id).Append(unitId).Distinct().ToArray();
        var names = await db.UnitNames.AsNoTracking().Where(n => EF.Parameter(ids).Contains(n.UnitId))
            .Select(n => new { n.UnitId, n.Name, n.ValidFrom }).ToListAsync(ct);
        var codes = await db.Units.AsNoTracking().Where(u => EF.Parameter(ids).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, ct);

        // A predecessor is named as it was when it ended, a successor as it is now.
        string NameOf(int id) => names.Where(n => n.UnitId == id).MaxBy(n => n.ValidFrom)?.Name ?? codes[id];
        LineageLink Link((int Id, LineageEdge Edge, int Depth) l) =>
            new(l.Id, codes[l.Id], NameOf(l.Id), l.Edge.Kind, l.Edge.On, l.Edge.Share, l.Edge.LegalBasis, l.Depth);
        return new Lineage(unitId, unit.Code, NameOf(unitId), backward.Select(Link).ToList(), forward.Select(Link).ToList());

        static List<(int Id, LineageEdge Edge, int Depth)> Walk(int start, ILookup<int, LineageEdge> next, Func<LineageEdge, int> step)
        {
            var result = new List<(int, LineageEdge, int)>();
            var seen = new HashSet<int> { start };
            var queue = new Queue<(int Id, int Depth)>();
            queue.Enqueue((start, 0));
            while (queue.Count > 0)
            {
                var (id, depth) = queue.Dequeue();
                foreach (var edge in next[id].OrderByDescending(e => e.On))
                {
                    var other = step(edge);
                    if (seen.Add(other))
                    {
                        result.Add((other, edge, depth + 1));
                        queue.Enqueue((other, depth + 1));
                    }
                }
            }

            return result;
        }
    }

    /// <summary>
    /// Every merge and split recorded, as edges from the older unit to the newer: the one reading of the events that
    /// the lineage and the figure comparison (which follows them per period, in shares) both walk.
    /// </summary>
    public Task<IReadOnlyList<LineageEdge>> EdgesAsync(CancellationToken ct = default) => EdgesAsync(db.UnitEvents, ct);

    /// <summary>The edges into these units (one step back in their lineage), read without the rest of the events.</summary>
    public Task<IReadOnlyList<LineageEdge>> EdgesIntoAsync(IReadOnlyCollection<int> unitIds, CancellationToken ct = default)
    {
        var ids = unitIds.ToArray();
        return EdgesAsync(
            db.UnitEvents.Where(e => e.Kind == UnitEventKind.Merged ? EF.Parameter(ids).Contains(e.RelatedUnitId!.Value) : EF.Parameter(ids).Contains(e.UnitId)),
            ct);
    }

    private static async Task<IReadOnlyList<LineageEdge>> EdgesAsync(IQueryable<UnitEvent> events, CancellationToken ct) =>
        (await events.AsNoTracking()
            .Where(e => (e.Kind == UnitEventKind.Merged || e.Kind == UnitEventKind.Split) && e.RelatedUnitId != null)
            .Select(e => new { e.UnitId, e.Kind, e.EffectiveOn, Related = e.RelatedUnitId!.Value, e.Share, e.LegalBasis })
            .ToListAsync(ct))
        // A merge is recorded on the predecessor, a split on the successor.
        .Select(e => e.Kind == UnitEventKind.Merged
            ? new LineageEdge(e.UnitId, e.Related, e.Kind, e.EffectiveOn, e.Share, e.LegalBasis)
            : new LineageEdge(e.Related, e.UnitId, e.Kind, e.EffectiveOn, e.Share, e.LegalBasis))
        .ToList();

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsIn(Roles.Admin))
        {
            throw new ForbiddenException("Chỉ quản trị hệ thống được thay đổi danh mục đơn vị.")
            {
                English = "Only an administrator may change the list of units.",
            };
        }
    }
}
