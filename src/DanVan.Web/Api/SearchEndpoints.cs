using DanVan.Core.Reports;
using DanVan.Core.Search;
using DanVan.Web.Infrastructure;

namespace DanVan.Web.Api;

public sealed record SearchHitDto(int ReportId, string Unit, string UnitName, string Period, string Section, string SectionHeading, ReportStatus Status, string Snippet, string SnippetHtml);

public sealed record SearchResultsDto(int Total, bool More, int Page, int PageSize, IReadOnlyList<SearchHitDto> Hits);

/// <summary>GET /api/v1/search: the search page's service and scope; snippetHtml is escaped text with &lt;mark&gt; around matches.</summary>
public static class SearchEndpoints
{
    public static void MapSearch(this RouteGroupBuilder api) =>
        api.MapGet("/search", async (
            string? q, string? unit, string? from, string? to, int? plan, string? section, ReportStatus? status, SearchSort? sort, int? page, int? pageSize,
            HttpContext http, SearchService search, CancellationToken ct) =>
        {
            var request = new SearchRequest
            {
                Query = q ?? "",
                Unit = unit,
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
            return Results.Ok(new SearchResultsDto(
                results.Total,
                results.More,
                results.Page,
                results.PageSize,
                results.Hits.Select(h => new SearchHitDto(h.ReportId, h.UnitCode, h.Unit, h.Period, h.SectionKey, h.Section, h.Status, Snippet.ToText(h.Snippet), Snippet.ToHtml(h.Snippet))).ToList()));
        });
}
