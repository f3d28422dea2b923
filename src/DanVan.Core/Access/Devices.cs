namespace DanVan.Core.Access;

/// <summary>A browser or client named as people name it, from the User-Agent it sent.</summary>
public readonly record struct Device(string? Browser, string? System);

public static class Devices
{
    /// <summary>
    /// "Chrome" on "Windows", "Cốc Cốc" on "Android"; null parts when the User-Agent does not say (a script's HTTP
    /// client). Order matters: Edge, Opera and Cốc Cốc also call themselves Chrome, and Chrome calls itself Safari.
    /// </summary>
    public static Device Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return default;
        }

        string? browser =
            Has("coc_coc_browser") ? "Cốc Cốc"
            : Has("Edg/") || Has("Edge/") ? "Edge"
            : Has("OPR/") || Has("Opera") ? "Opera"
            : Has("Firefox/") || Has("FxiOS/") ? "Firefox"
            : Has("Chrome/") || Has("CriOS/") || Has("Chromium/") ? "Chrome"
            : Has("Safari/") ? "Safari"
            : Has("curl/") ? "curl"
            : null;
        string? system =
            Has("Android") ? "Android"
            : Has("iPhone") || Has("iPad") || Has("iOS") ? "iOS"
            : Has("Windows") ? "Windows"
            : Has("Mac OS X") || Has("Macintosh") ? "macOS"
            : Has("CrOS") ? "ChromeOS"
            : Has("Linux") ? "Linux"
            : null;
        return new Device(browser, system);

        bool Has(string word) => userAgent.Contains(word, StringComparison.Ordinal);
    }
}
