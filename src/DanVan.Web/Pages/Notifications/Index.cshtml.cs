using DanVan.Core.Reminders;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Notifications;

public sealed class IndexModel(NotificationService notifications) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await notifications.ListAsync(HttpContext.Actor().UserId, ct);

    public async Task<IActionResult> OnPostReadAsync(int id, CancellationToken ct)
    {
        await notifications.MarkReadAsync(HttpContext.Actor().UserId, id, ct);
        return Redirect("/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var count = await notifications.MarkReadAsync(HttpContext.Actor().UserId, ct: ct);
        TempData["Flash"] = Bilingual.Text("Đã đánh dấu {0} thông báo là đã đọc.", count);
        return Redirect("/notifications");
    }

    /// <summary>Only links inside the app are followed; anything else shows as text.</summary>
    public static bool IsLocal(string? url) => url is not null && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
