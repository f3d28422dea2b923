using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Plans;

public sealed class IndexModel(PlanService plans, OrgUnitService units) : PageModel
{
    public IReadOnlyList<Plan> Plans { get; private set; } = [];

    /// <summary>The issuing bodies under their current names, as the plan's own page shows them.</summary>
    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    public bool CanCreate => User.IsInRole(Roles.Consolidator);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Plans = await plans.ListAsync(HttpContext.Actor(), ct);
        Names = await units.NamesAsync(ct: ct);
    }
}
