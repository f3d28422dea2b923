using DanVan.Core.OrgUnits;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Units;

public sealed class IndexModel(OrgUnitService units) : PageModel
{
    public IReadOnlyList<UnitRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await units.ListAsync(ct);
}
