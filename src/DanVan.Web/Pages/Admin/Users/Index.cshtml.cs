using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Users;

public sealed class IndexModel(UserAdminService admin, OrgUnitService units) : PageModel
{
    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public Dictionary<int, string> UnitNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await admin.ListAsync(ct);
        UnitNames = await units.NamesAsync(ct: ct);
    }
}
