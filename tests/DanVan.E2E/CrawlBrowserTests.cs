using System.Text.RegularExpressions;
using DanVan.Core.Demo;
using DanVan.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// Every page each demo role can reach by following links (GET only) from the menus and the pages behind them, on a
/// 390 px phone, in Vietnamese and in English: no 4xx/5xx, no validation summary before the user typed anything, no
/// console error, no resource key or enum name shown as text, nothing wider than the screen, and in English no
/// Vietnamese left in the interface's own words (an untranslated resource). All failures are listed at the end.
/// The crawl is split over three classes (the administrator in Vietnamese, the other roles in Vietnamese, every role
/// in English with the layout facts) so that the suite's two threads share it instead of one running it alone.
/// </summary>
public abstract partial class Crawl(KestrelApp app) : BrowserTest(app)
{
    /// <summary>Two URLs of one shape (ids and periods aside) show the same page: more would only slow the crawl.</summary>
    private const int UrlsPerShape = 2;

    private const int MostPagesPerRole = 120;

    /// <summary>The first demo account of each role: the crawl covers every role without repeating one.</summary>
    protected static IEnumerable<DemoAccount> RoleAccounts() => DemoData.Accounts.DistinctBy(a => a.Role);

    protected async Task CrawlAsync(string userName, string culture)
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var english = culture == "en";
        var shots = new Screenshots(english ? $"crawl-en-{userName}-" : $"crawl-{userName}-");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        var origin = App.BaseAddress.GetLeftPart(UriPartial.Authority);
        var current = "/account/login";
        var failures = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                failures.Add($"console error | {current} | {message.Text}");
            }
        };
        page.PageError += (_, error) => failures.Add($"script error | {current} | {error}");

        // A file (Word, PDF, Excel, an attachment) is fetched, not shown: the browser would download it or open its
        // PDF viewer and never finish loading. The page gets an empty document carrying the file's status instead.
        await page.RouteAsync(_ => true, async route =>
        {
            if (route.Request.ResourceType != "document")
            {
                await route.ContinueAsync();
                return;
            }

            var fetched = await route.FetchAsync(new() { MaxRedirects = 0 });
            if ((fetched.Headers.GetValueOrDefault("content-type") ?? "text/html").StartsWith("text/html", StringComparison.Ordinal) || fetched.Status is >= 300 and < 400)
            {
                await route.FulfillAsync(new() { Response = fetched });
                return;
            }

            await route.FulfillAsync(new()
            {
                Status = fetched.Status,
                ContentType = "text/plain",
                Body = "",
                Headers = new Dictionary<string, string> { ["x-crawl-file"] = fetched.Headers.GetValueOrDefault("content-type") ?? "" },
            });
        });
        await LogInAsync(page, userName);
        // The first page after log-in is the app's first real work (queries compiled, code jitted); for the
        // administrator, whose home covers every unit, it once took over 30 s with a data suite running beside it.
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 90_000 });
        if (english)
        {
            // The footer's language link, as a user switches: the culture cookie then holds for every page.
            await page.GotoAsync("/language?culture=en&returnUrl=/");
        }

        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var perShape = new Dictionary<string, int>(StringComparer.Ordinal) { [Shape("/")] = 1 };
        var visited = 0;
        while (queue.TryDequeue(out var url) && visited++ < MostPagesPerRole)
        {
            current = url;
            var links = await VisitAsync(page, url, english, failures, shots);
            foreach (var link in links.Select(l => Local(l, origin)).OfType<string>())
            {
                var shape = Shape(link);
                // In English one page of each shape: the words checked there are the shape's, not the record's.
                if (seen.Add(link) && perShape.GetValueOrDefault(shape) < (english ? 1 : UrlsPerShape))
                {
                    perShape[shape] = perShape.GetValueOrDefault(shape) + 1;
                    queue.Enqueue(link);
                }
            }
        }

        Assert.True(visited > 3, $"The crawl as {userName} ({culture}) reached only {visited} pages.");
        var unexpected = failures.Distinct().ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} problems on the {visited} pages {userName} reached ({culture}):\n" + string.Join("\n", unexpected));
    }


    /// <summary>Opens one URL, records what is wrong with it, and returns the links on it.</summary>
    private static async Task<IReadOnlyList<string>> VisitAsync(IPage page, string url, bool english, List<string> failures, Screenshots shots)
    {
        var response = await page.GotoAsync(url);
        if (response is null || response.Status >= 400)
        {
            failures.Add($"HTTP {response?.Status} | {url} | {await page.TitleAsync()}");
        }

        if (response?.Headers.GetValueOrDefault("x-crawl-file") is not null || response?.Status >= 400)
        {
            return [];
        }

        var found = await page.EvaluateAsync<PageFindings>(FindingsScript);
        if (found.Validation.Length > 0)
        {
            failures.Add($"validation shown on GET | {url} | {found.Validation}");
        }

        if (found.ScrollWidth > found.Width)
        {
            failures.Add($"wider than the screen | {url} | {found.ScrollWidth} px > {found.Width} px: {found.Widest}");
        }

        foreach (Match key in ResourceKey().Matches(found.Text))
        {
            failures.Add($"resource key or code name as text | {url} | {key.Value}");
        }

        if (english)
        {
            foreach (var text in await page.EvaluateAsync<string[]>(UntranslatedScript))
            {
                failures.Add($"untranslated in English | {url} | {text}");
            }
        }

        if (!english)
        {
            // The Vietnamese crawl keeps a picture of every page's first screen (the checks above read the whole page);
            // the English one checks words only.
            await shots.TakeAsync(page, Regex.Replace(url.Trim('/'), "[^A-Za-z0-9]+", "-") is { Length: > 0 } name ? name[..Math.Min(name.Length, 60)] : "home", screenOnly: true);
        }

        return found.Links;
    }

    /// <summary>The same-origin path and query of a followable link, or null for a link to leave alone.</summary>
    private static string? Local(string href, string origin)
    {
        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri) || uri.GetLeftPart(UriPartial.Authority) != origin)
        {
            return null;
        }

        // Switching the language would crawl the rest in English; logging out ends the crawl; a PDF takes LibreOffice
        // seconds to make (the export tests cover it).
        var path = uri.AbsolutePath;
        return path.StartsWith("/language", StringComparison.OrdinalIgnoreCase) || (path.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)) || path.EndsWith("/pdf", StringComparison.OrdinalIgnoreCase)
            ? null
            : uri.PathAndQuery;
    }

    /// <summary>The URL with ids, GUIDs, periods and years blanked: "/reports/12?tab=figures" → "/reports/#?tab=figures".</summary>
    private static string Shape(string url) => Digits().Replace(Guid().Replace(url, "{guid}"), "#");

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    /// <summary>
    /// What a reader should never see: a resource or property path ("Input.UserName", "Reports_Title"), an enum or
    /// class name ("AwaitingLeader"), or ASP.NET's English model-binding messages on a Vietnamese page.
    /// </summary>
    [GeneratedRegex(@"\b(?!(?:DanVan|VnTime)\b)[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|\b[A-Z]\w*\.[A-Z]\w+\b|\b[A-Za-z]+_[A-Za-z]+\b|\bThe (?:value|field) \b|\bis (?:required|invalid)\b")]
    private static partial Regex ResourceKey();

    /// <summary>
    /// Run in the page: the interface's own words (labels, buttons, column and field names, menus, hints, placeholders)
    /// that still hold letters only Vietnamese uses. Data is left out: table cells, values, options, headings that name
    /// a unit or report, labels wrapping a checkbox of a unit, a plan's guidance (div.hint), the user's name and the
    /// language switch.
    /// </summary>
    private const string UntranslatedScript = """
        () => {
          // Names English text keeps in Vietnamese: the Tết holiday and the "Lưu: VT" line printed on every document.
          const kept = /Tết|Lưu: VT/g;
          const vietnamese = { test: t => /[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9]/.test(t.replace(kept, '')) };
          const data = 'td, dd, option, select, textarea, .userbox, .footer, .crumbs, .section, .preview, .diff, blockquote, pre, code';
          const texts = [];
          for (const e of document.querySelectorAll('label, button, th, legend, .mainnav a, dt, summary, p.hint, .button, .stat, .tabs a')) {
            if (e.closest(data) || e.querySelector('input, select') || !(e.offsetWidth || e.offsetHeight)) continue;
            const text = (e.innerText || '').trim();
            if (vietnamese.test(text)) texts.push(e.tagName.toLowerCase() + ': ' + text.slice(0, 80));
          }
          // Placeholders elsewhere show example document text, which is Vietnamese in any interface language.
          for (const e of document.querySelectorAll('input[type=search][placeholder], [aria-label], [title]')) {
            for (const a of ['placeholder', 'aria-label', 'title']) {
              const v = e.getAttribute(a);
              if (v && vietnamese.test(v) && !e.closest('.userbox')) texts.push(a + ': ' + v.slice(0, 80));
            }
          }
          return [...new Set(texts)];
        }
        """;

    private sealed class PageFindings
    {
        public string[] Links { get; set; } = [];

        public string Validation { get; set; } = "";

        public string Text { get; set; } = "";

        public int ScrollWidth { get; set; }

        public int Width { get; set; }

        public string Widest { get; set; } = "";
    }

    /// <summary>
    /// Run in the page: its links, any validation message visible, the body text, and the element sticking out furthest
    /// to the right (to say what makes the page wider than the screen).
    /// </summary>
    private const string FindingsScript = """
        () => {
          const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
          const validation = [...document.querySelectorAll('.validation-summary-errors, .field-validation-error, .input-validation-error')]
            .filter(visible).map(e => (e.innerText || e.getAttribute('name') || '').trim()).filter(t => t).join(' / ');
          const width = window.innerWidth;
          let widest = '', right = width;
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect().right;
            if (r > right + 0.5) {
              right = r;
              widest = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' ' + Math.round(r) + ' px';
            }
          }
          return {
            links: [...document.querySelectorAll('a[href]')].map(a => a.href.split('#')[0]),
            validation,
            text: document.body.innerText,
            scrollWidth: document.documentElement.scrollWidth,
            width,
            widest,
          };
        }
        """;
}

