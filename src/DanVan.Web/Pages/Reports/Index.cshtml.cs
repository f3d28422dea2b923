using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Pages.Reports;

public sealed class IndexModel(ReportList list, ReportService reports, PlanService plans, TimeProvider clock) : PageModel
{
    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Chọn kỳ báo cáo.")]
        [MaxLength(10)]
        public string Period { get; set; } = "";

        /// <summary>"Bắt đầu từ các báo cáo kỳ nhỏ hơn": on unless the user unticks it (the open periods' buttons do not send it).</summary>
        public bool FromParts { get; set; } = true;
    }

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    /// <summary>The day the list is seen as of (dd/mm/yyyy or yyyy-mm-dd): the units in scope then, by their names then.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    /// <summary><see cref="On"/> when it is not today: the list is then a record of that day, without today's actions (<see cref="Core.AsOf"/>).</summary>
    public DateOnly? OtherDay => Core.AsOf.OtherDay(On, clock);

    public IReadOnlyList<ReportListRow> Rows { get; private set; } = [];

    /// <summary>The listed reports the consolidator may accept now, ticked for "Tiếp nhận các báo cáo đã chọn".</summary>
    public IReadOnlySet<int> Acceptable { get; private set; } = new HashSet<int>();

    [BindProperty]
    public List<int> Selected { get; set; } = [];

    /// <summary>The last bulk acceptance: the reports accepted, and those refused grouped by reason (kept small for TempData).</summary>
    public sealed record BulkResults(List<int> Accepted, Dictionary<string, List<int>> Refused);

    public BulkResults? Results { get; private set; }

    /// <summary>Names of the reports in <see cref="Results"/>, which the current filter may not list.</summary>
    public Dictionary<int, string> ResultLabels { get; private set; } = [];


    public bool CanCreate => User.IsInRole(Roles.Staff) || User.IsInRole(Roles.Leader);

    /// <summary>The periods the unit may start now (Core decides), offered in words.</summary>
    public IReadOnlyList<StartablePeriod> Startable { get; private set; } = [];

    /// <summary>The periods and units of the reports the user sees, for the filters.</summary>
    public IReadOnlyList<string> FilterPeriods { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> FilterUnits { get; private set; } = [];

    /// <summary>Periods open now under the plans the user's unit reports to.</summary>
    public IReadOnlyList<OpenPeriod> OpenPeriods { get; private set; } = [];

    public string? FilterError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.Period = Startable.Count > 0 ? Startable[0].Period.ToString() : "";
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return Page();
        }

        var id = await reports.CreateAsync(new CreateReport { Period = Input.Period, FromParts = Input.FromParts }, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã lập báo cáo. Soạn từng mục theo đề cương rồi trình lãnh đạo.");
        return Redirect($"/reports/{id}");
    }

    public async Task<IActionResult> OnPostAcceptManyAsync(CancellationToken ct)
    {
        if (Selected.Count == 0)
        {
            await LoadAsync(ct);
            ModelState.AddModelError(nameof(Selected), Bilingual.Text("Chọn ít nhất một báo cáo để tiếp nhận."));
            Response.StatusCode = 400;
            return Page();
        }

        var outcomes = await reports.AcceptManyAsync(Selected, HttpContext.Actor(), ct);
        var results = new BulkResults(
            outcomes.Where(o => o.Status is not null).Select(o => o.ReportId).ToList(),
            outcomes.Where(o => o.Status is null).GroupBy(o => (Bilingual.IsEnglish ? o.English : null) ?? o.Refusal ?? "").ToDictionary(g => g.Key, g => g.Select(o => o.ReportId).ToList()));
        TempData["BulkResults"] = JsonSerializer.Serialize(results);
        TempData["Flash"] = results.Refused.Count == 0
            ? Bilingual.Text("Đã tiếp nhận {0} báo cáo.", results.Accepted.Count)
            : Bilingual.Text("Đã tiếp nhận {0} báo cáo; {1} báo cáo không tiếp nhận được (xem lý do bên dưới).", results.Accepted.Count, outcomes.Count - results.Accepted.Count);
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Period))
        {
            query.Add($"Period={Uri.EscapeDataString(Period)}");
        }

        if (!string.IsNullOrWhiteSpace(Unit))
        {
            query.Add($"Unit={Uri.EscapeDataString(Unit)}");
        }

        if (On is { } on)
        {
            query.Add($"on={on:yyyy-MM-dd}");
        }

        return Redirect("/reports" + (query.Count > 0 ? "?" + string.Join("&", query) : "") + "#bulk-results");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        if (ModelState[nameof(On)]?.Errors is { Count: > 0 } wrongDay)
        {
            // A mistyped day lists as of today and says what to fix; the filter form keeps what was typed.
            FilterError = wrongDay[0].ErrorMessage;
            ModelState.Remove(nameof(On));
            On = null;
        }

        ReportingPeriod? chosen = null;
        if (!string.IsNullOrWhiteSpace(Period))
        {
            if (ReportingPeriod.TryParse(Period, out var p))
            {
                chosen = p;
                Period = p.ToString();
            }
            else
            {
                FilterError = Bilingual.Text("Kỳ báo cáo không đúng dạng (ví dụ 2024-07, 2025-Q1, 2025-H1, 2025-9M, 2025); đang hiển thị mọi kỳ.");
            }
        }

        Rows = await list.ListAsync(new ReportListFilter(chosen, Unit, On: On), actor, ReportListOrder.Newest, 500, ct);
        FilterPeriods = (await list.PeriodsAsync(actor, ct)).Select(p => p.ToString()).ToList();
        if (chosen is { } shown && !FilterPeriods.Contains(Period!))
        {
            // A link to a period with no report yet (a reminder) still shows which period the empty list is for.
            FilterPeriods = [shown.ToString(), .. FilterPeriods];
        }

        FilterUnits = await list.UnitsAsync(actor, On, ct);
        // Another day's list offers no bulk acceptance: it would act on today's reports.
        Acceptable = OtherDay is not null ? new HashSet<int>() : await reports.AcceptableAsync(Rows.Where(r => r.Status == ReportStatus.Submitted).Select(r => r.Id).ToList(), actor, ct);
        if (TempData["BulkResults"] is string json && JsonSerializer.Deserialize<BulkResults>(json) is { } results)
        {
            Results = results;
            var ids = results.Accepted.Concat(results.Refused.Values.SelectMany(v => v)).ToList();
            ResultLabels = (await list.ListAsync(new ReportListFilter(Ids: ids), actor, ReportListOrder.Newest, ids.Count, ct))
                .ToDictionary(r => r.Id, r => $"{r.UnitName} — {Display.Period(r.Period)}");
        }

        if (CanCreate && OtherDay is null)
        {
            OpenPeriods = await plans.OpenPeriodsAsync(HttpContext.Actor().UnitId, ct);
            Startable = await reports.StartablePeriodsAsync(HttpContext.Actor(), ct);
        }
    }
}
