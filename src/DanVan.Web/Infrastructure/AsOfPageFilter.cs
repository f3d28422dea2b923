using DanVan.Core;
using DanVan.Core.OrgUnits;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DanVan.Web.Infrastructure;

/// <summary>
/// A form posted from a page seen as of another day (its address carries on=) is refused by <see cref="AsOf.RequireToday"/>;
/// registered inside <see cref="DomainExceptionPageFilter"/>, which shows the refusal as the page's error.
/// </summary>
public sealed class AsOfPageFilter(TimeProvider clock) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        AsOf.RequireToday(PostedOn(context.HttpContext.Request), clock);
        return next();
    }

    /// <summary>The on= day of a change request (not GET or HEAD); null when absent or unreadable (the page itself says so).</summary>
    public static DateOnly? PostedOn(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && request.Query["on"].FirstOrDefault() is { Length: > 0 } text
            ? ReorganisationFile.ParseDate(text)
            : null;
}
