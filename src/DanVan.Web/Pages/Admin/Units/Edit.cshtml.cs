using DanVan.Core;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Web.Pages.Admin.Units;

public sealed class EditModel(DanVanDbContext db, OrgUnitService units, TimeProvider clock) : PageModel
{
    public sealed class ChangeInput
    {
        public string? NewName { get; set; }

        public int? NewParentId { get; set; }

        public DateOnly? EffectiveOn { get; set; }

        public int? SuccessorId { get; set; }
    }

    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    public OrgUnit Unit { get; private set; } = null!;

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public IReadOnlyList<UnitEvent> Events { get; private set; } = [];

    public string Name(int? id) => Units.FirstOrDefault(u => u.Id == id)?.Name ?? "";

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Input.EffectiveOn = VietnamTime.Today(clock);
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await units.RenameAsync(new RenameUnit { UnitId = id, NewName = Input.NewName ?? "", EffectiveOn = RequireDate() }, HttpContext.Actor(), ct);
        return Done(id, "Đã đổi tên đơn vị.");
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Input.NewParentId is not { } parent)
        {
            throw new DomainException(nameof(Input.NewParentId), "Chọn đơn vị cấp trên mới.") { English = "Choose the new parent unit." };
        }

        await units.MoveAsync(new MoveUnit { UnitId = id, NewParentId = parent, EffectiveOn = RequireDate() }, HttpContext.Actor(), ct);
        return Done(id, "Đã chuyển đơn vị sang cấp trên mới.");
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await units.CloseAsync(new CloseUnit { UnitId = id, ClosedOn = RequireDate(), SuccessorId = Input.SuccessorId }, HttpContext.Actor(), ct);
        return Done(id, "Đã ghi nhận đơn vị ngừng hoạt động.");
    }

    private DateOnly RequireDate() =>
        Input.EffectiveOn ?? throw new DomainException(nameof(Input.EffectiveOn), "Chọn ngày có hiệu lực.") { English = "Choose the effective date." };

    private RedirectResult Done(int id, string message)
    {
        TempData["Flash"] = Bilingual.Text(message);
        return Redirect($"/admin/units/{id}");
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Unit = await db.Units.AsNoTracking()
            .Include(u => u.Names.OrderBy(n => n.ValidFrom))
            .Include(u => u.ParentLinks.OrderBy(l => l.ValidFrom))
            .AsSplitQuery()
            .FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("Unit");
        Units = await units.ListAsync(ct);
        Events = await db.UnitEvents.AsNoTracking().Where(e => e.UnitId == id).OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).ToListAsync(ct);
    }
}
