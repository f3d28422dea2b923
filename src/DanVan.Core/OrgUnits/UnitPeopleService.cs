using DanVan.Core.Access;
using DanVan.Core.Audit;
using DanVan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.OrgUnits;

/// <summary>
/// A user whose unit has closed. <see cref="SuccessorId"/> is the open unit its merge passed into (followed through
/// later merges); null when the unit was dissolved or split, so the administrator must choose.
/// </summary>
public sealed record StrandedUser(string UserId, string UserName, string FullName, string Role, int UnitId, string Unit, DateOnly ClosedOn, int? SuccessorId, string? Successor, bool Disabled);

/// <summary>
/// People follow their units (issue 19 item 6): once a unit has closed, its users move to the successor the
/// administrator confirms, or are given another unit, or are disabled as the user administration disables anyone. Each change renews the account's security
/// stamp, as any change of unit does, so cookies and API tokens carrying the old scope stop working.
/// </summary>
public sealed class UnitPeopleService(DanVanDbContext db, UserManager<AppUser> users, UserAdminService admin, AuditLog audit, TimeProvider clock)
{
    /// <summary>Users of units closed by today, by unit and name; disabled accounts too, so nobody is forgotten.</summary>
    public async Task<IReadOnlyList<StrandedUser>> StrandedAsync(CancellationToken ct = default)
    {
        var today = VietnamTime.Today(clock);
        var closed = await db.Units.AsNoTracking().Where(u => u.ClosedOn != null && u.ClosedOn <= today)
            .Select(u => new { u.Id, ClosedOn = u.ClosedOn!.Value }).ToDictionaryAsync(u => u.Id, u => u.ClosedOn, ct);
        if (closed.Count == 0)
        {
            return [];
        }

        var ids = closed.Keys.ToArray();
        var people = await db.Users.AsNoTracking().Where(u => EF.Parameter(ids).Contains(u.UnitId))
            .Select(u => new { u.Id, u.UserName, u.FullName, u.UnitId, Disabled = u.DisabledAt != null }).ToListAsync(ct);
        if (people.Count == 0)
        {
            return [];
        }

        var merges = await db.UnitEvents.AsNoTracking()
            .Where(e => e.Kind == UnitEventKind.Merged && e.RelatedUnitId != null)
            .OrderBy(e => e.EffectiveOn).ThenBy(e => e.Id)
            .Select(e => new { e.UnitId, Successor = e.RelatedUnitId!.Value }).ToListAsync(ct);
        var mergedInto = new Dictionary<int, int>();
        foreach (var merge in merges)
        {
            mergedInto[merge.UnitId] = merge.Successor;
        }

        var names = await db.UnitNames.AsNoTracking().Select(n => new { n.UnitId, n.Name, n.ValidFrom }).ToListAsync(ct);
        var nameOf = names.GroupBy(n => n.UnitId).ToDictionary(g => g.Key, g => g.MaxBy(n => n.ValidFrom)!.Name);
        var roleOf = (await (from link in db.UserRoles join role in db.Roles on link.RoleId equals role.Id select new { link.UserId, role.Name }).ToListAsync(ct))
            .GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.First().Name ?? "");
        return people
            .Select(p =>
            {
                var successor = SuccessorOf(p.UnitId, mergedInto, closed);
                return new StrandedUser(p.Id, p.UserName ?? "", p.FullName, roleOf.GetValueOrDefault(p.Id, ""), p.UnitId, nameOf.GetValueOrDefault(p.UnitId, ""), closed[p.UnitId],
                    successor, successor is { } s ? nameOf.GetValueOrDefault(s) : null, p.Disabled);
            })
            .OrderBy(p => p.Unit, StringComparer.Create(OrgUnitService.Vietnamese, false)).ThenBy(p => p.UserName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The open unit at the end of the unit's merges; null when a closed unit on the way has no merge to follow.</summary>
    private static int? SuccessorOf(int unitId, Dictionary<int, int> mergedInto, Dictionary<int, DateOnly> closed)
    {
        var seen = new HashSet<int>();
        var current = unitId;
        while (closed.ContainsKey(current))
        {
            if (!seen.Add(current) || !mergedInto.TryGetValue(current, out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>
    /// Moves every user of a closed unit that has a successor there, but for disabled accounts (the administrator
    /// chose to keep those out); the number moved. Users of dissolved or split units stay listed to be reassigned.
    /// </summary>
    public async Task<int> MoveToSuccessorsAsync(Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var chosen = (await StrandedAsync(ct)).Where(s => s.SuccessorId is not null && !s.Disabled).ToList();
        await MoveToTheirSuccessorsAsync(chosen, actor, ct);
        return chosen.Count;
    }

    /// <summary>Moves each to its successor in one transaction: all of them, or none.</summary>
    private async Task MoveToTheirSuccessorsAsync(IReadOnlyList<StrandedUser> chosen, Actor actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var person in chosen)
        {
            await MoveAsync(person, person.SuccessorId!.Value, actor, "successor");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The users of one closed unit, for the API; none when the unit is open or nobody is left in it.</summary>
    public async Task<IReadOnlyList<StrandedUser>> OfUnitAsync(int unitId, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        if (!await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            throw new NotFoundException("Unit");
        }

        return [.. (await StrandedAsync(ct)).Where(s => s.UnitId == unitId)];
    }

    /// <summary>
    /// Confirms the move of a closed unit's users to its successor: those named, or (<paramref name="userIds"/> null)
    /// all but the disabled; the number moved. A dissolved unit has no successor: its users are reassigned one by one.
    /// </summary>
    public async Task<int> MoveToSuccessorAsync(int unitId, IReadOnlyList<string>? userIds, Actor actor, CancellationToken ct = default)
    {
        var chosen = Chosen(await OfUnitAsync(unitId, actor, ct), userIds);
        if (userIds is null)
        {
            chosen = [.. chosen.Where(p => !p.Disabled)];
        }

        if (chosen.Any(p => p.SuccessorId is null))
        {
            throw new DomainException("UserIds", "Đơn vị này không có đơn vị kế thừa: chuyển từng người sang một đơn vị khác.")
            {
                English = "This unit has no successor: give each user another unit.",
            };
        }

        await MoveToTheirSuccessorsAsync(chosen, actor, ct);
        return chosen.Count;
    }

    /// <summary>Disables the named users of a closed unit, each as <see cref="DisableAsync(string, Actor, CancellationToken)"/> does.</summary>
    public async Task<int> DisableAsync(int unitId, IReadOnlyList<string> userIds, Actor actor, CancellationToken ct = default)
    {
        var chosen = Chosen(await OfUnitAsync(unitId, actor, ct), userIds);
        foreach (var person in chosen)
        {
            await admin.DisableAsync(person.UserId, actor, ct);
        }

        return chosen.Count;
    }

    /// <summary>The unit's users named (all when null); naming anyone else is refused, so a typo moves nobody.</summary>
    private static List<StrandedUser> Chosen(IReadOnlyList<StrandedUser> people, IReadOnlyList<string>? userIds)
    {
        if (userIds is null)
        {
            return [.. people];
        }

        var others = userIds.Except(people.Select(p => p.UserId), StringComparer.Ordinal).ToList();
        if (others.Count > 0 || userIds.Count == 0)
        {
            throw new DomainException("UserIds", others.Count > 0
                ? $"Không phải người dùng của đơn vị đã ngừng hoạt động này: {string.Join(", ", others)}."
                : "Chọn người dùng.")
            {
                English = others.Count > 0 ? $"Not users of this closed unit: {string.Join(", ", others)}." : "Name the users.",
            };
        }

        return [.. people.Where(p => userIds.Contains(p.UserId, StringComparer.Ordinal))];
    }

    /// <summary>Gives a user of a closed unit another unit open today: the successor, confirmed one by one, or any other.</summary>
    public async Task ReassignAsync(string userId, int unitId, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var person = (await StrandedAsync(ct)).FirstOrDefault(s => s.UserId == userId) ?? throw new NotFoundException("User");
        var today = VietnamTime.Today(clock);
        var open = await db.Units.AsNoTracking().AnyAsync(u => u.Id == unitId && (u.ClosedOn == null || u.ClosedOn > today)
            && db.UnitNames.Any(n => n.UnitId == u.Id && n.ValidFrom <= today), ct);
        if (!open)
        {
            throw new DomainException("UnitId", "Chọn một đơn vị đang hoạt động.") { English = "Choose a unit open today." };
        }

        await MoveAsync(person, unitId, actor, "reassigned");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Disables a user of a closed unit who has no place in the new arrangement, by the one rule for disabling anyone
    /// (<see cref="UserAdminService.DisableAsync"/>: sessions and tokens end, no notices, audited); enabling gives it back.
    /// </summary>
    public async Task DisableAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        if (!(await StrandedAsync(ct)).Any(s => s.UserId == userId))
        {
            throw new NotFoundException("User");
        }

        await admin.DisableAsync(userId, actor, ct);
    }

    private async Task MoveAsync(StrandedUser person, int unitId, Actor actor, string why)
    {
        var user = await users.FindByIdAsync(person.UserId) ?? throw new NotFoundException("User");
        user.UnitId = unitId;
        Check(await users.UpdateAsync(user));
        // Unit and role live in the log-in cookie and the API token: a new stamp ends both, as for any change of unit.
        Check(await users.UpdateSecurityStampAsync(user));
        audit.Add(AuditKind.UserUpdated, actor, user.UserName, $"unit {person.UnitId} → {unitId} ({why}; unit closed {person.ClosedOn:yyyy-MM-dd})");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException("", string.Join(" ", result.Errors.Select(e => e.Description)))
            {
                English = string.Join(" ", result.Errors.Select(e => e.Code)),
            };
        }
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsIn(Roles.Admin))
        {
            throw new ForbiddenException("Chỉ quản trị hệ thống được chuyển người dùng giữa các đơn vị.")
            {
                English = "Only an administrator may move users between units.",
            };
        }
    }
}
