using System.Text.RegularExpressions;

namespace DanVan.Tests;

/// <summary>
/// Every rule breach the app throws says itself in English too (the English UI, the CLI and the logs show it): a
/// breach thrown without <c>English = …</c> beside its Vietnamese would reach an English page in Vietnamese.
/// </summary>
public sealed partial class RuleMessageSourceTests
{
    /// <summary>
    /// The resource compiler keeps only one of two names that differ in case alone (warning MSB3568): the other text then
    /// shows in Vietnamese in the English interface, as "Đã tiếp nhận" did for every accepted report.
    /// </summary>
    [Fact]
    public void EnglishResources_NoTwoNamesDifferInCaseAlone()
    {
        var file = Path.Combine(SourceRoot().FullName, "src/DanVan.Web/Resources/SharedResource.en.resx");
        var names = System.Xml.Linq.XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();

        Assert.True(names.Count > 500, $"{names.Count} names read from {file}");
        Assert.Empty(names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)));
    }

    [Fact]
    public void EveryBreachThrownInCoreAndWeb_StatesItsEnglish()
    {
        var root = SourceRoot();
        var missing = new List<string>();
        var sites = 0;
        foreach (var project in new[] { "src/DanVan.Core", "src/DanVan.Web" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root.FullName, project), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root.FullName, file).Replace('\\', '/');
                // The synthetic-data generator is reached only from `danvan generate`, whose messages are English already.
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.StartsWith("src/DanVan.Core/Demo/", StringComparison.Ordinal))
                {
                    continue;
                }

                var source = File.ReadAllText(file);
                foreach (Match m in Breach().Matches(source))
                {
                    sites++;
                    if (!StatesEnglish(source, m.Index + m.Length))
                    {
                        missing.Add($"{relative}:{source[..m.Index].Count(c => c == '\n') + 1}");
                    }
                }
            }
        }

        Assert.True(sites > 100, $"Only {sites} throw sites found; is the scan reading the sources?");
        Assert.True(missing.Count == 0, "Breaches without English:\n" + string.Join("\n", missing));
    }

    /// <summary>After the constructor's arguments (the messages' parentheses are balanced), an initializer sets English.</summary>
    private static bool StatesEnglish(string source, int afterOpeningParenthesis)
    {
        var at = afterOpeningParenthesis;
        for (var depth = 1; depth > 0; at++)
        {
            depth += source[at] switch { '(' => 1, ')' => -1, _ => 0 };
        }

        var rest = source[at..].TrimStart();
        return rest.StartsWith('{') && rest[..rest.IndexOf('}', StringComparison.Ordinal)].Contains("English =", StringComparison.Ordinal);
    }

    // FigureRulesException is left out: it builds its English from its breaches, each of which must carry one.
    [GeneratedRegex(@"new (?:DomainException|ForbiddenException|ConcurrencyConflictException)\s*\(")]
    private static partial Regex Breach();

    private static DirectoryInfo SourceRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "DanVan.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return root;
    }
}
