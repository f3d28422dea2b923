using DanVan.Core;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Reports;

/// <summary>
/// The whole report on one page, every section editable in place. Each section is its own form posting to
/// <see cref="OnPostAsync"/>: write.js autosaves through it with JSON, without JS it is a plain save button.
/// </summary>
public sealed class WriteModel(ReportService reports, ReportStandingService states, Core.OrgUnits.OrgUnitService units, TimeProvider clock) : PageModel, IShowsConflicts
{
    public sealed class SectionInput
    {
        public string? Text { get; set; }

        public int Version { get; set; }
    }

    [BindProperty]
    public SectionInput Input { get; set; } = new();

    public Report Report { get; private set; } = null!;

    public ReportStanding State { get; private set; } = null!;

    public string UnitName { get; private set; } = "";

    /// <summary>The section a refused plain post was about: its box shows what the user typed, not what is stored.</summary>
    public string? PostedKey { get; private set; }

    /// <summary>After a conflicting plain post: what someone else saved meanwhile, shown under the user's own text.</summary>
    public string? SavedMeanwhile { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string key, CancellationToken ct)
    {
        var json = Request.WantsJson();
        if (!json)
        {
            // Only a plain post re-renders the page on a refusal; an autosave answers with JSON and skips the read.
            await LoadAsync(id, ct);
            PostedKey = key;
        }

        var saved = await reports.SaveSectionAsync(
            new SaveSection { ReportId = id, Key = key, Text = Input.Text ?? "", ExpectedVersion = Input.Version },
            HttpContext.Actor(),
            ct);
        if (json)
        {
            var at = VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            return new JsonResult(new { key, version = saved.Version, reportVersion = saved.ReportVersion, savedAt = at });
        }

        TempData["Flash"] = Bilingual.Text("Đã lưu mục \"{0}\".", Report.Sections.First(s => s.Key == key).Heading);
        return Redirect($"/reports/{id}/write#section-{key}");
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

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Report = await reports.GetAsync(id, HttpContext.Actor(), ct);
        UnitName = await units.NameAsync(Report.UnitId, Core.Periods.ReportingPeriod.Parse(Report.Period).CalendarWindow().End, ct) ?? "";
        State = await states.StandingAsync(Report, HttpContext.Actor(), ct);
    }
}
