using DanVan.Core.Access;
using DanVan.Core.Plans;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Plans;

public sealed class IndexModel(PlanService plans) : PageModel
{
    public IReadOnlyList<Plan> Plans { get; private set; } = [];

    public bool CanCreate => User.IsInRole(Roles.Consolidator);

    public async Task OnGetAsync(CancellationToken ct) => Plans = await plans.ListAsync(HttpContext.Actor(), ct);
}
