using System.ComponentModel.DataAnnotations;
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

public sealed class IndexModel(AccessService access, OrgUnitService units, ReportService reports, PlanService plans, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, int UnitId, string Period, string Title, ReportStatus Status, DateTime? SubmittedAt);

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Chọn kỳ báo cáo.")]
        [MaxLength(10)]
        public string Period { get; set; } = "";
    }

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Dictionary<int, string> UnitNames { get; private set; } = [];

    public bool CanCreate => User.IsInRole(Roles.Staff) || User.IsInRole(Roles.Leader);

    public IReadOnlyList<string> SuggestedPeriods { get; private set; } = [];

    /// <summary>Periods open now under the plans the user's unit reports to.</summary>
    public IReadOnlyList<OpenPeriod> OpenPeriods { get; private set; } = [];

    public string? FilterError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var today = Core.VietnamTime.Today(clock);
        Input.Period = ReportingPeriod.Month(today.Year, today.Month).ToString();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return Page();
        }

        var id = await reports.CreateAsync(new CreateReport { Period = Input.Period }, HttpContext.Actor(), ct);
        TempData["Flash"] = "Đã lập báo cáo. Soạn từng mục theo đề cương rồi trình lãnh đạo.";
        return Redirect($"/reports/{id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = await access.VisibleReportsAsync(HttpContext.Actor(), ct);
        if (!string.IsNullOrWhiteSpace(Period))
        {
            if (ReportingPeriod.TryParse(Period, out var p))
            {
                var code = p.ToString();
                query = query.Where(r => r.Period == code);
            }
            else
            {
                FilterError = "Kỳ báo cáo không đúng dạng (ví dụ 2024-07, 2025-Q1, 2025-H1, 2025-9M, 2025); đang hiển thị mọi kỳ.";
            }
        }

        if (!string.IsNullOrWhiteSpace(Unit))
        {
            var code = Unit.Trim().ToUpperInvariant();
            query = query.Where(r => r.Unit!.Code == code);
        }

        Rows = await query.AsNoTracking()
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new Row(r.Id, r.UnitId, r.Period, r.Title, r.Status, r.SubmittedAt))
            .Take(500)
            .ToListAsync(ct);
        UnitNames = await units.NamesAsync(ct: ct);
        if (CanCreate)
        {
            OpenPeriods = await plans.OpenPeriodsAsync(HttpContext.Actor().UnitId, ct);
        }

        var today = Core.VietnamTime.Today(clock);
        var month = ReportingPeriod.Month(today.Year, today.Month);
        var quarter = ReportingPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1);
        SuggestedPeriods = [month.ToString(), month.Next().ToString(), quarter.ToString(), ReportingPeriod.Half(today.Year, today.Month <= 6 ? 1 : 2).ToString(), ReportingPeriod.NineMonths(today.Year).ToString(), today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)];
    }
}
