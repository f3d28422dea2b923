using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Units;

/// <summary>A unit's reports and its predecessors', and who reported each period on time: one service call.</summary>
public sealed class DetailsModel(UnitReportsService units) : PageModel
{
    public UnitReports Unit { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken ct) =>
        Unit = await units.GetAsync(new UnitReportsQuery { UnitId = id }, HttpContext.Actor(), ct);
}
