using System.Text.Json;

namespace DanVan.Tests;

/// <summary>`danvan import` as scripts and clerks run it: JSON for one file, a batch with a summary, clean failures.</summary>
[Trait("Database", "none")]
public sealed class ImportCommandTests
{
    private static Task<(int Exit, string Out, string Err, TimeSpan Took)> RunAsync(string workDir, params string[] args) =>
        Danvan.RunProcessAsync(workDir, null, args);

    [Fact]
    public async Task Import_OneFileJson_PrintsExactlyOneObjectWithTheSchema()
    {
        var result = await RunAsync(Path.GetTempPath(), "import", Fixtures.Import("header-table.docx"), "--json");

        Assert.Equal(0, result.Exit);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        foreach (var field in new[] { "title", "issuer", "parentIssuer", "documentNumber", "place", "date", "period", "nextPeriod", "sections", "footnotes", "recipients", "signer", "citations", "sourceEncoding", "warnings" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal("quarter", root.GetProperty("period").GetProperty("type").GetString());
        Assert.Equal("unicode", root.GetProperty("sourceEncoding").GetString());
    }

    [Fact]
    public async Task Import_OneFilePlain_PrintsReadableOutline()
    {
        var result = await RunAsync(Path.GetTempPath(), "import", Fixtures.Import("header-table.docx"));

        Assert.Equal(0, result.Exit);
        Assert.Contains("I. KẾT QUẢ THỰC HIỆN", result.Out, StringComparison.Ordinal);
        Assert.Contains("Period: 2025-Q1", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-zip.docx", "not a Word .docx document")]
    [InlineData("empty.docx", "The file is empty.")]
    [InlineData("truncated.docx", "truncated or damaged")]
    [InlineData("zip-bomb.docx", "zip bomb")]
    [InlineData("password.docx", "password-protected")]
    [InlineData("legacy.doc", "Word 97-2003 .doc")]
    [InlineData("not-word.docx", "no Word document part")]
    public async Task Import_BadFile_OneEnglishLineNonZeroExitWithin20sAndWritesNothing(string file, string reason)
    {
        var outDir = Directory.CreateTempSubdirectory("danvan-import").FullName;

        var single = await RunAsync(outDir, "import", Fixtures.Import(file), "--json");

        Assert.NotEqual(0, single.Exit);
        Assert.Equal("", single.Out);
        var line = Assert.Single(single.Err.Trim().Split('\n'));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.True(single.Took < TimeSpan.FromSeconds(20), $"took {single.Took}");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir));
    }

    [Fact]
    public async Task Import_BatchWithBadFiles_WritesGoodOnesSummarisesAndFails()
    {
        var outDir = Directory.CreateTempSubdirectory("danvan-import").FullName;

        var result = await RunAsync(outDir, "import", Fixtures.Import("header-table.docx"), Fixtures.Import("empty.docx"), Fixtures.Import("autonumber.docx"), "--out", outDir);

        Assert.Equal(1, result.Exit);
        Assert.Contains("2 imported, 1 failed", result.Out, StringComparison.Ordinal);
        Assert.Contains("empty.docx: The file is empty.", result.Err, StringComparison.Ordinal);
        Assert.Equal(["autonumber.json", "header-table.json"], Directory.EnumerateFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "header-table.json")));
        Assert.Equal("15/BC-UBND", json.RootElement.GetProperty("documentNumber").GetString());
    }

    [Fact]
    public async Task Import_FilesWithTheSameName_EachGetsItsOwnJsonAndAWarning()
    {
        var inputs = Directory.CreateTempSubdirectory("danvan-import-in").FullName;
        var outDir = Directory.CreateTempSubdirectory("danvan-import").FullName;
        string Copy(string fixture, string folder, string name)
        {
            Directory.CreateDirectory(Path.Combine(inputs, folder));
            var path = Path.Combine(inputs, folder, name);
            File.Copy(Fixtures.Import(fixture), path);
            return path;
        }

        var first = Copy("header-table.docx", "a", "report.docx");
        var second = Copy("autonumber.docx", "b", "report.docx");
        var own = Copy("nfd.docx", "c", "report-2.docx");

        var result = await RunAsync(outDir, "import", first, second, own, "--out", outDir);

        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("3 imported, 0 failed", result.Out, StringComparison.Ordinal);
        Assert.Equal(["report-2.json", "report-3.json", "report.json"], Directory.EnumerateFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var warning = Assert.Single(result.Err.Trim().Split('\n'));
        Assert.Equal($"warning: {second}: another file in this import has the same name; written as report-3.json", warning);
        foreach (var (input, json) in new[] { (first, "report.json"), (second, "report-3.json"), (own, "report-2.json") })
        {
            var alone = await RunAsync(outDir, "import", input, "--json");
            Assert.Equal(alone.Out.TrimEnd(), File.ReadAllText(Path.Combine(outDir, json)));
        }
    }

    [Fact]
    public async Task Import_FolderWithDocBesideDocx_TheDocxKeepsTheNameAndTheDocIsNotLost()
    {
        var folder = Directory.CreateTempSubdirectory("danvan-import-in").FullName;
        var outDir = Directory.CreateTempSubdirectory("danvan-import").FullName;
        var doc = Path.Combine(folder, "bao-cao.doc");
        File.Copy(Fixtures.Import("legacy.doc"), doc);
        File.Copy(Fixtures.Import("header-table.docx"), Path.Combine(folder, "bao-cao.docx"));

        var result = await RunAsync(outDir, "import", folder, "--convert", "--out", outDir);

        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("2 imported, 0 failed", result.Out, StringComparison.Ordinal);
        Assert.Equal($"warning: {doc}: another file in this import has the same name; written as bao-cao-2.json", Assert.Single(result.Err.Trim().Split('\n')));
        using var docx = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "bao-cao.json")));
        Assert.Equal("15/BC-UBND", docx.RootElement.GetProperty("documentNumber").GetString());
        using var converted = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "bao-cao-2.json")));
        Assert.Contains(converted.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("Converted from Word 97-2003", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_LegacyDocWithConvert_ConvertsWithLibreOfficeAndImports()
    {
        var result = await RunAsync(Path.GetTempPath(), "import", Fixtures.Import("legacy.doc"), "--convert", "--json");

        Assert.True(result.Exit == 0, result.Err);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Contains(json.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("Converted from Word 97-2003", StringComparison.Ordinal));
        Assert.NotEmpty(json.RootElement.GetProperty("sections").EnumerateArray());
    }
}
