using DanVan.Core;
using DanVan.Core.Periods;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Calendar;

public sealed class IndexModel(CalendarService calendar, TimeProvider clock) : PageModel
{
    public sealed class DayInput
    {
        public DateOnly? Date { get; set; }

        public CalendarDayKind Kind { get; set; }

        public string? Name { get; set; }
    }

    [BindProperty]
    public DayInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    public int ShownYear { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (Input.Date is not { } date)
        {
            await LoadAsync(ct);
            ModelState.AddModelError("Input.Date", Bilingual.Text("Nhập ngày (dd/mm/yyyy)."));
            Response.StatusCode = 400;
            return Page();
        }

        Year = date.Year;
        await LoadAsync(ct);
        await calendar.AddAsync(date, Input.Kind, Input.Name ?? "", HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã thêm ngày {0} vào lịch; hạn gửi các kỳ được tính lại theo lịch mới.", Display.Date(date));
        return Redirect($"/admin/calendar?year={date.Year}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int dayId, CancellationToken ct)
    {
        await calendar.RemoveAsync(dayId, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã xoá ngày khỏi lịch.");
        return Redirect($"/admin/calendar?year={Year}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ShownYear = Year is >= 2000 and <= 2100 ? Year.Value : VietnamTime.Today(clock).Year;
        Days = await calendar.ListAsync(ShownYear, ct);
    }
}
