using DanVan.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// What every browser test shares: one headless Chromium for the whole run, a fresh context (cookies, storage) per
/// user, the test's contexts closed when it is done.
/// </summary>
public abstract class BrowserTest(KestrelApp app) : IClassFixture<KestrelApp>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private IBrowser? _browser;

    protected KestrelApp App { get; } = app;

    /// <summary>The contexts opened so far, one per user, in order.</summary>
    protected IReadOnlyList<IBrowserContext> Contexts => _contexts;

    public async Task InitializeAsync()
    {
        // A cold first request (EF model, Razor) on a slow CI machine, with a data suite running beside the
        // browser, can take longer than Playwright's 5 s default.
        SetDefaultExpectTimeout(30_000);
        _browser = await Chromium.SharedAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A page in a new context on the app: vi-VN, 1280×900, failing within 30 s (Playwright's default) while a data suite runs beside it.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'),
            Locale = "vi-VN",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        _contexts.Add(context);
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the log-in page, fills it in and sends it.</summary>
    protected static async Task LogInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/account/login");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Đăng nhập");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(DanVanWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
    }
}
