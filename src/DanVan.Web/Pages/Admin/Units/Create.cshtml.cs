using System.ComponentModel.DataAnnotations;
using DanVan.Core;
using DanVan.Core.OrgUnits;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Units;

public sealed class CreateModel(OrgUnitService units, TimeProvider clock) : PageModel
{
    public sealed class UnitInput
    {
        [Required(ErrorMessage = "Nhập mã đơn vị.")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Nhập tên đơn vị.")]
        public string Name { get; set; } = "";

        public UnitKind Kind { get; set; } = UnitKind.Commune;

        [Required(ErrorMessage = "Nhập địa danh dùng trên văn bản.")]
        public string PlaceName { get; set; } = "";

        public int? ParentId { get; set; }

        public int? ConsolidatesForId { get; set; }

        [Required(ErrorMessage = "Chọn ngày bắt đầu hoạt động.")]
        public DateOnly? ValidFrom { get; set; }
    }

    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Units = await units.ListAsync(ct);
        Input.ValidFrom = VietnamTime.Today(clock);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Units = await units.ListAsync(ct);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return Page();
        }

        var id = await units.CreateAsync(
            new CreateUnit
            {
                Code = Input.Code,
                Name = Input.Name,
                Kind = Input.Kind,
                PlaceName = Input.PlaceName,
                ParentId = Input.ParentId,
                ConsolidatesForId = Input.ConsolidatesForId,
                ValidFrom = Input.ValidFrom!.Value,
            },
            HttpContext.Actor(),
            ct);
        TempData["Flash"] = Bilingual.Text("Đã thêm đơn vị {0}.", Input.Name);
        return Redirect($"/admin/units/{id}");
    }
}
