using System.Globalization;
using Microsoft.Playwright;

namespace DanVan.E2E;

/// <summary>
/// PNGs of the page numbered in step order (01-login.png, 02-reports.png, …) for a person to look through: the whole
/// page down to <see cref="MostHeight"/> CSS pixels, or only the screen.
/// </summary>
public sealed class Screenshots
{
    /// <summary>
    /// How far down a picture goes (2 to 5 screens). A picture costs the browser about 0.25 s of CPU plus 0.3 s per
    /// megapixel; whole pages 4,000 to 9,000 px tall made pictures a third of the browser suite's CPU.
    /// </summary>
    public const int MostHeight = 2000;

    private int _step;

    public Screenshots()
        : this("")
    {
    }

    /// <summary>Files named <paramref name="prefix"/>01-….png, so another test class's pictures in the same folder are left alone.</summary>
    public Screenshots(string prefix)
    {
        Prefix = prefix;
        Folder = Environment.GetEnvironmentVariable("DANVAN_TEST_OUTPUT") is { Length: > 0 } output
            ? Path.GetFullPath(output)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(Folder);
        // Stale pictures from an earlier run would read as steps of this one; other files in the folder are not ours.
        foreach (var old in Directory.EnumerateFiles(Folder, prefix + "??-*.png").Where(f => Path.GetFileName(f).Substring(prefix.Length, 2).All(char.IsAsciiDigit)))
        {
            File.Delete(old);
        }
    }

    public string Folder { get; }

    public string Prefix { get; }

    public List<string> Taken { get; } = [];

    /// <summary>
    /// The page from the top of the screen (where the test scrolled, or the page's top) or from just above
    /// <paramref name="from"/>, down to <see cref="MostHeight"/> pixels; only what the screen shows when
    /// <paramref name="screenOnly"/>.
    /// </summary>
    public async Task<string> TakeAsync(IPage page, string name, ILocator? from = null, bool screenOnly = false)
    {
        var path = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{++_step:00}-{name}.png"));
        if (screenOnly)
        {
            await page.ScreenshotAsync(new() { Path = path });
        }
        else
        {
            var size = await page.EvaluateAsync<double[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
            var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
            var top = from is null ? scrolled : Math.Max(0, ((await from.BoundingBoxAsync())?.Y ?? 0) + scrolled - 40);
            top = Math.Max(0, Math.Min(top, size[1] - MostHeight));
            var clip = new Clip { X = 0, Y = (float)top, Width = (float)size[0], Height = (float)Math.Min(MostHeight, size[1] - top) };
            await page.ScreenshotAsync(new() { Path = path, FullPage = true, Clip = clip });
        }

        Taken.Add(path);
        return path;
    }
}