[LongJourney]
public sealed class CrawlAdministratorBrowserTests(KestrelApp app) : Crawl(app)
{
    [Fact]
    public Task Crawl_AdministratorInVietnamese_EveryReachablePageClean() =>
        CrawlAsync(RoleAccounts().Single(a => a.Role == Core.Access.Roles.Admin).UserName, "vi");
}

[LongJourney]
public sealed class CrawlDemoRolesBrowserTests(KestrelApp app) : Crawl(app)
{
    public static TheoryData<string> Roles() => [.. RoleAccounts().Where(a => a.Role != Core.Access.Roles.Admin).Select(a => a.UserName)];

    [Theory]
    [MemberData(nameof(Roles))]
    public Task Crawl_DemoRoleInVietnamese_EveryReachablePageClean(string userName) => CrawlAsync(userName, "vi");
}

[LongJourney]
public sealed class CrawlBrowserTests(KestrelApp app) : Crawl(app)
{
    public static TheoryData<string> Roles() => [.. RoleAccounts().Select(a => a.UserName)];

    [Theory]
    [MemberData(nameof(Roles))]
    public Task Crawl_DemoRoleInEnglish_EveryReachablePageClean(string userName) => CrawlAsync(userName, "en");

    [Fact]
    public async Task Header_AdministratorAt1366_OneLine()
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await LogInAsync(page, "admin");
        await Expect(page.Locator(".mainnav a")).ToHaveCountAsync(7);

