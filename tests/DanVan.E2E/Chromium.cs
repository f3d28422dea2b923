using Microsoft.Playwright;

namespace DanVan.E2E;

/// <summary>The Debian Chromium, headless, without the background traffic a test machine cannot make (ENVIRONMENT.md).</summary>
public static class Chromium
{
    public static BrowserTypeLaunchOptions Options => new()
    {
        ExecutablePath = Environment.GetEnvironmentVariable("DANVAN_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    };
}
