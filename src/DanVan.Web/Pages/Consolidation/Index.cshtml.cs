using DanVan.Core.Consolidation;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Consolidation;

public sealed class IndexModel(CompletenessService completeness, Core.Reminders.ReminderService reminders, TimeProvider clock) : PageModel
{
    public sealed class DeadlineInput
    {
        public DateOnly? DueOn { get; set; }
    }

    /// <summary>0 shows every unit in scope without a plan.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Plan { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    /// <summary>The day the dashboard is seen as of (dd/mm/yyyy or yyyy-mm-dd); empty: today.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    /// <summary><see cref="On"/> when it is not today: the page is then a record of that day, without today's actions (<see cref="Core.AsOf"/>).</summary>
    public DateOnly? OtherDay => Core.AsOf.OtherDay(On, clock);

    [BindProperty]
    public DeadlineInput Input { get; set; } = new();

    public CompletenessDashboard? Dashboard { get; private set; }

    public RateChart? Chart { get; private set; }

    /// <summary>What the period list offers when the dashboard could not be built (a period the plan does not cover).</summary>
    public IReadOnlyList<Core.Periods.ReportingPeriod> FallbackPeriods => Core.Periods.PeriodChoices.Started(Core.VietnamTime.Today(clock));

    /// <summary>The consolidator may "Đôn đốc" the units of the plan shown.</summary>
    public bool MayNudge { get; private set; }

    public Core.Reminders.Nudge? LastNudge { get; private set; }

    /// <summary>"nudge" asks to confirm "Đôn đốc", saying whom it reaches, before the form that sends.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    /// <summary>The plan's figures for the whole scope beside the previous period and the same period last year.</summary>
    public Core.Plans.FigureComparisonTable? Comparison { get; private set; }

    /// <summary>The plan's figures for the whole scope over the last periods and by unit, for the period chosen.</summary>
    public Core.Plans.FigureCharts? Charts { get; private set; }

    /// <summary>Charts are drawn on request: over a province they read twelve periods of every unit's reports.</summary>
    [BindProperty(SupportsGet = true, Name = "charts")]
    public bool WithCharts { get; set; }

    /// <summary>
    /// The comparison is part of the page when asked for (a browser without scripts follows a link); otherwise the page
    /// comes first and a script fetches it (<see cref="OnGetComparisonAsync"/>): over a province it reads three
    /// periods of every unit's figures, which would hold up the table that is what a consolidator opens the page for.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "comparison")]
    public bool WithComparison { get; set; }

    /// <summary>The units the table lists (<see cref="CompletenessRows"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public RowFilter Show { get; set; }

    /// <summary>The table's page, of the rows <see cref="Show"/> keeps.</summary>
    public RowPage? Rows { get; private set; }

    public async Task OnGetAsync([FromServices] Core.Plans.FigureComparisonService comparisons, CancellationToken ct)
    {
        await LoadAsync(allRows: false, ct);
        if (WithComparison || WithCharts)
        {
            var scope = await comparisons.ForDashboardAsync(Dashboard!, WithCharts, ct);
            (Comparison, Charts) = (scope?.Comparison, scope?.Charts);
        }

        Input.DueOn = Dashboard!.Plan is null ? Dashboard.Deadline : null;
    }

    /// <summary>The plan's figures for the scope alone, for the page's script to put under the table.</summary>
    public async Task<IActionResult> OnGetComparisonAsync([FromServices] Core.Plans.FigureComparisonService comparisons, CancellationToken ct)
    {
        Dashboard = await completeness.DashboardAsync(new DashboardQuery { PlanId = Plan, Period = Period, UnitId = Unit, On = On, History = false }, HttpContext.Actor(), ct);
        Comparison = (await comparisons.ForDashboardAsync(Dashboard, charts: false, ct))?.Comparison;
        return Partial("_ScopeFigures", this);
    }

