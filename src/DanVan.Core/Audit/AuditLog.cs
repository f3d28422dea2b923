using System.Globalization;
using System.Text;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DanVan.Core.Audit;

/// <summary>Filter of the audit page and its CSV export; days are Vietnamese calendar days, both ends included.</summary>
public sealed record AuditQuery
{
    public string? UserName { get; init; }
    public AuditKind? Kind { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Page { get; init; } = 1;
}

public sealed record AuditPage(IReadOnlyList<AuditEvent> Rows, int Total, int Page, int PageSize);

/// <summary>
/// The one writer and reader of the audit trail. Administrative changes <see cref="Add"/> their row to the same save
/// as the change (both or neither); log-in events, which change nothing else, <see cref="RecordAsync"/> theirs.
/// </summary>
public sealed class AuditLog(DanVanDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The most rows one CSV export holds; narrow the filter for more.</summary>
    public const int MaxExport = 100_000;

    /// <summary>Queues the row of an administrative change; the caller's SaveChanges writes it with the change.</summary>
    public void Add(AuditKind kind, Actor actor, string? target, string? detail = null) =>
        db.AuditEvents.Add(New(kind, true, actor.UserId is "" ? null : actor.UserId, actor.UserName, target, actor.Address, detail));

    /// <summary>Writes a security event (log-in, log-out, token) at once.</summary>
    public async Task RecordAsync(AuditKind kind, bool succeeded, string? userId, string? userName, string? address, string? target = null, string? detail = null, CancellationToken ct = default)
    {
        db.AuditEvents.Add(New(kind, succeeded, userId, userName, target, address, detail));
        await db.SaveChangesAsync(ct);
    }

    public async Task<AuditPage> SearchAsync(AuditQuery query, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var rows = Filter(query);
        var total = await rows.CountAsync(ct);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var list = await rows.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditPage(list, total, page, PageSize);
    }

    /// <summary>The filtered rows as CSV (UTF-8 with BOM so Excel reads Vietnamese), newest first, times in Vietnam time.</summary>
    public async Task<byte[]> ExportCsvAsync(AuditQuery query, Actor actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        var text = new StringBuilder("Thời điểm,Sự kiện,Kết quả,Người thực hiện,Đối tượng,Địa chỉ,Chi tiết\r\n");
        await foreach (var e in Filter(query).OrderByDescending(e => e.Id).Take(MaxExport).AsAsyncEnumerable().WithCancellation(ct))
        {
            text.AppendJoin(',', [
                VietnamTime.ToLocal(e.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                e.Kind.ToString(),
                e.Succeeded ? "OK" : "FAIL",
                Csv.Field(e.UserName),
                Csv.Field(e.Target),
                Csv.Field(e.Address),
                Csv.Field(e.Detail)]).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Called on every save: the trail is append-only, so a modified or deleted row stops the save.</summary>
    public static void RefuseChanges(ChangeTracker tracker)
    {
        if (tracker.Entries<AuditEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit events are append-only; they cannot be changed or deleted.");
        }
    }

    /// <summary>Vietnamese words for a kind, as the audit page shows it.</summary>
    public static string Vietnamese(AuditKind kind) => kind switch
    {
        AuditKind.LogIn => "Đăng nhập",
        AuditKind.LogInFailed => "Đăng nhập sai",
        AuditKind.LogInRefused => "Đăng nhập bị chặn",
        AuditKind.LogOut => "Đăng xuất",
        AuditKind.TokenCreated => "Cấp token API",
        AuditKind.TokenRevoked => "Thu hồi token API",
        AuditKind.SessionsRevoked => "Đăng xuất khỏi mọi thiết bị",
        AuditKind.PasswordChanged => "Đổi mật khẩu",
        AuditKind.PasswordReset => "Đặt lại mật khẩu",
        AuditKind.UserCreated => "Tạo tài khoản",
        AuditKind.UserUpdated => "Sửa tài khoản",
        AuditKind.UserUnlocked => "Mở khóa tài khoản",
        AuditKind.UsersImported => "Nhập danh sách tài khoản",
        AuditKind.UnitCreated => "Tạo đơn vị",
        AuditKind.UnitRenamed => "Đổi tên đơn vị",
        AuditKind.UnitMoved => "Chuyển đơn vị",
        AuditKind.UnitClosed => "Giải thể, sáp nhập đơn vị",
        AuditKind.UnitsReorganised => "Sắp xếp đơn vị theo phương án",
        AuditKind.UserDisabled => "Vô hiệu hóa tài khoản",
        AuditKind.UserEnabled => "Kích hoạt lại tài khoản",
        AuditKind.TwoFactorEnabled => "Bật xác thực hai bước",
        AuditKind.TwoFactorDisabled => "Tắt xác thực hai bước",
        AuditKind.RecoveryCodesRenewed => "Tạo lại mã khôi phục",
        AuditKind.LegalDocumentAdded => "Thêm văn bản vào danh mục",
        AuditKind.LegalDocumentChanged => "Sửa văn bản trong danh mục",
        _ => kind.ToString(),
    };

    private IQueryable<AuditEvent> Filter(AuditQuery query)
    {
        var rows = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            // User names are stored lower-case; an account is found whether it acted or was acted on.
            var name = query.UserName.Trim().ToLowerInvariant();
            rows = rows.Where(e => e.UserName == name || e.Target == name);
        }

        if (query.Kind is { } kind)
        {
            rows = rows.Where(e => e.Kind == kind);
        }

        if (query.From is { } from)
        {
            var start = StartOfDayUtc(from);
            rows = rows.Where(e => e.At >= start);
        }

        if (query.To is { } to)
        {
            var end = StartOfDayUtc(to.AddDays(1));
            rows = rows.Where(e => e.At < end);
        }

        return rows;
    }

    private static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), VietnamTime.Zone);

    private AuditEvent New(AuditKind kind, bool succeeded, string? userId, string? userName, string? target, string? address, string? detail) => new()
    {
        At = clock.GetUtcNow().UtcDateTime,
        Kind = kind,
        Succeeded = succeeded,
        UserId = userId,
        UserName = Cut(userName, 256),
        Target = Cut(target, 300),
        Address = Cut(address, 45),
        Detail = Cut(detail, AuditEvent.MaxTextLength),
    };

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private static void RequireAdmin(Actor actor)
    {
        if (!actor.IsIn(Roles.Admin))
        {
            throw new ForbiddenException("Chỉ quản trị hệ thống được xem nhật ký hệ thống.")
            {
                English = "Only an administrator may read the system log.",
            };
        }
    }
}
