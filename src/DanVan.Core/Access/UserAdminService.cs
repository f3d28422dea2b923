using DanVan.Core.Audit;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Spreadsheets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Access;

public sealed record CreateUser
{
    public required string UserName { get; init; }
    public required string FullName { get; init; }
    public string? JobTitle { get; init; }
    public string? Email { get; init; }
    public required int UnitId { get; init; }
    public required string Role { get; init; }
    public required string Password { get; init; }
}

public sealed record UpdateUser
{
    public required string UserId { get; init; }
    public required string FullName { get; init; }
    public string? JobTitle { get; init; }
    public string? Email { get; init; }
    public required int UnitId { get; init; }
    public required string Role { get; init; }
}

public sealed record UserRow(
    string Id, string UserName, string FullName, string? JobTitle, int UnitId, string Role, bool LockedOut, string? Email = null,
    bool Disabled = false, bool MustChangePassword = false, bool TwoFactor = false);

/// <summary>An account made by an import, with the one-time password shown once and never stored in clear.</summary>
public sealed record ImportedUser(int Row, string UserName, string FullName, string Unit, string Role, string? Email, string Password);

/// <summary>The import's answer: every row checked; users created only when <see cref="Saved"/>.</summary>
public sealed record UserImportResult(UserImportCheck Check, IReadOnlyList<ImportedUser> Created, bool Saved);

/// <summary>What the account page shows about the signed-in user.</summary>
public sealed record AccountView(string UserName, string FullName, string? JobTitle, string? Email, string Role, string UnitName, string? ParentUnitName);