    /// <summary>The table as a workbook: every unit that must report below the unit shown, in tree order.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await LoadAsync(allRows: true, ct);
        var d = Dashboard!;
        var name = $"tinh-hinh-gui-bao-cao-{d.Period}-{d.Current.UnitId}.xlsx";
        return File(CompletenessWorkbook.Write(d), CompletenessWorkbook.ContentType, name);
    }

    /// <summary>All units' figures of the plan shown, for a period or a range of periods (<see cref="Core.Plans.FigureExport"/>).</summary>
    public async Task<IActionResult> OnGetFiguresAsync(string? from, string? to, [FromServices] Core.Plans.FigureExportService figures, CancellationToken ct)
    {
        try
        {
            var table = await figures.TableAsync(new Core.Plans.FigureExportQuery { PlanId = Plan ?? 0, From = from ?? Period ?? "", To = to }, HttpContext.Actor(), ct);
            using var stream = new MemoryStream();
            Core.Plans.FigureExport.WriteXlsx(stream, table);
            return File(stream.ToArray(), Core.Spreadsheets.Xlsx.ContentType, $"so-lieu-cac-don-vi-{table.From}-{table.To}.xlsx");
        }
        catch (Core.DomainException breach) when (breach is not Core.ForbiddenException)
        {
            await LoadAsync(allRows: false, ct);
            ModelState.AddModelError("", breach.Shown());
            Response.StatusCode = 400;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeadlineAsync(CancellationToken ct)
    {
        await LoadAsync(allRows: false, ct);
        if (Input.DueOn is not { } due)
        {
            ModelState.AddModelError("Input.DueOn", Bilingual.Text("Chọn ngày hạn gửi báo cáo."));
            Response.StatusCode = 400;
            return Page();
        }

        await completeness.SetDeadlineAsync(new SetDeadline { Period = Period ?? "", DueOn = due }, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã đặt hạn gửi báo cáo {0}: {1}.", Display.Period(Period ?? ""), Display.Date(due));
        return Redirect($"/consolidation?plan=0&period={Uri.EscapeDataString(Period ?? "")}");
    }

    public async Task<IActionResult> OnPostNudgeAsync(CancellationToken ct)
    {
        await LoadAsync(allRows: false, ct);
        var d = Dashboard!;
        if (d.Plan is null)
        {
            ModelState.AddModelError("", Bilingual.Text("Chọn kế hoạch để đôn đốc các đơn vị chưa gửi báo cáo."));
            Response.StatusCode = 400;
            return Page();
        }

        var nudge = await reminders.NudgeAsync(d.Plan.Id, d.Period.ToString(), HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã đôn đốc {0} đơn vị chưa gửi báo cáo {1} ({2} người nhận thông báo).", nudge.Units, Display.Period(nudge.Period), nudge.Notified);
        return Redirect(Link() + "#nudge");
    }

    /// <summary>"08:15 12/03/2025": the time first, as the dashboard says "Đã đôn đốc lúc …".</summary>
    public static string NudgeTime(DateTime utc) => Core.VietnamTime.ToLocal(utc).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>This page's address with some parameters changed, e.g. to drill down or export; the table's filter goes along, its page does not.</summary>
    public string Link(int? unit = null, string? handler = null, bool up = false, RowFilter? show = null, int? page = null)
    {
        var d = Dashboard!;
        var query = new List<string> { $"plan={d.Plan?.Id ?? 0}", $"period={Uri.EscapeDataString(d.Period.ToString())}" };
        var target = unit ?? (up ? null : Unit);
        if (target is { } u && u != d.ScopeUnitId)
        {
            query.Add($"unit={u}");
        }

        if (On is { } on)
        {
            query.Add($"on={on:yyyy-MM-dd}");
        }

        if ((show ?? Show) is not RowFilter.All and var filter)
        {
            query.Add($"show={filter}");
        }

        if (page is > 1)
        {
            query.Add($"page={page}");
        }

        if (handler is not null)
        {
            query.Add($"handler={handler}");
        }

        return "/consolidation?" + string.Join("&", query);
    }

    /// <summary>The same plan as of today; period and unit go too, as they were chosen for the earlier day's units.</summary>
    public string LinkToday() => $"/consolidation?plan={Dashboard!.Plan?.Id ?? 0}";

    private async Task LoadAsync(bool allRows, CancellationToken ct)
    {
        if (ModelState[nameof(On)]?.Errors.Count > 0)
        {
            // A mistyped day shows today's dashboard and says what to fix.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            On = null;
        }

        // A filter typed by hand that is none of the table's shows the whole table, without a binding error line.
        ModelState.Remove(nameof(Show));
        Dashboard = await completeness.DashboardAsync(new DashboardQuery { PlanId = Plan, Period = Period, UnitId = Unit, AllRows = allRows, On = On }, HttpContext.Actor(), ct);
        Period = Dashboard.Period.ToString();
        // "page" from the query string only: a Razor page's route always holds "page" (its own path).
        Rows = CompletenessRows.Page(Dashboard.Rows, Show, int.TryParse(Request.Query["page"], out var page) ? page : 1);
        Chart = RateChart.From(Dashboard.History, Dashboard.Period);
        if (Dashboard.Plan is { } plan)
        {
            MayNudge = await reminders.MayNudgeAsync(plan.Id, HttpContext.Actor(), ct);
            LastNudge = await reminders.LastNudgeAsync(plan.Id, Period, ct);
        }

        if (Confirm != "nudge" || !MayNudge)
        {
            Confirm = null;
        }
    }
}
