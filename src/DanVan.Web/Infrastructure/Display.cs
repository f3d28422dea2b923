using System.Globalization;
using DanVan.Core;
using DanVan.Core.Consolidation;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;

namespace DanVan.Web.Infrastructure;

/// <summary>How dates, periods and states read on Vietnamese pages (dd/MM/yyyy, Vietnam time).</summary>
public static class Display
{
    /// <summary>A browser's User-Agent in words ("Chrome trên Windows"); null when it names neither browser nor system.</summary>
    public static string? Device(Microsoft.Extensions.Localization.IStringLocalizer l, string? userAgent) => Core.Access.Devices.Describe(userAgent) switch
    {
        { Browser: { } b, System: { } os } => l["{0} trên {1}", b, os].Value,
        { Browser: { } b } => b,
        { System: { } os } => os,
        _ => null,
    };

    public static string Date(DateOnly? date) => date is { } day ? VietnamTime.FormatDate(day) : "";

    public static string DateTime(DateTime? utc) => utc is { } at ? VietnamTime.FormatDateTime(at) : "";

    public static string Period(string code) =>
        ReportingPeriod.TryParse(code, out var p) ? Capitalize(p.ToVietnamese()) : code;

    public static string Status(ReportStatus? status) => Bilingual.Text(StatusInVietnamese(status));

    /// <summary>For spreadsheets, which are Vietnamese whatever the interface language.</summary>
    public static string StatusInVietnamese(ReportStatus? status) => Capitalize(ReportStatusText.Of(status));

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

    public static string Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Sunday => "Chủ nhật",
        DayOfWeek.Monday => "Thứ Hai",
        DayOfWeek.Tuesday => "Thứ Ba",
        DayOfWeek.Wednesday => "Thứ Tư",
        DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu",
        _ => "Thứ Bảy",
    };

    public static string Outcome(CarryOutcome outcome) => Bilingual.Text(CarryForward.OutcomeText(outcome));

    public static string PeriodType(PeriodType type) => type switch
    {
        Core.Periods.PeriodType.Month => "Hằng tháng",
        Core.Periods.PeriodType.Quarter => "Hằng quý",
        Core.Periods.PeriodType.Half => "6 tháng",
        Core.Periods.PeriodType.NineMonths => "9 tháng",
        _ => "Hằng năm",
    };

    public static string Semantics(PeriodSemantics semantics) => semantics == PeriodSemantics.Decree09
        ? "Chốt số liệu theo Nghị định 09/2019 (ngày 15 tháng trước → ngày 14)"
        : "Theo tháng dương lịch (ngày 1 → cuối tháng)";

    public static string Deadline(DeadlineKind kind, int value) => kind == DeadlineKind.DayOfMonth
        ? $"Trước ngày {value} (sau ngày chốt số liệu)"
        : $"{value} ngày làm việc sau ngày chốt số liệu";

    public static string FigureKind(FigureKind kind) => kind switch
    {
        Core.Plans.FigureKind.WholeNumber => "Số nguyên",
        Core.Plans.FigureKind.DecimalNumber => "Số thập phân",
        Core.Plans.FigureKind.Heading => "Tiêu đề nhóm",
        _ => "Văn bản",
    };

    public static string Rollup(Rollup rollup) => rollup switch
    {
        Core.Plans.Rollup.Sum => "Cộng",
        Core.Plans.Rollup.Min => "Nhỏ nhất",
        Core.Plans.Rollup.Max => "Lớn nhất",
        Core.Plans.Rollup.Mean => "Trung bình",
        Core.Plans.Rollup.WeightedMean => "Trung bình có trọng số",
        Core.Plans.Rollup.Recompute => "Tính lại theo công thức",
        _ => "Không tổng hợp",
    };

    public static string Audience(Plan plan, IReadOnlyDictionary<int, string> names) => plan.Audience switch
    {
        AudienceKind.Subtree => $"Toàn bộ đơn vị thuộc {names.GetValueOrDefault(plan.AudienceRootId ?? plan.OwnerUnitId, "")}",
        AudienceKind.UnitKind => $"Mọi đơn vị loại \"{Kind(plan.AudienceUnitKind ?? UnitKind.Other)}\"",
        _ => $"{plan.Units.Count} đơn vị được chọn",
    };

    /// <summary>"1.234,5": the figures on pages read as the consolidated report writes them.</summary>
    public static string Number(decimal value) => DanVan.Core.Consolidation.Consolidator.Number(value);

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.GetCultureInfo("vi-VN")) + s[1..];
}
