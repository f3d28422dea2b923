using DanVan.Core.Reports;
using DanVan.Core.Search;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DanVan.Web.Api;

public sealed record SearchHitDto(int ReportId, string Unit, string UnitName, string Period, string Section, string SectionHeading, ReportStatus Status, string Snippet, string SnippetHtml);

public sealed record SearchResultsDto(int Total, bool More, int Page, int PageSize, IReadOnlyList<SearchHitDto> Hits);

/// <summary>GET /api/v1/search: the search page's service and scope; snippetHtml is escaped text with &lt;mark&gt; around matches.</summary>
public static class SearchEndpoints
{
    public static void MapSearch(this RouteGroupBuilder api) =>
        api.MapGet("/search", async Task<Ok<SearchResultsDto>> (
            string? q, string? unit, bool? withPredecessors, string? from, string? to, int? plan, string? section, ReportStatus? status, SearchSort? sort, int? page, int? pageSize,
            HttpContext http, SearchService search, CancellationToken ct) =>
        {
            var request = new SearchRequest
            {
                Query = q ?? "",
                Unit = unit,
                WithPredecessors = withPredecessors ?? false,
                From = from,
                To = to,
                PlanId = plan,
                Section = section,
                Status = status,
                Sort = sort ?? SearchSort.Relevance,
                Page = page ?? 1,
                PageSize = pageSize ?? 20,
            };
            var results = await search.SearchAsync(request, http.Actor(), ct);
            return TypedResults.Ok(new SearchResultsDto(
                results.Total,
                results.More,
                results.Page,
                results.PageSize,
                results.Hits.Select(h => new SearchHitDto(h.ReportId, h.UnitCode, h.Unit, h.Period, h.SectionKey, h.Section, h.Status, Snippet.ToText(h.Snippet), Snippet.ToHtml(h.Snippet))).ToList()));
        })
        .WithTags("Search")
        .Describe(
            "SearchReports",
            "Search the text of the reports the caller may see",
            "Words match with or without Vietnamese tone marks; filters by unit (code; withPredecessors=true adds the units it was formed from through mergers and splits), period range (from/to), plan, section and status. Sorted by relevance or by date; paged.",
            400);
}
