using System.Globalization;
using Microsoft.Playwright;

namespace DanVan.E2E;

/// <summary>Full-page PNGs numbered in step order (01-login.png, 02-reports.png, …) for a person to look through.</summary>
public sealed class Screenshots
{
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

    public async Task<string> TakeAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{++_step:00}-{name}.png"));
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Taken.Add(path);
        return path;
    }
}
