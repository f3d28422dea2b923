using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Pages.Reports;

public sealed class DetailsModel(ReportService reports, OrgUnitService units, DanVanDbContext db) : PageModel
{
    public sealed record AttachmentRow(int Id, string FileName, long Size, DateTime UploadedAt, string UploadedBy);

    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];

    public sealed class ActionInput
    {
        public string? Comment { get; set; }

        public int Version { get; set; }
    }

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; } = "content";

    public Report Report { get; private set; } = null!;

    public string UnitName { get; private set; } = "";

    public bool CanEdit { get; private set; }

    public IReadOnlyList<ReportAction> Actions { get; private set; } = [];

    /// <summary>The last return, by the leader or the consolidating body, whose reason the staff must see.</summary>
    public ReportTransition? LastReturn { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    /// <summary>Downloads a kept file (e.g. the Word original); the report's own scope check applies.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(int id, int attachmentId, CancellationToken ct)
    {
        await reports.GetAsync(id, HttpContext.Actor(), ct);
        var file = await db.ReportAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.ReportId == id && a.Id == attachmentId, ct);
        return file is null ? NotFound() : File(file.Content, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostSendToLeaderAsync(int id, CancellationToken ct) => ActAsync(id, ReportAction.SendToLeader, "Đã trình lãnh đạo.", ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) => ActAsync(id, ReportAction.Submit, "Đã gửi báo cáo lên cơ quan tổng hợp.", ct);

    public Task<IActionResult> OnPostReturnToStaffAsync(int id, CancellationToken ct) => ActAsync(id, ReportAction.ReturnToStaff, "Đã trả lại cho cán bộ.", ct);

    public Task<IActionResult> OnPostAcceptAsync(int id, CancellationToken ct) => ActAsync(id, ReportAction.Accept, "Đã tiếp nhận báo cáo.", ct);

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct) => ActAsync(id, ReportAction.Return, "Đã trả lại báo cáo kèm lý do.", ct);

    private async Task<IActionResult> ActAsync(int id, ReportAction action, string done, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await reports.ChangeStatusAsync(
            new ChangeStatus { ReportId = id, Action = action, Comment = Input.Comment, ExpectedVersion = Input.Version },
            HttpContext.Actor(),
            ct);
        TempData["Flash"] = done;
        return Redirect($"/reports/{id}");
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Report = await reports.GetAsync(id, actor, ct);
        var period = Core.Periods.ReportingPeriod.Parse(Report.Period);
        UnitName = (await units.NamesAsync(period.CalendarWindow().End, ct)).GetValueOrDefault(Report.UnitId, "");
        CanEdit = ReportWorkflow.MayEdit(Report.UnitId, Report.Status, actor);
        Actions = ReportWorkflow.Available(Report.UnitId, Report.Status, actor);
        Attachments = await db.ReportAttachments.AsNoTracking()
            .Where(a => a.ReportId == id)
            .OrderBy(a => a.UploadedAt)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.Size, a.UploadedAt, a.UploadedBy))
            .ToListAsync(ct);
        LastReturn = Report.Transitions.LastOrDefault();
        if (LastReturn is not { ToStatus: ReportStatus.Returned } && !(LastReturn is { FromStatus: ReportStatus.AwaitingLeader, ToStatus: ReportStatus.Draft }))
        {
            LastReturn = null;
        }

        if (Input.Version == 0)
        {
            Input.Version = Report.Version;
        }
    }
}
