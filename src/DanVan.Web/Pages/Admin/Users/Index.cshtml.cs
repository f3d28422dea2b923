using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Spreadsheets;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Users;

public sealed class IndexModel(UserAdminService admin, OrgUnitService units, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public Dictionary<int, string> UnitNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await admin.ListAsync(ct);
        UnitNames = await units.NamesAsync(ct: ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await admin.ExportAsync(HttpContext.Actor(), ct), Xlsx.ContentType, $"nguoi-dung-{Core.VietnamTime.Today(clock):yyyy-MM-dd}.xlsx");
}
