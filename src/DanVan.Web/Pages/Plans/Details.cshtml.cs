using DanVan.Core;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Plans;

public sealed class DetailsModel(PlanService plans, CalendarService calendar, OrgUnitService units, TimeProvider clock) : PageModel
{
    public const int SchedulePeriods = 6;

    public sealed class ExceptionInput
    {
        public int UnitId { get; set; }

        public string? Period { get; set; }

        public DateOnly? Until { get; set; }

        public string? Reason { get; set; }
    }

    [BindProperty]
    public ExceptionInput Grant { get; set; } = new();

    public Plan Plan { get; private set; } = null!;

    public bool Manages { get; private set; }

    public IReadOnlyList<PlanSchedule> Schedule { get; private set; } = [];

    public PlanSchedule? Current { get; private set; }

    /// <summary>Who must report for the latest period, by name.</summary>
    public IReadOnlyList<(int Id, string Name)> Expected { get; private set; } = [];

    public IReadOnlyList<LockException> Exceptions { get; private set; } = [];

    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Grant.Period = Current?.Period.ToString();
        Grant.Until = VietnamTime.Today(clock).AddDays(7);
    }

    public async Task<IActionResult> OnPostGrantAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Grant.Until is null)
        {
            ModelState.AddModelError("Grant.Until", Bilingual.Text("Nhập hạn của ngoại lệ (dd/mm/yyyy)."));
            Response.StatusCode = 400;
            return Page();
        }

        await plans.GrantExceptionAsync(id, Grant.UnitId, Grant.Period ?? "", Grant.Until.Value, Grant.Reason ?? "", HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã cho phép {0} sửa, gửi báo cáo kỳ {1} đến hết {2}.", Names.GetValueOrDefault(Grant.UnitId), Grant.Period, Display.Date(Grant.Until));
        return Redirect($"/plans/{id}#exceptions");
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        var actor = HttpContext.Actor();
        Plan = await plans.GetAsync(id, actor, ct);
        Manages = await plans.ManagesAsync(Plan, actor, ct);
        var today = VietnamTime.Today(clock);
        var cal = await calendar.LoadAsync(ct);
        Schedule = PlanSchedule.Recent(Plan, today, cal, SchedulePeriods).ToList();
        if (Schedule.Count == 0)
        {
            // Nothing has begun yet: show the first periods ahead so the deadlines can be checked before they start.
            ReportingPeriod[] upcoming = [Plan.First, Plan.First.Next(), Plan.First.Next().Next()];
            Schedule = upcoming.Select(p => PlanSchedule.For(Plan, p, cal)).ToList();
        }

        Current = Schedule.FirstOrDefault(s => s.IsOpen(today));
        Names = await units.NamesAsync(ct: ct);
        if (Manages)
        {
            var expected = await plans.ExpectedUnitsAsync(Plan, (Current ?? Schedule[0]).Period, ct);
            Expected = expected.Select(u => (u, Names.GetValueOrDefault(u, ""))).OrderBy(u => u.Item2, StringComparer.Create(OrgUnitService.Vietnamese, false)).ToList();
            Exceptions = await plans.ExceptionsAsync(id, ct);
        }
    }
}
