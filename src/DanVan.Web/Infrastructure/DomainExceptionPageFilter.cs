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
/// A script's request (Accept: application/json, e.g. an autosave) gets the same status with the message as JSON.
/// Either way the message is in the request's language (<see cref="Bilingual"/>).
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
            case DomainException breach when context.HttpContext.Request.WantsJson():
                var conflicted = breach as ConcurrencyConflictException;
                executed.Result = new JsonResult(new { field = breach.Field, message = breach.Shown(), latestText = conflicted?.LatestText, latestVersion = conflicted?.LatestVersion })
                {
                    StatusCode = StatusOf(breach),
                };
                executed.ExceptionHandled = true;
                break;
            case DomainException breach when executed.HandlerInstance is PageModel page:
                page.ModelState.AddModelError(breach.Field is "" ? "" : $"Input.{breach.Field}", breach.Shown());
                if (breach is ConcurrencyConflictException conflict && page is IShowsConflicts shows)
                {
                    shows.OnConflict(conflict);
                }

                var result = page.Page();
                result.StatusCode = StatusOf(breach);
                executed.Result = result;
                executed.ExceptionHandled = true;
                break;
        }
    }

    private static int StatusOf(DomainException breach) => breach switch
    {
        ForbiddenException => StatusCodes.Status403Forbidden,
        ConcurrencyConflictException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}

public static class JsonRequests
{
    /// <summary>A page handler called by a script (it asks for JSON) rather than by a plain form post.</summary>
    public static bool WantsJson(this HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
}
