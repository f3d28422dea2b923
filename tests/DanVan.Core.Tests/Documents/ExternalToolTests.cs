using System.Diagnostics;
using DanVan.Core.Export;
using DanVan.Core.Import;
using DanVan.Core.Word;
using Microsoft.Extensions.Configuration;

namespace DanVan.Tests.Documents;

[Trait("Database", "none")]
public sealed class ExternalToolTests
{
    [Fact]
    public async Task RunAsync_PastTheTimeLimit_KilledWithEnglishAndVietnameseError()
    {
        var sleep = ExternalTool.Find(null, "sleep");
        Assert.NotNull(sleep);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ExternalToolException>(() => ExternalTool.RunAsync(sleep, ["30"], TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal("sleep did not finish within 1 s and was stopped.", error.Message);
        Assert.Contains("quá 1 giây", error.Vietnamese, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_ConfiguredPathMissing_NotAvailable()
    {
        var converter = PdfConverter.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Export:Soffice"] = "/nonexistent/soffice" }).Build());

        Assert.False(converter.IsAvailable);
    }

    [Fact]
    public async Task ReadAsync_LegacyDoc_ConvertedWithLibreOffice()
    {
        using var converter = PdfConverter.FromConfiguration(new ConfigurationBuilder().Build());
        Assert.True(converter.IsAvailable, "LibreOffice (soffice) is needed; test.sh installs it.");

        var file = await WordFile.ReadAsync(await File.ReadAllBytesAsync(Fixtures.Import("legacy.doc")), converter, CancellationToken.None);

        Assert.True(file.Converted);
        Assert.Contains(new ImportWarning(ImportWarningCode.ConvertedFromDoc), file.Report.Warnings);
        Assert.Equal("15/BC-UBND", file.Report.DocumentNumber);
        using var again = new MemoryStream(file.Docx);
        Assert.Equal(file.Report.Title, DocxReader.Read(again).Title);
    }

    [Fact]
    public async Task ReadAsync_LegacyDocWithoutLibreOffice_RefusedAsLegacyDoc()
    {
        using var none = new PdfConverter(null, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<DocumentImportException>(async () => await WordFile.ReadAsync(await File.ReadAllBytesAsync(Fixtures.Import("legacy.doc")), none, CancellationToken.None));

        Assert.Equal(ImportFailure.LegacyDoc, error.Failure);
    }
}
