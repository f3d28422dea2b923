using System.Globalization;
using Microsoft.Playwright;

namespace DanVan.E2E;

/// <summary>Full-page PNGs numbered in step order (01-login.png, 02-reports.png, …) for a person to look through.</summary>
public sealed class Screenshots
{
    private int _step;

    public Screenshots()
    {
        Folder = Environment.GetEnvironmentVariable("DANVAN_TEST_OUTPUT") is { Length: > 0 } output
            ? Path.GetFullPath(output)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(Folder);
        // Stale pictures from an earlier run would read as steps of this one; other files in the folder are not ours.
        foreach (var old in Directory.EnumerateFiles(Folder, "??-*.png").Where(f => Path.GetFileName(f)[..2].All(char.IsAsciiDigit)))
        {
            File.Delete(old);
        }
    }

    public string Folder { get; }

    public List<string> Taken { get; } = [];

    public async Task<string> TakeAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{++_step:00}-{name}.png"));
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Taken.Add(path);
        return path;
    }
}
