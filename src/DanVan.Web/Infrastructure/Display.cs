using System.Globalization;
using DanVan.Core;
using DanVan.Core.Consolidation;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;

namespace DanVan.Web.Infrastructure;

/// <summary>How dates, periods and states read on Vietnamese pages (dd/MM/yyyy, Vietnam time).</summary>
public static class Display
{
    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string DateTime(DateTime? utc) =>
        utc is { } at ? VietnamTime.ToLocal(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Period(string code) =>
        ReportingPeriod.TryParse(code, out var p) ? $"{Capitalize(p.ToVietnamese())} ({p})" : code;

    public static string Status(ReportStatus? status) => Capitalize(ReportService.StatusText(status));

    public static string StatusCss(ReportStatus? status) => status switch
    {
        null => "st-none",
        ReportStatus.Draft or ReportStatus.AwaitingLeader => "st-draft",
        ReportStatus.Submitted => "st-submitted",
        ReportStatus.Returned => "st-returned",
        _ => "st-accepted",
    };

    public static string Timeliness(Timeliness t) => t switch
    {
        Core.Consolidation.Timeliness.OnTime => "Đúng hạn",
        Core.Consolidation.Timeliness.Late => "Trễ hạn",
        Core.Consolidation.Timeliness.Overdue => "Quá hạn, chưa gửi",
        _ => "",
    };

    public static string Kind(UnitKind kind) => kind switch
    {
        UnitKind.Province => "Tỉnh/thành phố",
        UnitKind.Department => "Sở, ban, ngành",
        UnitKind.District => "Huyện (cũ)",
        UnitKind.Commune => "Xã, phường, đặc khu",
        UnitKind.Board => "Ban quản lý dự án",
        _ => "Khác",
    };

    public static string Event(UnitEventKind kind) => kind switch
    {
        UnitEventKind.Created => "Thành lập",
        UnitEventKind.Renamed => "Đổi tên",
        UnitEventKind.Moved => "Chuyển cấp trên",
        UnitEventKind.Closed => "Ngừng hoạt động",
        UnitEventKind.Merged => "Sáp nhập vào",
        _ => "Chia tách",
    };

    public static string Number(decimal value) => value.ToString("#,##0.####", CultureInfo.GetCultureInfo("vi-VN"));

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.GetCultureInfo("vi-VN")) + s[1..];
}
