using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Search;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Search;

public sealed class IndexModel(SearchService search, PlanService plans, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    /// <summary>"Gồm cả các đơn vị tiền thân": the chosen unit's predecessors' reports too.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Predecessors { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The periods "Từ kỳ" and "Đến kỳ" offer in words; a period from an older link stays listed.</summary>
    public IReadOnlyList<Core.Periods.ReportingPeriod> PeriodOptions => Core.Periods.PeriodChoices.Started(Core.VietnamTime.Today(clock), From, To);

    [BindProperty(SupportsGet = true)]
    public int? Plan { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Section { get; set; }

    [BindProperty(SupportsGet = true)]
    public ReportStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public SearchSort Sort { get; set; }

    public SearchResults? Results { get; private set; }

    public IReadOnlyList<(int Id, string Citation)> Plans { get; private set; } = [];

    public IReadOnlyList<Core.OrgUnits.UnitRow> Units { get; private set; } = [];

    /// <param name="page">Read from the query string only: a Razor page's route always holds "page" (its own path).</param>
    public async Task OnGetAsync([FromQuery(Name = "page")] int page, CancellationToken ct)
    {
        // Filled before searching, so a filter error still re-renders the whole form.
        Plans = (await plans.ListAsync(HttpContext.Actor(), ct)).Select(p => (p.Id, p.Citation)).ToList();
        Units = await search.UnitChoicesAsync(HttpContext.Actor(), ct);
        if (string.IsNullOrWhiteSpace(Q))
        {
            return;
        }

        Results = await search.SearchAsync(
            new SearchRequest { Query = Q, Unit = Unit, WithPredecessors = Predecessors, From = From, To = To, PlanId = Plan, Section = Section, Status = Status, Sort = Sort, Page = page },
            HttpContext.Actor(),
            ct);
    }

    /// <summary>This search's address on another page of results.</summary>
    public string PageUrl(int page)
    {
        var query = Request.Query.Where(kv => kv.Key != "page").SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"));
        return "/search?" + string.Join("&", query.Append($"page={page}"));
    }
}
