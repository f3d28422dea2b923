namespace DanVan.Core.Reports;

/// <summary>The status labels every page, message and export uses.</summary>
public static class ReportStatusText
{
    /// <summary>Vietnamese status names, as officials say them.</summary>
    public static string Of(ReportStatus? status) => status switch
    {
        null => "chưa có báo cáo",
        ReportStatus.Draft => "nháp",
        ReportStatus.AwaitingLeader => "chờ lãnh đạo duyệt",
        ReportStatus.Submitted => "đã gửi",
        ReportStatus.Returned => "bị trả lại",
        ReportStatus.Accepted => "đã tiếp nhận",
        _ => status.Value.ToString(),
    };
}
