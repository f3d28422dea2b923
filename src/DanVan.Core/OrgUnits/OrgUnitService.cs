using DanVan.Core.Access;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.OrgUnits;

public sealed record CreateUnit
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required UnitKind Kind { get; init; }
    public required string PlaceName { get; init; }
    public int? ParentId { get; init; }
    public int? ConsolidatesForId { get; init; }
    public required DateOnly ValidFrom { get; init; }
}

public sealed record RenameUnit
{
    public required int UnitId { get; init; }
    public required string NewName { get; init; }
    public required DateOnly EffectiveOn { get; init; }
}

public sealed record MoveUnit
{
    public required int UnitId { get; init; }
    public required int NewParentId { get; init; }
    public required DateOnly EffectiveOn { get; init; }
}

public sealed record CloseUnit
{
    public required int UnitId { get; init; }
    public required DateOnly ClosedOn { get; init; }
    public int? SuccessorId { get; init; }
}

public sealed record UnitRow(int Id, string Code, string Name, UnitKind Kind, string PlaceName, int? ParentId, int Depth, DateOnly? ClosedOn, int? ConsolidatesForId);

public sealed class OrgUnitService(DanVanDbContext db, Audit.AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// The hierarchy as of <paramref name="asOf"/> (default today). A closed unit keeps its last parent, so its
    /// old reports stay inside the scope they were filed in.
    /// </summary>
    public async Task<UnitTree> LoadTreeAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        var day = asOf ?? VietnamTime.Today(clock);
        var links = await db.UnitParentLinks.AsNoTracking()
            .Where(l => l.ValidFrom <= day)
            .Select(l => new { l.UnitId, l.ParentId, l.ValidFrom })
            .ToListAsync(ct);
        return new UnitTree(links.GroupBy(l => l.UnitId)
            .Select(g => g.MaxBy(l => l.ValidFrom)!)
            .Select(l => (l.UnitId, l.ParentId)));
    }

    /// <summary>
    /// Whether <paramref name="unitId"/> is <paramref name="rootId"/> or below it as of <paramref name="asOf"/> (default
    /// today): the answer of <see cref="LoadTreeAsync"/>'s <see cref="UnitTree.IsInSubtree"/>, found by walking up
    /// from the unit one parent link at a time, so it reads the unit's ancestors rather than the whole hierarchy.
    /// </summary>
    public async Task<bool> IsInSubtreeAsync(int unitId, int rootId, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var day = asOf ?? VietnamTime.Today(clock);
        var seen = new HashSet<int>();
        for (int? current = unitId; current is { } id && seen.Add(id);)
        {
            if (id == rootId)
            {
                return true;
            }

            current = await db.UnitParentLinks.AsNoTracking()
                .Where(l => l.UnitId == id && l.ValidFrom <= day)
                .OrderByDescending(l => l.ValidFrom)
                .Select(l => (int?)l.ParentId)
                .FirstOrDefaultAsync(ct);
        }

        return false;
    }

    /// <summary>
    /// The open unit that carries on a unit's business today — its plans, and the review of reports made under them:
    /// the unit itself while open; once closed, the successor its merge named, or else the parent it had on its last
    /// day (a district abolished in 2025 passes its plans to the province); followed until an open unit.
    /// </summary>
    public async Task<int> HeirAsync(int unitId, CancellationToken ct = default)
    {
        var today = VietnamTime.Today(clock);
        var seen = new HashSet<int>();
        var current = unitId;
        while (seen.Add(current))
        {
            var closedOn = await db.Units.Where(u => u.Id == current).Select(u => u.ClosedOn).FirstOrDefaultAsync(ct);
            if (closedOn is not { } closed || closed > today)
            {
                return current;
            }

            var id = current;
            var next = await db.UnitEvents
                    .Where(e => e.UnitId == id && e.Kind == UnitEventKind.Merged && e.RelatedUnitId != null)
                    .OrderByDescending(e => e.EffectiveOn).ThenByDescending(e => e.Id)
                    .Select(e => e.RelatedUnitId).FirstOrDefaultAsync(ct)
                ?? await db.UnitParentLinks
                    .Where(l => l.UnitId == id && l.ValidFrom < closed)
                    .OrderByDescending(l => l.ValidFrom)
                    .Select(l => (int?)l.ParentId).FirstOrDefaultAsync(ct);
            if (next is not { } heir)
            {
                return current;
            }

            current = heir;
        }

        return current;
    }

    /// <summary>Each unit's name as of a day; a unit that did not exist yet gets its first name.</summary>
    public async Task<Dictionary<int, string>> NamesAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        var day = asOf ?? VietnamTime.Today(clock);
        var names = await db.UnitNames.AsNoTracking().Select(n => new { n.UnitId, n.Name, n.ValidFrom }).ToListAsync(ct);
        return names.GroupBy(n => n.UnitId).ToDictionary(g => g.Key, g => NameOn(g.Select(n => (n.Name, n.ValidFrom)), day));
    }

    /// <summary>These units' names as of a day, as <see cref="NamesAsync(DateOnly?, CancellationToken)"/> gives them.</summary>
    public async Task<Dictionary<int, string>> NamesAsync(IReadOnlyCollection<int> unitIds, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var day = asOf ?? VietnamTime.Today(clock);
        // One array parameter rather than one per unit: a province's list names thousands.
        var ids = unitIds.ToArray();
        var names = await db.UnitNames.AsNoTracking().Where(n => EF.Parameter(ids).Contains(n.UnitId))
            .Select(n => new { n.UnitId, n.Name, n.ValidFrom }).ToListAsync(ct);
        return names.GroupBy(n => n.UnitId).ToDictionary(g => g.Key, g => NameOn(g.Select(n => (n.Name, n.ValidFrom)), day));
    }

    /// <summary>One unit's name as of a day, as <see cref="NamesAsync"/> gives it; null for no such unit.</summary>
    public async Task<string?> NameAsync(int unitId, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var day = asOf ?? VietnamTime.Today(clock);
        var names = await db.UnitNames.AsNoTracking().Where(n => n.UnitId == unitId).Select(n => new { n.Name, n.ValidFrom }).ToListAsync(ct);
        return names.Count == 0 ? null : NameOn(names.Select(n => (n.Name, n.ValidFrom)), day);
    }

    /// <summary>The newest name begun by the day, else the first one; a unit has at least one name.</summary>
    private static string NameOn(IEnumerable<(string Name, DateOnly ValidFrom)> names, DateOnly day)
    {
        (string Name, DateOnly ValidFrom)? current = null, first = null;
        foreach (var name in names)
        {
            if (name.ValidFrom <= day && (current is null || name.ValidFrom > current.Value.ValidFrom))
            {
                current = name;
            }

            if (first is null || name.ValidFrom < first.Value.ValidFrom)
            {
                first = name;
            }
        }

        return (current ?? first)!.Value.Name;
    }

    public async Task<IReadOnlyList<UnitRow>> ListAsync(CancellationToken ct = default)
    {
        var tree = await LoadTreeAsync(ct: ct);
        var names = await NamesAsync(ct: ct);
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var rows = units.Select(u => new UnitRow(
            u.Id, u.Code, names.GetValueOrDefault(u.Id, u.Code), u.Kind, u.PlaceName, tree.ParentOf(u.Id), tree.DepthOf(u.Id), u.ClosedOn, u.ConsolidatesForId)).ToList();
        return InTreeOrder(rows);
    }

    /// <summary>
    /// The units that existed on a day (named by then, not yet closed), with the names and parents they had that day,
    /// in tree order; <paramref name="underId"/> keeps that unit and those below it.
    /// </summary>
    public async Task<IReadOnlyList<UnitRow>> ListOnAsync(DateOnly day, int? underId = null, CancellationToken ct = default)
    {
        var tree = await LoadTreeAsync(day, ct);
        var names = await db.UnitNames.AsNoTracking().Where(n => n.ValidFrom <= day).Select(n => new { n.UnitId, n.Name, n.ValidFrom }).ToListAsync(ct);
        var nameOn = names.GroupBy(n => n.UnitId).ToDictionary(g => g.Key, g => g.MaxBy(n => n.ValidFrom)!.Name);
        var units = await db.Units.AsNoTracking().Where(u => u.ClosedOn == null || u.ClosedOn > day).ToListAsync(ct);
        var below = underId is { } root ? tree.SubtreeOf(root) : null;
        var rows = units.Where(u => nameOn.ContainsKey(u.Id) && (below is null || below.Contains(u.Id)))
            .Select(u => new UnitRow(u.Id, u.Code, nameOn[u.Id], u.Kind, u.PlaceName, tree.ParentOf(u.Id), tree.DepthOf(u.Id), u.ClosedOn, u.ConsolidatesForId))
            .ToList();
        return InTreeOrder(rows);
    }

    /// <summary>
    /// The reorganisations inside a period's data window that concern these units, as the unit changed or as the
    /// successor of a merge or origin of a split (<see cref="PeriodReorganisation.Of"/>); null when there are none.
    /// </summary>
    public async Task<PeriodReorganisation?> ReorganisationInAsync(IReadOnlyCollection<int> unitIds, Periods.ReportingPeriod period, Periods.PeriodSemantics semantics, DateOnly? seenOn = null, CancellationToken ct = default)
    {
        var (start, cutoff) = period.Window(semantics);
        var ids = unitIds.ToArray();
        var events = await db.UnitEvents.AsNoTracking()
            .Where(e => e.EffectiveOn > start && e.EffectiveOn <= cutoff
                && (EF.Parameter(ids).Contains(e.UnitId) || (e.RelatedUnitId != null && EF.Parameter(ids).Contains((int)e.RelatedUnitId))))
            .Select(e => new { e.Kind, e.EffectiveOn, e.LegalBasis })
            .ToListAsync(ct);
        return PeriodReorganisation.Of(period, semantics, events.Select(e => (e.Kind, e.EffectiveOn, e.LegalBasis)), seenOn);
    }

    /// <summary>As <see cref="ReorganisationInAsync"/> for a unit and every unit ever below it (one query per level).</summary>
    public async Task<PeriodReorganisation?> ReorganisationUnderAsync(int rootId, Periods.ReportingPeriod period, Periods.PeriodSemantics semantics, CancellationToken ct = default)
    {
        var known = new HashSet<int> { rootId };
        var frontier = new List<int> { rootId };
        while (frontier.Count > 0)
        {
            var parents = frontier.ToArray();
            var found = await db.UnitParentLinks.AsNoTracking().Where(l => EF.Parameter(parents).Contains(l.ParentId)).Select(l => l.UnitId).Distinct().ToListAsync(ct);
            frontier = found.Where(known.Add).ToList();
        }

        return await ReorganisationInAsync(known, period, semantics, ct: ct);
    }

    /// <summary>Parents before children, siblings by name: the order a tree is read in.</summary>
    public static IReadOnlyList<UnitRow> InTreeOrder(IReadOnlyList<UnitRow> rows)
    {
        var byParent = rows.ToLookup(r => r.ParentId);
        var known = rows.Select(r => r.Id).ToHashSet();
        var result = new List<UnitRow>(rows.Count);
        var visited = new HashSet<int>();
        foreach (var root in rows.Where(r => r.ParentId is null || !known.Contains(r.ParentId.Value)).OrderBy(r => r.Name, StringComparer.Create(Vietnamese, false)))
        {
            Visit(root);
        }

        return result;

        void Visit(UnitRow row)
        {
            if (!visited.Add(row.Id))
            {
                return;
            }

            result.Add(row);
            foreach (var child in byParent[row.Id].OrderBy(r => r.Name, StringComparer.Create(Vietnamese, false)))
            {
                Visit(child);
            }
        }
    }

    public static System.Globalization.CultureInfo Vietnamese { get; } = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    public async Task<int> CreateAsync(CreateUnit command, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var code = command.Code.Trim().ToUpperInvariant();
        if (code.Length is 0 or > 50 || code.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new DomainException(nameof(command.Code), "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và dấu gạch (-, _, .), tối đa 50 ký tự.")
            {
                English = "A unit code has only unaccented letters, digits and dashes (-, _, .), at most 50 characters.",
            };
        }

        RequireText(command.Name, nameof(command.Name), "Nhập tên đơn vị.", "Enter the unit's name.", 300);
        RequireText(command.PlaceName, nameof(command.PlaceName), "Nhập địa danh dùng trên văn bản (ví dụ: Trà Tân).", "Enter the place name used on documents (e.g. Trà Tân).", 200);
        if (await db.Units.AnyAsync(u => u.Code == code, ct))
        {
            throw new DomainException(nameof(command.Code), $"Mã đơn vị \"{code}\" đã được dùng. Chọn mã khác.")
            {
                English = $"The unit code \"{code}\" is taken. Choose another.",
            };
        }

        if (command.ParentId is { } parentId)
        {
            await RequireOpenUnitAsync(parentId, nameof(command.ParentId), ct);
        }

        if (command.ConsolidatesForId is { } forId)
        {
            await RequireOpenUnitAsync(forId, nameof(command.ConsolidatesForId), ct);
        }

        var unit = new OrgUnit
        {
            Code = code,
            Kind = command.Kind,
            PlaceName = command.PlaceName.Trim(),
            ConsolidatesForId = command.ConsolidatesForId,
            Names = [new UnitName { Name = command.Name.Trim(), ValidFrom = command.ValidFrom }],
        };
        if (command.ParentId is { } p)
        {
            unit.ParentLinks.Add(new UnitParentLink { ParentId = p, ValidFrom = command.ValidFrom });
        }

        db.Units.Add(unit);
        var created = Event(0, UnitEventKind.Created, command.ValidFrom, null, command.Name.Trim(), actor);
        created.Unit = unit;
        db.UnitEvents.Add(created);
        audit.Add(Audit.AuditKind.UnitCreated, actor, code, command.Name.Trim());
        await db.SaveChangesAsync(ct);
        return unit.Id;
    }

    public async Task RenameAsync(RenameUnit command, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        RequireText(command.NewName, nameof(command.NewName), "Nhập tên mới.", "Enter the new name.", 300);
        var unit = await db.Units.Include(u => u.Names).FirstOrDefaultAsync(u => u.Id == command.UnitId, ct)
            ?? throw new NotFoundException("Unit");
        var current = unit.Names.Where(n => n.ValidTo is null).MaxBy(n => n.ValidFrom)
            ?? throw new DomainException(nameof(command.NewName), "Đơn vị không có tên hiện hành.")
            {
                English = "The unit has no current name.",
            };
        if (command.EffectiveOn < current.ValidFrom)
        {
            throw new DomainException(nameof(command.EffectiveOn), $"Ngày hiệu lực phải từ {current.ValidFrom:dd/MM/yyyy} (ngày tên hiện tại có hiệu lực) trở đi.")
            {
                English = $"The effective date must be {current.ValidFrom:dd/MM/yyyy} (when the current name took effect) or later.",
            };
        }

        if (command.EffectiveOn == current.ValidFrom)
        {
            // Same effective day: a correction of the current name, not a new period of history.
            current.Name = command.NewName.Trim();
        }
        else
        {
            current.ValidTo = command.EffectiveOn;
            unit.Names.Add(new UnitName { Name = command.NewName.Trim(), ValidFrom = command.EffectiveOn });
        }

        db.UnitEvents.Add(Event(unit.Id, UnitEventKind.Renamed, command.EffectiveOn, null, command.NewName.Trim(), actor));
        audit.Add(Audit.AuditKind.UnitRenamed, actor, unit.Code, $"{command.NewName.Trim()} from {command.EffectiveOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    public async Task MoveAsync(MoveUnit command, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var unit = await db.Units.Include(u => u.ParentLinks).FirstOrDefaultAsync(u => u.Id == command.UnitId, ct)
            ?? throw new NotFoundException("Unit");
        await RequireOpenUnitAsync(command.NewParentId, nameof(command.NewParentId), ct);
        // Checked on the day the move takes effect and on every later day another move takes effect: two dated moves
        // accepted one by one (B under A from July, A under B from August) would otherwise make a loop in which both
        // units and their reports drop out of every scope.
        var days = await db.UnitParentLinks.Where(l => l.ValidFrom > command.EffectiveOn).Select(l => l.ValidFrom).Distinct().ToListAsync(ct);
        foreach (var day in days.Append(command.EffectiveOn))
        {
            var tree = await LoadTreeAsync(day, ct);
            if (command.NewParentId == unit.Id || tree.IsInSubtree(command.NewParentId, unit.Id))
            {
                throw new DomainException(nameof(command.NewParentId), day == command.EffectiveOn
                    ? "Không thể chuyển đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó."
                    : $"Không thể chuyển: từ ngày {day:dd/MM/yyyy}, theo một lần chuyển đã ghi, đơn vị được chọn sẽ trực thuộc chính đơn vị này.")
                {
                    English = day == command.EffectiveOn ? "A unit cannot be moved under itself or one of its own units." : $"Cannot move: from {day:dd/MM/yyyy}, by a move already recorded, the chosen unit will be under this unit.",
                };
            }
        }

        var current = unit.ParentLinks.Where(l => l.ValidTo is null).MaxBy(l => l.ValidFrom);
        if (current is not null && command.EffectiveOn < current.ValidFrom)
        {
            throw new DomainException(nameof(command.EffectiveOn), $"Ngày hiệu lực phải từ {current.ValidFrom:dd/MM/yyyy} trở đi.")
            {
                English = $"The effective date must be {current.ValidFrom:dd/MM/yyyy} or later.",
            };
        }

        if (current is not null && command.EffectiveOn == current.ValidFrom)
        {
            current.ParentId = command.NewParentId;
        }
        else
        {
            if (current is not null)
            {
                current.ValidTo = command.EffectiveOn;
            }

            unit.ParentLinks.Add(new UnitParentLink { ParentId = command.NewParentId, ValidFrom = command.EffectiveOn });
        }

        db.UnitEvents.Add(Event(unit.Id, UnitEventKind.Moved, command.EffectiveOn, command.NewParentId, null, actor));
        audit.Add(Audit.AuditKind.UnitMoved, actor, unit.Code, $"parent unit {command.NewParentId} from {command.EffectiveOn:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
    }

    public async Task CloseAsync(CloseUnit command, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == command.UnitId, ct) ?? throw new NotFoundException("Unit");
        if (unit.ClosedOn is not null)
        {
            throw new DomainException(nameof(command.ClosedOn), $"Đơn vị đã giải thể/ngừng hoạt động từ {unit.ClosedOn:dd/MM/yyyy}.")
            {
                English = $"The unit was dissolved or closed on {unit.ClosedOn:dd/MM/yyyy}.",
            };
        }

        var tree = await LoadTreeAsync(command.ClosedOn, ct);
        var openChildren = await db.Units.Where(u => u.ClosedOn == null && u.Id != unit.Id).Select(u => u.Id).ToListAsync(ct);
        if (openChildren.Any(id => tree.ParentOf(id) == unit.Id))
        {
            throw new DomainException(nameof(command.ClosedOn), "Đơn vị còn đơn vị trực thuộc đang hoạt động. Chuyển hoặc đóng các đơn vị đó trước.")
            {
                English = "The unit still has active units under it. Move or close those first.",
            };
        }

        if (command.SuccessorId is { } successor)
        {
            if (successor == unit.Id)
            {
                throw new DomainException(nameof(command.SuccessorId), "Đơn vị không thể sáp nhập vào chính nó. Chọn đơn vị tiếp nhận khác.")
                {
                    English = "A unit cannot be merged into itself. Choose another successor.",
                };
            }

            await RequireOpenUnitAsync(successor, nameof(command.SuccessorId), ct);
        }

        unit.ClosedOn = command.ClosedOn;
        db.UnitEvents.Add(Event(
            unit.Id,
            command.SuccessorId is null ? UnitEventKind.Closed : UnitEventKind.Merged,
            command.ClosedOn,
            command.SuccessorId,
            null,
            actor));
        audit.Add(Audit.AuditKind.UnitClosed, actor, unit.Code, $"closed {command.ClosedOn:yyyy-MM-dd}, successor {command.SuccessorId}");
        await db.SaveChangesAsync(ct);
    }

    private async Task RequireOpenUnitAsync(int unitId, string field, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.ClosedOn }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException(field, "Đơn vị được chọn không tồn tại.")
            {
                English = "The chosen unit does not exist.",
            };
        if (unit.ClosedOn is not null)
        {
            throw new DomainException(field, "Đơn vị được chọn đã ngừng hoạt động.")
            {
                English = "The chosen unit has closed.",
            };
        }
    }

    private UnitEvent Event(int unitId, UnitEventKind kind, DateOnly on, int? related, string? note, Actor actor) => new()
    {
        UnitId = unitId,
        Kind = kind,
        EffectiveOn = on,
        RelatedUnitId = related,
        Note = note,
        RecordedAt = clock.GetUtcNow().UtcDateTime,
        RecordedBy = actor.UserName,
    };

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

    internal static void RequireText(string? value, string field, string message, string english, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException(field, message)
            {
                English = english,
            };
        }

        if (value.Trim().Length > max)
        {
            throw new DomainException(field, $"Tối đa {max} ký tự.")
            {
                English = $"At most {max} characters.",
            };
        }
    }
}
