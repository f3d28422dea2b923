using DanVan.Core.Audit;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.Audit;

/// <summary>/admin/audit: the audit trail, newest first, filtered by account, kind and days; the same filter as CSV.</summary>
public sealed class IndexModel(AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AuditPage Result { get; private set; } = null!;

    public int Pages => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A mistyped day keeps the other filters and says which field to fix.
            Response.StatusCode = 400;
            Result = new AuditPage([], 0, 1, AuditLog.PageSize);
            return Page();
        }

        Result = await audit.SearchAsync(Query(), HttpContext.Actor(), ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await audit.ExportCsvAsync(Query(), HttpContext.Actor(), ct), "text/csv; charset=utf-8", $"nhat-ky-{Core.VietnamTime.Today(clock):yyyy-MM-dd}.csv");

    public string PageUrl(int page) => QueryUrl(null, page);

    public string ExportUrl => QueryUrl("Export", null);

    private AuditQuery Query() => new() { UserName = UserName, Kind = Kind, From = From, To = To, Page = PageNumber };

    private string QueryUrl(string? handler, int? page)
    {
        var query = new Dictionary<string, string?>
        {
            ["handler"] = handler,
            ["UserName"] = UserName,
            ["Kind"] = Kind?.ToString(),
            ["From"] = VietnameseDateBinder.Format(From),
            ["To"] = VietnameseDateBinder.Format(To),
            ["p"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/audit", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
