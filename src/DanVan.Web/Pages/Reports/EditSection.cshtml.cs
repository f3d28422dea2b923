using DanVan.Core;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Reports;

public sealed class EditSectionModel(ReportService reports, ReportStandingService states) : PageModel, IShowsConflicts
{
    public sealed class SectionInput
    {
        public string? Text { get; set; }

        public int Version { get; set; }
    }

    [BindProperty]
    public SectionInput Input { get; set; } = new();

    public Report Report { get; private set; } = null!;

    public ReportSection Section { get; private set; } = null!;

    /// <summary>After a conflicting save: what someone else saved meanwhile, shown beside the user's own text.</summary>
    public string? SavedMeanwhile { get; private set; }

    /// <summary>False when the report is in a state nobody may edit (sent, accepted): the page says so instead of a save that must fail.</summary>
    public bool Editable { get; private set; }

    public ReportStanding State { get; private set; } = null!;

    /// <summary>The period "Chép từ kỳ trước" copies from, in words ("quý III năm 2026").</summary>
    public string PreviousPeriod => Core.Periods.ReportingPeriod.TryParse(Report.Period, out var p) ? Display.Period(p.Previous().ToString()) : Bilingual.Text("Kỳ trước");

    public async Task<IActionResult> OnGetAsync(int id, string key, CancellationToken ct)
    {
        await LoadAsync(id, key, ct);
        if (!await states.MayEditUnitAsync(Report, HttpContext.Actor(), ct))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Input.Text = Section.Text;
        Input.Version = Section.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string key, CancellationToken ct)
    {
        await LoadAsync(id, key, ct);
        await reports.SaveSectionAsync(
            new SaveSection { ReportId = id, Key = key, Text = Input.Text ?? "", ExpectedVersion = Input.Version },
            HttpContext.Actor(),
            ct);
        TempData["Flash"] = Bilingual.Text("Đã lưu mục \"{0}\".", Section.Heading);
        return Redirect($"/reports/{id}#section-{key}");
    }

    public async Task<IActionResult> OnPostCopyPreviousAsync(int id, string key, CancellationToken ct)
    {
        await LoadAsync(id, key, ct);
        await reports.CopyFromPreviousAsync(id, key, Input.Version, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã chép mục \"{0}\" từ báo cáo {1}; mục được đánh dấu là nội dung sao chép. Sửa lại cho đúng kỳ này.", Section.Heading, PreviousPeriod);
        return Redirect($"/reports/{id}/sections/{key}");
    }

    public void OnConflict(ConcurrencyConflictException conflict)
    {
        SavedMeanwhile = conflict.LatestText;
        if (conflict.LatestVersion is { } latest)
        {
            // Saving again after reading the newer text is a deliberate overwrite, so it is based on that version.
            ModelState.Remove("Input.Version");
            Input.Version = latest;
        }
    }

    private async Task LoadAsync(int id, string key, CancellationToken ct)
    {
        Report = await reports.GetAsync(id, HttpContext.Actor(), ct);
        Section = Report.Sections.FirstOrDefault(s => s.Key == key) ?? throw new NotFoundException("Section");
        State = await states.StandingAsync(Report, HttpContext.Actor(), ct);
        Editable = State.CanEdit;
    }
}
