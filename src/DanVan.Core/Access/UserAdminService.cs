using DanVan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Access;

public sealed record CreateUser
{
    public required string UserName { get; init; }
    public required string FullName { get; init; }
    public string? JobTitle { get; init; }
    public required int UnitId { get; init; }
    public required string Role { get; init; }
    public required string Password { get; init; }
}

public sealed record UpdateUser
{
    public required string UserId { get; init; }
    public required string FullName { get; init; }
    public string? JobTitle { get; init; }
    public required int UnitId { get; init; }
    public required string Role { get; init; }
}

public sealed record UserRow(string Id, string UserName, string FullName, string? JobTitle, int UnitId, string Role, bool LockedOut);

/// <summary>People and their one unit and role. Identity's own errors are turned into Vietnamese form errors.</summary>
public sealed class UserAdminService(DanVanDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        var roleOf = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var roles = roleOf.GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.First().Name ?? "");
        var now = clock.GetUtcNow();
        return (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct))
            .Select(u => new UserRow(u.Id, u.UserName ?? "", u.FullName, u.JobTitle, u.UnitId, roles.GetValueOrDefault(u.Id, ""), u.LockoutEnd > now))
            .ToList();
    }

    public async Task<string> CreateAsync(CreateUser command, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await ValidateAsync(command.FullName, command.UnitId, command.Role, ct);
        if (string.IsNullOrWhiteSpace(command.UserName))
        {
            throw new DomainException(nameof(command.UserName), "Nhập tên đăng nhập.");
        }

        var user = new AppUser
        {
            UserName = command.UserName.Trim().ToLowerInvariant(),
            FullName = command.FullName.Trim(),
            JobTitle = string.IsNullOrWhiteSpace(command.JobTitle) ? null : command.JobTitle.Trim(),
            UnitId = command.UnitId,
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, command.Password ?? ""), nameof(command.UserName));
        Check(await users.AddToRoleAsync(user, command.Role), nameof(command.Role));
        return user.Id;
    }

    public async Task UpdateAsync(UpdateUser command, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await ValidateAsync(command.FullName, command.UnitId, command.Role, ct);
        var user = await users.FindByIdAsync(command.UserId) ?? throw new NotFoundException("User");
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && command.Role != Roles.Admin && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
        {
            // Nobody could reach the administration pages again; only the command line on the server could mend it.
            throw new DomainException(nameof(command.Role), "Đây là tài khoản quản trị cuối cùng. Giao vai trò quản trị cho người khác trước khi đổi vai trò của tài khoản này.");
        }

        user.FullName = command.FullName.Trim();
        user.JobTitle = string.IsNullOrWhiteSpace(command.JobTitle) ? null : command.JobTitle.Trim();
        user.UnitId = command.UnitId;
        Check(await users.UpdateAsync(user), "");
        if (!current.SequenceEqual([command.Role]))
        {
            Check(await users.RemoveFromRolesAsync(user, current), nameof(command.Role));
            Check(await users.AddToRoleAsync(user, command.Role), nameof(command.Role));
        }

        // Unit and role live in the log-in cookie: a new stamp signs the user out so the change takes effect.
        await users.UpdateSecurityStampAsync(user);
    }

    public async Task UnlockAsync(string userId, Actor actor)
    {
        RequireAdmin(actor);
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User");
        Check(await users.SetLockoutEndDateAsync(user, null), "");
        Check(await users.ResetAccessFailedCountAsync(user), "");
    }

    public async Task ResetPasswordAsync(string userId, string newPassword, Actor actor)
    {
        RequireAdmin(actor);
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword ?? ""), "Password");
    }

    private async Task ValidateAsync(string fullName, int unitId, string role, CancellationToken ct)
    {
        OrgUnits.OrgUnitService.RequireText(fullName, "FullName", "Nhập họ và tên.", 200);
        if (!Roles.All.Contains(role))
        {
            throw new DomainException("Role", "Chọn vai trò.");
        }

        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.ClosedOn == null, ct))
        {
            throw new DomainException("UnitId", "Chọn đơn vị đang hoạt động.") { English = "The unit does not exist or is closed; choose an open unit." };
        }
    }

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsIn(Roles.Admin))
        {
            throw new ForbiddenException("Chỉ quản trị hệ thống được quản lý tài khoản.");
        }
    }

    private static void Check(IdentityResult result, string field)
    {
        if (result.Succeeded)
        {
            return;
        }

        var messages = result.Errors.Select(e => e.Code switch
        {
            "DuplicateUserName" => "Tên đăng nhập đã có người dùng. Chọn tên khác.",
            "InvalidUserName" => "Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các ký tự . _ - @.",
            "PasswordTooShort" => "Mật khẩu phải có ít nhất 8 ký tự.",
            "PasswordRequiresDigit" => "Mật khẩu phải có ít nhất một chữ số.",
            "PasswordRequiresLower" => "Mật khẩu phải có ít nhất một chữ thường.",
            "PasswordRequiresUpper" => "Mật khẩu phải có ít nhất một chữ hoa.",
            _ => e.Description,
        });
        // Identity answers for the name and the password together; the first error says which field to mark.
        field = result.Errors.First().Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : field;
        throw new DomainException(field, string.Join(" ", messages)) { English = string.Join(" ", result.Errors.Select(e => e.Description)) };
    }
}