/// <summary>People and their one unit and role. Identity's own errors are turned into Vietnamese form errors.</summary>
public sealed class UserAdminService(DanVanDbContext db, UserManager<AppUser> users, OrgUnitService units, AuditLog audit, LogInThrottle throttle, SessionService sessions, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        var roleOf = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var roles = roleOf.GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.First().Name ?? "");
        var now = clock.GetUtcNow();
        return (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct))
            .Select(u => new UserRow(u.Id, u.UserName ?? "", u.FullName, u.JobTitle, u.UnitId, roles.GetValueOrDefault(u.Id, ""), u.LockoutEnd > now, u.Email, u.DisabledAt is not null, u.MustChangePassword, u.TwoFactorEnabled))
            .ToList();
    }

    public async Task<string> CreateAsync(CreateUser command, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await ValidateAsync(command.FullName, command.UnitId, command.Role, command.Email, ct);
        if (string.IsNullOrWhiteSpace(command.UserName))
        {
            throw new DomainException(nameof(command.UserName), "Nhập tên đăng nhập.")
            {
                English = "Enter the user name.",
            };
        }

        var user = new AppUser
        {
            UserName = command.UserName.Trim().ToLowerInvariant(),
            FullName = command.FullName.Trim(),
            JobTitle = string.IsNullOrWhiteSpace(command.JobTitle) ? null : command.JobTitle.Trim(),
            Email = Optional(command.Email),
            UnitId = command.UnitId,
            LockoutEnabled = true,
            // An administrator typed this password, so its owner chooses their own at the first log-in, as after a reset.
            MustChangePassword = true,
        };
        Check(await users.CreateAsync(user, command.Password ?? ""), nameof(command.UserName));
        Check(await users.AddToRoleAsync(user, command.Role), nameof(command.Role));
        await RecordAsync(AuditKind.UserCreated, actor, user.UserName, $"{command.Role}, unit {command.UnitId}", ct);
        return user.Id;
    }

    public async Task UpdateAsync(UpdateUser command, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await ValidateAsync(command.FullName, command.UnitId, command.Role, command.Email, ct);
        var user = await users.FindByIdAsync(command.UserId) ?? throw new NotFoundException("User");
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && command.Role != Roles.Admin && await IsLastEnabledAdminAsync(user))
        {
            // Nobody could reach the administration pages again; only the command line on the server could mend it.
            throw new DomainException(nameof(command.Role), "Đây là tài khoản quản trị cuối cùng. Giao vai trò quản trị cho người khác trước khi đổi vai trò của tài khoản này.")
            {
                English = "This is the last administrator account. Give the administrator role to someone else before changing this account's role.",
            };
        }

        user.FullName = command.FullName.Trim();
        user.JobTitle = string.IsNullOrWhiteSpace(command.JobTitle) ? null : command.JobTitle.Trim();
        user.UnitId = command.UnitId;
        user.Email = Optional(command.Email);
        Check(await users.UpdateAsync(user), "");
        if (!current.SequenceEqual([command.Role]))
        {
            Check(await users.RemoveFromRolesAsync(user, current), nameof(command.Role));
            Check(await users.AddToRoleAsync(user, command.Role), nameof(command.Role));
        }

        // Unit and role live in the log-in cookie: a new stamp signs the user out so the change takes effect.
        await users.UpdateSecurityStampAsync(user);
        await RecordAsync(AuditKind.UserUpdated, actor, user.UserName, $"{command.Role}, unit {command.UnitId}", ct);
    }

    public async Task UnlockAsync(string userId, Actor actor)
    {
        RequireAdmin(actor);
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User");
        Check(await users.SetLockoutEndDateAsync(user, null), "");
        Check(await users.ResetAccessFailedCountAsync(user), "");
        throttle.Forget(user.UserName ?? "");
        await RecordAsync(AuditKind.UserUnlocked, actor, user.UserName, null, default);
    }

    /// <summary>
    /// The administrator chooses a password for someone who lost theirs: the owner must replace it at the next
    /// log-in, and every browser and token still signed in ends now (a reset often follows a suspected leak).
    /// </summary>
    public async Task ResetPasswordAsync(string userId, string newPassword, Actor actor)
    {
        RequireAdmin(actor);
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword ?? ""), "Password");
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user), "Password");
        var ended = await sessions.RevokeAllAsync(user.Id);
        await RecordAsync(AuditKind.PasswordReset, actor, user.UserName, $"must change at next log-in; {ended} sessions ended", default);
    }

    /// <summary>
    /// A disabled account cannot log in, and its browsers and tokens stop working at once. Not one's own account, and
    /// never the last administrator who can still log in (nobody could enable anyone again from the web).
    /// </summary>
    public async Task DisableAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User");
        if (user.Id == actor.UserId)
        {
            throw new DomainException("", "Không thể vô hiệu hóa tài khoản của chính mình.") { English = "You cannot disable your own account." };
        }

        if (user.DisabledAt is not null)
        {
            return;
        }

        if ((await users.GetRolesAsync(user)).Contains(Roles.Admin) && await IsLastEnabledAdminAsync(user))
        {
            throw new DomainException("", "Đây là tài khoản quản trị cuối cùng còn hoạt động. Kích hoạt hoặc tạo một tài khoản quản trị khác trước.")
            {
                English = "This is the last enabled administrator; enable or create another administrator first.",
            };
        }

        user.DisabledAt = clock.GetUtcNow().UtcDateTime;
        Check(await users.UpdateAsync(user), "");
        Check(await users.UpdateSecurityStampAsync(user), "");
        var ended = await sessions.RevokeAllAsync(user.Id, ct);
        await RecordAsync(AuditKind.UserDisabled, actor, user.UserName, $"{ended} sessions ended", ct);
    }

    public async Task EnableAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User");
        if (user.DisabledAt is null)
        {
            return;
        }

        user.DisabledAt = null;
        Check(await users.UpdateAsync(user), "");
        await RecordAsync(AuditKind.UserEnabled, actor, user.UserName, null, ct);
    }

    /// <summary>The account by its log-in name, for the command line; null when there is none.</summary>
    public async Task<string?> IdOfAsync(string userName) => (await users.FindByNameAsync(userName.Trim()))?.Id;

    /// <summary>
    /// Reads and checks a users workbook; when every row is right (and this is not a dry run) creates all of them in one
    /// transaction, each with a new one-time password. Otherwise nothing is saved and every row's errors come back.
    /// </summary>
    public async Task<UserImportResult> ImportAsync(Stream workbook, bool dryRun, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var sheet = Xlsx.ReadFirstSheet(workbook);
        var unitRows = await units.ListAsync(ct);
        var existing = (await db.Users.Select(u => u.UserName!).ToListAsync(ct)).Select(n => n.ToLowerInvariant()).ToHashSet();
        var check = UserImport.Check(sheet, unitRows.Select(u => new ImportUnit(u.Id, u.Code, u.Name, u.ClosedOn is not null)).ToList(), existing);
        if (!check.Valid || dryRun)
        {
            return new(check, [], false);
        }

        var unitNames = unitRows.ToDictionary(u => u.Id, u => u.Name);
        var created = new List<ImportedUser>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in check.Rows)
        {
            var user = new AppUser
            {
                UserName = row.UserName,
                FullName = row.FullName,
                JobTitle = Optional(row.JobTitle),
                Email = Optional(row.Email),
                UnitId = row.UnitId!.Value,
                LockoutEnabled = true,
                MustChangePassword = true,
            };
            var password = UserImport.NewPassword();
            Check(await users.CreateAsync(user, password), $"Row {row.Row}");
            Check(await users.AddToRoleAsync(user, row.RoleCode!), $"Row {row.Row}");
            created.Add(new(row.Row, row.UserName, row.FullName, unitNames[row.UnitId.Value], Roles.Vietnamese(row.RoleCode!), user.Email, password));
        }

        audit.Add(AuditKind.UsersImported, actor, null, $"{created.Count} accounts: {string.Join(", ", created.Select(c => c.UserName))}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(check, created, true);
    }

    /// <summary>The import's answer as a workbook: the accounts made and their one-time passwords, to hand out.</summary>
    public static byte[] CreatedWorkbook(IReadOnlyList<ImportedUser> created) => Xlsx.Write(
        "Tài khoản mới",
        [new(UserImport.UserNameHeader, 20), new(UserImport.FullNameHeader, 28), new(UserImport.UnitHeader, 40), new(UserImport.RoleHeader, 20), new(UserImport.EmailHeader, 30), new("Mật khẩu dùng một lần", 22)],
        created.Select(u => (IReadOnlyList<string>)[u.UserName, u.FullName, u.Unit, u.Role, u.Email ?? "", u.Password]));

    /// <summary>An empty users workbook with the header row and one example row to overwrite.</summary>
    public static byte[] TemplateWorkbook() => Xlsx.Write(
        "Người dùng",
        UserImport.TemplateColumns,
        [["nguyenvana", "Nguyễn Văn A", "Ủy ban nhân dân xã An Bình", Roles.Vietnamese(Roles.Staff), "nguyenvana@example.gov.vn", "Chuyên viên"]]);

    /// <summary>Every account the administrator manages (an administrator manages all), with unit code and name, to read back in.</summary>
    public async Task<byte[]> ExportAsync(Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var unitRows = (await units.ListAsync(ct)).ToDictionary(u => u.Id);
        var rows = await ListAsync(ct);
        return Xlsx.Write(
            "Người dùng",
            UserImport.ExportColumns,
            rows.Select(u => (IReadOnlyList<string>)
                [u.UserName, u.FullName, unitRows.GetValueOrDefault(u.UnitId)?.Code ?? "", unitRows.GetValueOrDefault(u.UnitId)?.Name ?? "", Roles.Vietnamese(u.Role), u.Email ?? "", u.JobTitle ?? ""]));
    }

    /// <summary>The signed-in user's own account: unit with its parent, role in words.</summary>
    public async Task<AccountView> AccountAsync(Actor actor, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(actor.UserId) ?? throw new NotFoundException("User");
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        var tree = await units.LoadTreeAsync(ct: ct);
        var parent = tree.ParentOf(user.UnitId);
        return new AccountView(
            user.UserName ?? "",
            user.FullName,
            user.JobTitle,
            user.Email,
            Roles.Vietnamese(role),
            await units.NameAsync(user.UnitId, ct: ct) ?? "",
            parent is { } p ? await units.NameAsync(p, ct: ct) : null);
    }

    /// <summary>Changing one's own password needs the current one; the new one is typed twice and meets Identity's rules.</summary>
    public async Task ChangeOwnPasswordAsync(Actor actor, string current, string next, string confirm)
    {
        var user = await users.FindByIdAsync(actor.UserId) ?? throw new NotFoundException("User");
        AccountRules.RequireNewPassword(next, confirm);

        if (!await users.CheckPasswordAsync(user, current ?? ""))
        {
            throw new DomainException("CurrentPassword", "Mật khẩu hiện tại không đúng.") { English = "The current password is wrong." };
        }

        Check(await users.ChangePasswordAsync(user, current ?? "", next), "NewPassword");
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            Check(await users.UpdateAsync(user), "NewPassword");
        }

        await RecordAsync(AuditKind.PasswordChanged, actor, user.UserName, null, default);
    }

    /// <summary>
    /// Identity saves each change itself, so the audit row follows in its own save, once the change has succeeded
    /// (a refused change leaves no row behind to ride along with a later save).
    /// </summary>
    private async Task RecordAsync(AuditKind kind, Actor actor, string? target, string? detail, CancellationToken ct)
    {
        audit.Add(kind, actor, target, detail);
        await db.SaveChangesAsync(ct);
    }

    private async Task<bool> IsLastEnabledAdminAsync(AppUser user) =>
        user.DisabledAt is null && (await users.GetUsersInRoleAsync(Roles.Admin)).Count(a => a.DisabledAt is null) <= 1;

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task ValidateAsync(string fullName, int unitId, string role, string? email, CancellationToken ct)
    {
        if (Optional(email) is { } address && !UserImport.IsEmail(address))
        {
            throw new DomainException("Email", "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@donvi.gov.vn).") { English = "The e-mail address is not valid." };
        }

        OrgUnits.OrgUnitService.RequireText(fullName, "FullName", "Nhập họ và tên.", "Enter the full name.", 200);
        if (!Roles.All.Contains(role))
        {
            throw new DomainException("Role", "Chọn vai trò.")
            {
                English = "Choose a role.",
            };
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
            throw new ForbiddenException("Chỉ quản trị hệ thống được quản lý tài khoản.")
            {
                English = "Only an administrator may manage accounts.",
            };
        }
    }

    private static void Check(IdentityResult result, string field) => AccountRules.Check(result, field);
}
