using Microsoft.Playwright;

namespace DanVan.E2E;

/// <summary>
/// Debian's Chromium headless shell (package chromium-headless-shell; DANVAN_CHROMIUM may name another Chromium),
/// without the background traffic a test machine cannot make (ENVIRONMENT.md). The shell is the same Blink without
/// the desktop browser around it; Playwright itself runs headless tests in it, and here it took about 40 % less CPU
/// than `chromium --headless` for the same tests (the browser suite is the largest share of test.sh's CPU).
/// </summary>
public static class Chromium
{
    private const string HeadlessShell = "/usr/bin/chromium-headless-shell";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static BrowserTypeLaunchOptions Options => new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("DANVAN_CHROMIUM") is { Length: > 0 } chosen ? chosen
            : File.Exists(HeadlessShell) ? HeadlessShell : "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    };

    /// <summary>
    /// One Playwright driver and one Chromium for every test of the run: starting them cost each test a second or two
    /// of CPU, while a browser context already keeps tests apart (cookies, storage, cache). A browser that died is
    /// started again, so one crash fails one test, not the rest.
    /// </summary>
    public static async Task<IBrowser> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            if (_playwright is null)
            {
                _playwright = await Playwright.CreateAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Close();
            }

            _browser = await _playwright.Chromium.LaunchAsync(Options);
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void Close()
    {
        // The driver would close Chromium when the test process ends anyway; closing it here ends it cleanly.
        _browser?.CloseAsync().Wait(TimeSpan.FromSeconds(10));
        _playwright?.Dispose();
    }
}