        // Every part of the header (brand, menu, search, bell, user) and every menu item on one row.
        var tops = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.topbar > *, .mainnav a')].map(e => e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)");
        await new Screenshots("header-").TakeAsync(page, "admin-1366");
        Assert.True(tops.Max() - tops.Min() < 12, $"The header wraps at 1366 px: centres at {string.Join(", ", tops)}");
    }

    [Fact]
    public async Task ListTables_OnPhone_RowsAreLabelledCards()
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var shots = new Screenshots("cards-");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await LogInAsync(page, "admin");
        foreach (var (url, table, label) in new[] { ("/admin/units", "#units", "Mã"), ("/admin/users", "#users", "Vai trò"), ("/plans", "#plans", "Cơ quan ban hành"), ("/plans/1", "#schedule", "Hạn gửi của đơn vị") })
        {
            await page.GotoAsync(url);
            var cell = page.Locator($"{table} tbody tr").First.Locator($"td[data-label='{label}']");
            Assert.Equal("block", await cell.EvaluateAsync<string>("td => getComputedStyle(td).display"));
            Assert.Equal($"\"{label}\"", await cell.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content"));
            // A card is as wide as the screen allows: the first cell is not squeezed into a narrow column.
            Assert.True(await page.Locator($"{table} tbody td").First.EvaluateAsync<double>("td => td.getBoundingClientRect().width") > 300, $"{url}: cells are narrow columns, not cards.");
            await shots.TakeAsync(page, url.Trim('/').Replace('/', '-'));
        }
    }

    [Fact]
    public async Task RateChart_OnPhone_LabelsReadable()
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await LogInAsync(page, "snv.lamdong");
        await Expect(page.Locator("svg#rate-chart")).ToBeVisibleAsync();

        var smallest = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('#rate-chart text')].map(t => t.getBoundingClientRect().height))");
        await new Screenshots("chart-").TakeAsync(page, "phone", from: page.Locator("svg#rate-chart"));
        Assert.True(smallest >= 8, $"The chart's smallest label is {smallest:0.0} px high on a phone.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The chart makes the page scroll sideways.");
    }

    [Fact]
    public async Task PlanList_NamesTheIssuingBody()
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var page = await NewPageAsync();
        await LogInAsync(page, "snv.quangngai");
        await page.GotoAsync("/plans");

        var row = page.Locator("#plans tbody tr").Filter(new() { HasTextString = "156/KH-UBND" });
        await Expect(row.Locator("td.owner")).ToHaveTextAsync("Ủy ban nhân dân tỉnh Quảng Ngãi");
    }

    [Fact]
    public async Task ReportPrint_TheDocumentWithoutTheAppAround()
    {
        await App.WithServicesAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(DanVanWebFactory.Password));
        var page = await NewPageAsync();
        await LogInAsync(page, "tratan.canbo");
        await page.GotoAsync("/reports");
        await page.GotoAsync(await page.EvaluateAsync<string>("() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href')).find(h => /^\\/reports\\/\\d+$/.test(h))"));
        await Expect(page.Locator(".section").First).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        foreach (var chrome in new[] { ".topbar", ".footer", ".tabs", ".crumbs", ".downloads", ".actions" })
        {
            await Expect(page.Locator(chrome)).ToBeHiddenAsync();
        }

        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Locator(".section").First).ToBeVisibleAsync();
        var pdf = Path.Combine(new Screenshots("print-").Folder, "print-report.pdf");
        await page.PdfAsync(new() { Path = pdf, Format = "A4" });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }
}
