namespace DanVan.Tests;

/// <summary>Files under tests/fixtures, found from the test binary's folder whichever project runs.</summary>
public static class Fixtures
{
    public static string Import(string name) => Path.Combine(Root(), "import", name);

    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory);
    }
}
