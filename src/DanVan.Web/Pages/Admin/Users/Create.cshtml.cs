using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Users;

public sealed class CreateModel(UserAdminService admin, OrgUnitService units) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Units = await units.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Units = await units.ListAsync(ct);
        var id = await admin.CreateAsync(
            new CreateUser
            {
                UserName = Input.UserName ?? "",
                FullName = Input.FullName ?? "",
                JobTitle = Input.JobTitle,
                Email = Input.Email,
                UnitId = Input.UnitId,
                Role = Input.Role,
                Password = Input.Password ?? "",
            },
            HttpContext.Actor(),
            ct);
        TempData["Flash"] = Bilingual.Text("Đã tạo tài khoản {0}.", Input.UserName);
        return Redirect($"/admin/users/{id}");
    }
}
