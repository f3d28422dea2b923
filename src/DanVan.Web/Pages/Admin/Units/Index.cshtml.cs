using DanVan.Core.OrgUnits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Units;

/// <summary>/admin/units: every unit ever recorded, or with ?On= the tree of that day (names and parents then).</summary>
public sealed class IndexModel(OrgUnitService units, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? On { get; set; }

    /// <summary><see cref="On"/> when it is not today: the tree is then a record of that day, without today's actions (<see cref="Core.AsOf"/>).</summary>
    public DateOnly? OtherDay => Core.AsOf.OtherDay(On, clock);

    public IReadOnlyList<UnitRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A mistyped day shows every unit and says what to fix.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            On = null;
        }

        Rows = On is { } day ? await units.ListOnAsync(day, ct: ct) : await units.ListAsync(ct);
        return Page();
    }
}
