using System.Text.Json;
using DanVan.Core;
using DanVan.Core.OrgUnits;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Units;

/// <summary>
/// Form or upload → preview → confirm. The preview carries the checked rows in the page, not the file, so confirming
/// reads no file again; the service checks them once more inside the transaction that applies them.
/// </summary>
public sealed class ReorganiseModel(ReorganisationService reorganisations, OrgUnitService units, UnitPeopleService people, TimeProvider clock) : PageModel
{
    public sealed class ChangeInput
    {
        public ChangeKind Action { get; set; } = ChangeKind.Merge;

        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Kind { get; set; }

        public string? ParentCode { get; set; }

        public DateOnly? EffectiveOn { get; set; }

        public string? LegalBasis { get; set; }

        public string? Predecessors { get; set; }

        public string? Parts { get; set; }
    }

    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    /// <summary>The rows being previewed, as JSON, posted back by the confirm button.</summary>
    [BindProperty]
    public string? Rows { get; set; }

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public ReorganisationPreview? Preview { get; private set; }

    public IReadOnlyList<ReorganisationError> Errors { get; private set; } = [];

    /// <summary>Users of units closed by today, to move to the successor, give another unit or lock out.</summary>
    public IReadOnlyList<StrandedUser> Stranded { get; private set; } = [];

    /// <summary>Units open today, for a stranded user's new unit.</summary>
    public IReadOnlyList<UnitRow> OpenToday { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Units = await units.ListAsync(ct);
        Input.EffectiveOn = VietnamTime.Today(clock);
        await LoadPeopleAsync(ct);
    }

    public async Task<IActionResult> OnPostMovePeopleAsync(CancellationToken ct)
    {
        var moved = await people.MoveToSuccessorsAsync(HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã chuyển {0} người dùng sang đơn vị kế thừa; họ cần đăng nhập lại.", moved);
        return Redirect("/admin/units/reorganise#people");
    }

    public async Task<IActionResult> OnPostReassignAsync(string userId, int unitId, CancellationToken ct)
    {
        await people.ReassignAsync(userId, unitId, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã chuyển người dùng sang đơn vị mới; người đó cần đăng nhập lại.");
        return Redirect("/admin/units/reorganise#people");
    }

    public async Task<IActionResult> OnPostDisableAsync(string userId, CancellationToken ct)
    {
        await people.DisableAsync(userId, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã vô hiệu hóa tài khoản. Các phiên đăng nhập và token của tài khoản đã kết thúc.");
        return Redirect("/admin/units/reorganise#people");
    }

    private async Task LoadPeopleAsync(CancellationToken ct)
    {
        Stranded = await people.StrandedAsync(ct);
        if (Stranded.Count > 0)
        {
            OpenToday = await units.ListOnAsync(VietnamTime.Today(clock), ct: ct);
        }
    }

    public FileContentResult OnGetTemplate() =>
        File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(ReorganisationFile.Template)).ToArray(), "text/csv", "mau-sap-xep-don-vi.csv");

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        Units = await units.ListAsync(ct);
        if (!ModelState.IsValid)
        {
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        var rows = new ReorganisationChange
        {
            Action = Input.Action,
            Code = Input.Code,
            Name = Input.Name,
            Kind = Input.Kind,
            ParentCode = Input.ParentCode,
            EffectiveOn = Input.EffectiveOn,
            LegalBasis = Input.LegalBasis,
            Predecessors = Input.Predecessors,
            Parts = Input.Parts,
        }.ToRows(out var errors);
        return await PreviewAsync(rows, errors, ct);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        Units = await units.ListAsync(ct);
        // The single-change form is shown again beside the file's errors; it starts from today, as on GET.
        Input.EffectiveOn ??= VietnamTime.Today(clock);
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("File", Bilingual.Text("Chọn tệp phương án sắp xếp (.csv hoặc .xlsx)."));
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        ReorganisationFile.Result read;
        await using (var stream = file.OpenReadStream())
        {
            read = ReorganisationFile.Read(stream, file.FileName);
        }

        return await PreviewAsync(read.Rows, read.Errors, ct);
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        Units = await units.ListAsync(ct);
        var rows = Parse(Rows);
        try
        {
            var result = await reorganisations.ApplyAsync(rows, HttpContext.Actor(), ct);
            TempData["Flash"] = Bilingual.Text("Đã sắp xếp đơn vị: thành lập {0}, đổi tên {1}, chuyển {2}, sáp nhập {3}, chia tách {4} phần, giải thể {5}.", result.Created, result.Renamed, result.Moved, result.Merged, result.SplitParts, result.Dissolved);
            // Users of the units that closed wait on this page for the administrator to move them.
            return Redirect((await people.StrandedAsync(ct)).Count > 0 ? "/admin/units/reorganise#people" : "/admin/units");
        }
        catch (ReorganisationException refused)
        {
            Errors = refused.Errors;
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
    }

    private async Task<IActionResult> PreviewAsync(IReadOnlyList<ReorganisationRow> rows, IReadOnlyList<ReorganisationError> readErrors, CancellationToken ct)
    {
        if (readErrors.Count > 0)
        {
            Errors = readErrors;
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        Preview = await reorganisations.PreviewAsync(rows, ct);
        if (!Preview.Plan.Valid)
        {
            Errors = Preview.Plan.Errors;
            Preview = null;
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        Rows = JsonSerializer.Serialize(rows);
        return Page();
    }

    private static List<ReorganisationRow> Parse(string? json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<ReorganisationRow>>(json ?? "") ?? [];
        }
        catch (JsonException)
        {
            throw new DomainException("", "Phương án xem trước không đọc được. Lập lại phương án rồi xem trước lần nữa.") { English = "The previewed plan cannot be read. Make the plan again and preview it once more." };
        }
    }
}
