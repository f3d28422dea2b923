using DanVan.Core;
using DanVan.Core.Consolidation;
using DanVan.Core.Periods;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Consolidation;

public sealed class IndexModel(CompletenessService completeness, TimeProvider clock) : PageModel
{
    public sealed class DeadlineInput
    {
        public DateOnly? DueOn { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty]
    public DeadlineInput Input { get; set; } = new();

    public CompletenessTable? Table { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.DueOn = Table?.Deadline;
    }

    public async Task<IActionResult> OnPostDeadlineAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Input.DueOn is not { } due)
        {
            ModelState.AddModelError("Input.DueOn", "Chọn ngày hạn gửi báo cáo.");
            Response.StatusCode = 400;
            return Page();
        }

        await completeness.SetDeadlineAsync(new SetDeadline { Period = Period ?? "", DueOn = due }, HttpContext.Actor(), ct);
        TempData["Flash"] = $"Đã đặt hạn gửi báo cáo {Display.Period(Period ?? "")}: {Display.Date(due)}.";
        return Redirect($"/consolidation?period={Uri.EscapeDataString(Period ?? "")}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Period))
        {
            var today = VietnamTime.Today(clock);
            Period = ReportingPeriod.Month(today.Year, today.Month).ToString();
        }

        if (!ReportingPeriod.TryParse(Period, out var period))
        {
            throw new DomainException(nameof(Period), "Kỳ báo cáo không đúng dạng. Nhập ví dụ 2024-07, 2025-Q1, 2025-H1, 2025-9M hoặc 2025.");
        }

        Period = period.ToString();
        Table = await completeness.TableAsync(HttpContext.Actor(), period, ct);
    }
}
