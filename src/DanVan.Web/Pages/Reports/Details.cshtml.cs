using DanVan.Core;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using DanVan.Core.Text;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Pages.Reports;

public sealed class DetailsModel(ReportService reports, ReportStandingService states, OrgUnitService units, Core.Reminders.ReportNotices notices, SectionCommentService comments, Core.Citations.LegalDocumentService legal, TimeProvider clock, DanVanDbContext db) : PageModel, IShowsConflicts
{
    /// <summary>The documents the report's sections cite, with what the registry knows of each.</summary>
    public IReadOnlyList<Core.Citations.CitedDocument> Cited { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public sealed record AttachmentRow(int Id, string FileName, long Size, DateTime UploadedAt, string UploadedBy);

    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];

    public sealed class ActionInput
    {
        public string? Comment { get; set; }

        public int Version { get; set; }
    }

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public sealed class CarryInput
    {
        public int Id { get; set; }

        public CarryOutcome? Outcome { get; set; }

        public string? Note { get; set; }
    }

    [BindProperty]
    public List<CarryInput> Carry { get; set; } = [];

    public ReportStanding State { get; private set; } = null!;

    /// <summary>A remark on a section (no parent) or an answer to one.</summary>
    public sealed class CommentInput
    {
        public string? SectionKey { get; set; }

        public int? ParentId { get; set; }

        public string? Text { get; set; }
    }

    [BindProperty]
    public CommentInput Remark { get; set; } = new();

    /// <summary>The remarks on the report's sections and what the user may do with them.</summary>
    public ReportComments Comments { get; private set; } = null!;

