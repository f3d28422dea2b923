using DanVan.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Infrastructure;

/// <summary>A page that wants to show more than the message when a save conflicts (e.g. the text saved meanwhile).</summary>
public interface IShowsConflicts
{
    void OnConflict(ConcurrencyConflictException conflict);
}

/// <summary>
/// The one place a business-rule breach becomes a form error: the page is re-rendered with what the user typed,
/// the message, and status 400 (403 for a permission rule, 409 for a conflicting save); unknown ids become 404.
/// </summary>
public sealed class DomainExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        switch (executed.Exception)
        {
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
            case DomainException breach when executed.HandlerInstance is PageModel page:
                page.ModelState.AddModelError(breach.Field is "" ? "" : $"Input.{breach.Field}", breach.Message);
                if (breach is ConcurrencyConflictException conflict && page is IShowsConflicts shows)
                {
                    shows.OnConflict(conflict);
                }

                var result = page.Page();
                result.StatusCode = breach switch
                {
                    ForbiddenException => StatusCodes.Status403Forbidden,
                    ConcurrencyConflictException => StatusCodes.Status409Conflict,
                    _ => StatusCodes.Status400BadRequest,
                };
                executed.Result = result;
                executed.ExceptionHandled = true;
                break;
        }
    }
}
