using DanVan.Core.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages;

public sealed class IndexModel : PageModel
{
    /// <summary>Each role starts where its work is: consolidators at the submission table, others at their reports.</summary>
    public IActionResult OnGet() =>
        Redirect(User.IsInRole(Roles.Consolidator) ? "/consolidation" : "/reports");
}