    /// <summary>For sections copied from last period: whether the text is still word for word the copy.</summary>
    public IReadOnlyDictionary<string, bool> CopiedUnchanged { get; private set; } = new Dictionary<string, bool>();

    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; } = "content";

    public Report Report { get; private set; } = null!;

    /// <summary>The shorter reports a 6-month, 9-month or annual report was drafted from, shown with links for review.</summary>
    public DraftedFrom? DraftedFrom { get; private set; }

    public string UnitName { get; private set; } = "";

    /// <summary>The reorganisations inside the period's data window concerning the unit or those below it, when there are any.</summary>
    public PeriodReorganisation? Reorganisation { get; private set; }

    public bool CanEdit { get; private set; }

    public IReadOnlyList<ReportAction> Actions { get; private set; } = [];

    /// <summary>Staff look at a report their leader holds: they may not edit it until the leader returns it.</summary>
    public bool WithLeader { get; private set; }

    /// <summary>"Submit" asks the leader to confirm sending, saying what will happen, before the form that sends.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    /// <summary>The bodies the report goes to when sent, named in the confirmation.</summary>
    public IReadOnlyList<string> SubmitTo { get; private set; } = [];

    /// <summary>History: the versions compared (0 is the text as it is now).</summary>
    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public IReadOnlyList<ReportVersion> Versions { get; private set; } = [];

    public IReadOnlyList<SectionChange> Changes { get; private set; } = [];

    /// <summary>Whether the text now differs from the last version handed on (then "now" can be compared too).</summary>
    public bool ChangedSinceLastVersion { get; private set; }

    /// <summary>The last return, by the leader or the consolidating body, whose reason the staff must see.</summary>
    public ReportTransition? LastReturn { get; private set; }

    /// <summary>On the figures tab: each numeric figure over the last periods (a consolidated report's also by unit).</summary>
    public Core.Plans.FigureCharts? Charts { get; private set; }

    public async Task OnGetAsync(int id, [FromServices] Core.Plans.FigureComparisonService comparisons, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Tab == "figures" && Report.Figures.Count > 0)
        {
            Charts = await comparisons.ChartsForReportAsync(id, HttpContext.Actor(), ct);
        }
    }

    /// <summary>The pieces as one run of escaped text with &lt;del&gt;/&lt;ins&gt;: the text is shown pre-wrapped, so no markup whitespace may slip in.</summary>
    public static IHtmlContent Diff(IReadOnlyList<DiffPiece> pieces)
    {
        var html = new HtmlContentBuilder();
        foreach (var piece in pieces)
        {
            var tag = piece.Kind switch { DiffKind.Deleted => "del", DiffKind.Inserted => "ins", _ => null };
            if (tag is not null)
            {
                html.AppendHtml($"<{tag}>");
            }

            html.Append(piece.Text);
            if (tag is not null)
            {
                html.AppendHtml($"</{tag}>");
            }
        }

        return html;
    }

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

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) => ActAsync(id, ReportAction.Reopen, "Đã mở lại báo cáo; đơn vị sửa và gửi lại.", ct);

    public async Task<IActionResult> OnPostCommentAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var commentId = await comments.AddAsync(
            new AddComment { ReportId = id, SectionKey = Remark.SectionKey ?? "", Text = Remark.Text ?? "", ParentId = Remark.ParentId },
            HttpContext.Actor(),
            ct);
        TempData["Flash"] = Bilingual.Text(Remark.ParentId is null ? "Đã ghi ý kiến vào mục; đơn vị nhận được thông báo." : "Đã gửi trả lời.");
        return Redirect($"/reports/{id}#comment-{Remark.ParentId ?? commentId}");
    }

    public async Task<IActionResult> OnPostResolveAsync(int id, int commentId, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await comments.ResolveAsync(id, commentId, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã đánh dấu ý kiến đã giải quyết.");
        return Redirect($"/reports/{id}#comment-{commentId}");
    }

    public async Task<IActionResult> OnPostCarryForwardAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await reports.SaveCarryForwardAsync(id, Carry.Select(c => new CarryForwardAnswer(c.Id, c.Outcome, c.Note)).ToList(), Input.Version, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã lưu kết quả thực hiện nhiệm vụ kỳ trước.");
        return Redirect($"/reports/{id}#carry-forward");
    }

    private async Task<IActionResult> ActAsync(int id, ReportAction action, string done, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await reports.ChangeStatusAsync(
            new ChangeStatus { ReportId = id, Action = action, Comment = Input.Comment, ExpectedVersion = Input.Version },
            HttpContext.Actor(),
            ct);
        TempData["Flash"] = Bilingual.Text(done);
        return Redirect($"/reports/{id}");
    }

    /// <summary>The page shows the report as it is now; the next action is judged against that.</summary>
    public void OnConflict(ConcurrencyConflictException conflict) => Input.Version = Report.Version;

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Report = await reports.GetAsync(id, actor, ct);
        DraftedFrom = FromParts.Read(Report.Transitions.FirstOrDefault()?.Comment);
        var period = Core.Periods.ReportingPeriod.Parse(Report.Period);
        UnitName = await units.NameAsync(Report.UnitId, period.CalendarWindow().End, ct) ?? "";
        State = await states.StandingAsync(Report, actor, ct);
        CanEdit = State.CanEdit;
        WithLeader = Report.Status == ReportStatus.AwaitingLeader && !CanEdit && !State.Locked && await states.MayEditUnitAsync(Report, actor, ct);
        Actions = State.Actions;
        Reorganisation = await units.ReorganisationUnderAsync(Report.UnitId, period, State.Plan?.Semantics ?? Core.Periods.PeriodSemantics.Calendar, ct);
        Today = VietnamTime.Today(clock);
        // Judged on the report's own date: a document replaced after the report was issued was right to cite then.
        Cited = Core.Citations.CitedDocuments.In(Report.Sections.Select(s => s.Text), Report.IssuedOn ?? Today, await legal.RegistryAsync(ct));
        var copied = Report.Sections.Where(s => s.CopiedFromReportId is not null).ToList();
        var sourceIds = copied.Select(s => s.CopiedFromReportId!.Value).Distinct().ToList();
        var sources = sourceIds.Count == 0 ? [] : await db.ReportSections.AsNoTracking()
            .Where(s => sourceIds.Contains(s.ReportId))
            .Select(s => new { s.ReportId, s.Key, s.Text })
            .ToListAsync(ct);
        CopiedUnchanged = copied.ToDictionary(
            s => s.Key,
            s => sources.Any(x => x.ReportId == s.CopiedFromReportId && x.Key == s.Key && x.Text == s.Text));
        Comments = await comments.ListAsync(Report, State, ct);
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

        if (Confirm == nameof(ReportAction.Submit) && Actions.Contains(ReportAction.Submit))
        {
            SubmitTo = await notices.ReviewingBodiesAsync(Report, ct);
        }
        else
        {
            Confirm = null;
        }

        if (Tab == "history")
        {
            await CompareAsync(ct);
        }
    }

    /// <summary>By default the last version against the one before it (or, with one version, against the text now).</summary>
    private async Task CompareAsync(CancellationToken ct)
    {
        Versions = await reports.VersionsAsync(Report, ct);
        var now = Report.Sections.ToDictionary(s => s.Key, s => s.Text, StringComparer.Ordinal);
        ChangedSinceLastVersion = Versions.Count > 0 && Report.Sections.Any(s => Versions[^1].Texts.GetValueOrDefault(s.Key, "") != s.Text);
        if (From is null || To is null)
        {
            (From, To) = Versions.Count switch
            {
                >= 2 => ((int?)Versions.Count - 1, (int?)Versions.Count),
                1 when ChangedSinceLastVersion => (1, 0),
                _ => ((int?)null, (int?)null),
            };
        }

        IReadOnlyDictionary<string, string>? Texts(int? n) => n switch
        {
            0 => now,
            { } v when v >= 1 && v <= Versions.Count => Versions[v - 1].Texts,
            _ => null,
        };

        if (Texts(From) is { } from && Texts(To) is { } to)
        {
            Changes = ReportVersions.Compare(from, to, Report.Sections.Select(s => (s.Key, s.Heading)));
        }
        else
        {
            (From, To) = (null, null);
        }
    }
}
