using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Users;

public sealed class EditModel(UserAdminService admin, OrgUnitService units) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public UserRow User_ { get; private set; } = null!;

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Input = new UserInput { FullName = User_.FullName, JobTitle = User_.JobTitle, Email = User_.Email, UnitId = User_.UnitId, Role = User_.Role };
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await admin.UpdateAsync(
            new UpdateUser { UserId = id, FullName = Input.FullName ?? "", JobTitle = Input.JobTitle, Email = Input.Email, UnitId = Input.UnitId, Role = Input.Role },
            HttpContext.Actor(),
            ct);
        return Done(id, "Đã cập nhật tài khoản.");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await admin.UnlockAsync(id, HttpContext.Actor());
        return Done(id, "Đã mở khóa tài khoản.");
    }

    public async Task<IActionResult> OnPostPasswordAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await admin.ResetPasswordAsync(id, Input.Password ?? "", HttpContext.Actor());
        return Done(id, "Đã đặt mật khẩu mới. Người dùng phải đổi mật khẩu ở lần đăng nhập tới.");
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await admin.DisableAsync(id, HttpContext.Actor(), ct);
        return Done(id, "Đã vô hiệu hóa tài khoản. Các phiên đăng nhập và token của tài khoản đã kết thúc.");
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await admin.EnableAsync(id, HttpContext.Actor(), ct);
        return Done(id, "Đã kích hoạt lại tài khoản.");
    }

    private RedirectResult Done(string id, string message)
    {
        TempData["Flash"] = Bilingual.Text(message);
        return Redirect($"/admin/users/{id}");
    }

    private async Task LoadAsync(string id, CancellationToken ct)
    {
        User_ = (await admin.ListAsync(ct)).FirstOrDefault(u => u.Id == id) ?? throw new NotFoundException("User");
        Units = await units.ListAsync(ct);
    }
}
