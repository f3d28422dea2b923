using DanVan.Core.Access;
using DanVan.Core.Spreadsheets;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Users;

public sealed class ImportModel(UserAdminService admin) : PageModel
{
    public UserImportResult? Result { get; private set; }

    /// <summary>
    /// The new accounts and their one-time passwords as a workbook inside the page: the passwords are never stored, so
    /// the download cannot be fetched again later.
    /// </summary>
    public string? CreatedWorkbookUrl { get; private set; }

    public void OnGet()
    {
    }

    public FileContentResult OnGetTemplate() => File(UserAdminService.TemplateWorkbook(), Xlsx.ContentType, "mau-nhap-nguoi-dung.xlsx");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            ModelState.AddModelError("File", Bilingual.Text("Chọn tệp Excel (.xlsx) danh sách người dùng."));
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        await using (var stream = file.OpenReadStream())
        {
            Result = await admin.ImportAsync(stream, dryRun: false, HttpContext.Actor(), ct);
        }

        if (!Result.Saved)
        {
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        CreatedWorkbookUrl = $"data:{Xlsx.ContentType};base64,{Convert.ToBase64String(UserAdminService.CreatedWorkbook(Result.Created))}";
        return Page();
    }
}
