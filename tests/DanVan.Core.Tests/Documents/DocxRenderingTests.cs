using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Core.Decree30;
using DanVan.Core.Export;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

/// <summary>
/// Exported documents as LibreOffice prints them, read back page by page with poppler (pdftotext, pdfinfo): what a
/// clerk sees on paper, which the .docx XML alone does not tell.
/// </summary>
[Trait("Database", "none")]
public sealed partial class DocxRenderingTests(DocxRenderingTests.Renderings renderings) : IClassFixture<DocxRenderingTests.Renderings>
{
    /// <summary>
    /// Every document these tests print, rendered in one LibreOffice run when the first test asks: each run costs
    /// seconds of CPU, whatever it converts.
    /// </summary>
    public sealed class Renderings
    {
        private readonly Lazy<Task<Dictionary<string, RenderedPdf>>> all = new(() => RenderAsync(new Dictionary<string, byte[]>(
            Enumerable.Range(0, 12).ToDictionary(k => $"signature-{k:00}", k => DocxWriter.Write(LongerBody(k))))
        {
            ["footnote"] = DocxWriter.Write(DocxWriterTests.Document(DocxWriterTests.SeedReport())),
            ["wide-appendix"] = DocxWriter.Write(WideAppendix()),
            ["parts-whole"] = DocxWriter.Write(TwoAppendices()),
        }));

        internal async Task<RenderedPdf> GetAsync(string name) => (await all.Value)[name];
    }

    /// <summary>The seed report with 30 + <paramref name="extra"/> lines more before its closing paragraph.</summary>
    private static OfficialDocument LongerBody(int extra)
    {
        var document = DocxWriterTests.Document(DocxWriterTests.SeedReport());
        var body = document.Body.ToList();
        var closing = body.FindLastIndex(b => b is DocumentParagraph);
        body.InsertRange(closing, Enumerable.Range(1, 30 + extra).Select(i => new DocumentParagraph($"Dòng bổ sung số {i}.")));
        return document with { Body = body };
    }

    private static OfficialDocument WideAppendix() => DocxWriterTests.Document(DocxWriterTests.SeedReport()) with
    {
        IssuerName = "Ủy ban nhân dân xã Trà Tân",
        Appendices = [new DocumentAppendix("I", "Số liệu của các đơn vị", [new DocumentParagraph("Kế hoạch số 42/KH-UBND, kỳ 2025-Q1: 90 đơn vị đã gửi báo cáo."), WideTable(90)])],
    };

    private static OfficialDocument TwoAppendices() => DocxWriterTests.Document(DocxWriterTests.SeedReport()) with
    {
        IssuerName = "Ủy ban nhân dân xã Trà Tân",
        Appendices =
        [
            new DocumentAppendix("I", "Số liệu của các đơn vị", [WideTable(60)]),
            new DocumentAppendix("II", "Danh sách đơn vị", Enumerable.Range(1, 90).Select(i => (DocumentBlock)new DocumentParagraph($"Đơn vị thứ {i}: Ủy ban nhân dân xã số {i}.")).ToList()),
        ],
    };

    /// <summary>
    /// Whatever the length of the body, the signature block is printed on the page of the closing paragraph, and no
    /// page is empty: bodies one line longer each, across more than the height of the signature block.
    /// </summary>
    [Fact]
    public async Task Render_BodiesOfEveryLength_SignatureNeverAloneAndNoBlankPage()
    {
        foreach (var name in Enumerable.Range(0, 12).Select(k => $"signature-{k:00}"))
        {
            var pdf = await renderings.GetAsync(name);
            var signed = pdf.Pages.FindIndex(p => p.Contains("Đinh Văn Sơn", StringComparison.Ordinal));
            Assert.True(signed >= 0, name);
            var page = Compact(pdf.Pages[signed]);
            Assert.True(page.Contains("Nơinhận:", StringComparison.Ordinal) && page.Contains("TràTân./.", StringComparison.Ordinal), $"{name}: the signature on page {signed + 1} is not with the closing line:\n{pdf.Pages[signed]}");
            Assert.DoesNotContain(pdf.Pages, p => Words(p).Count <= 1);
        }
    }

    /// <summary>A footnote in the body must not push the header block below the top margin of page 1.</summary>
    [Fact]
    public async Task Render_ReportWithFootnote_HeaderBlockAtTheTopMargin()
    {
        Assert.Contains(DocxWriterTests.Document(DocxWriterTests.SeedReport()).Body.OfType<DocumentParagraph>(), p => p.Notes is { Count: > 0 });

        var pdf = await renderings.GetAsync("footnote");

        var margin = DocxWriter.MarginTop / 20.0;
        Assert.InRange(pdf.FirstWordTop, margin - 2, margin + 3);
    }

    /// <summary>
    /// An appendix table of eight columns is printed on landscape pages after the portrait report, its header row at
    /// the top of each of them, no unit's row broken between two pages, the numbering column one line high.
    /// </summary>
    [Fact]
    public async Task Render_WideAppendixTable_LandscapePagesHeaderOnEachNoRowSplit()
    {
        var pdf = await renderings.GetAsync("wide-appendix");

        var appendix = pdf.Pages.FindIndex(p => p.Contains("Phụ lục I", StringComparison.Ordinal));
        Assert.True(appendix > 0);
        Assert.All(pdf.Sizes.Take(appendix), s => Assert.True(s.Width < s.Height, "report pages are portrait"));
        Assert.All(pdf.Sizes.Skip(appendix), s => Assert.True(s.Width > s.Height, "appendix pages are landscape"));
        Assert.True(pdf.Pages.Count - appendix >= 3, $"the table should take several pages, took {pdf.Pages.Count - appendix}");
        foreach (var page in pdf.Pages.Skip(appendix))
        {
            Assert.Matches(HeaderLine(), page);
        }

        for (var i = 1; i <= 90; i++)
        {
            var marks = new[] { $"Mở{i:000}", $"Cuối{i:000}", $"{1000 + i}" };
            var pages = marks.Select(m => pdf.Pages.FindIndex(appendix, p => Words(p).Contains(m))).ToList();
            Assert.True(pages.All(p => p == pages[0] && p >= appendix), $"row {i} is split or missing: {string.Join(", ", marks.Zip(pages, (m, p) => $"{m} on page {p + 1}"))}");
        }

        Assert.DoesNotMatch(@"\n\s*S\s*\n\s*T\s*\n", pdf.Pages[appendix]);
    }

    /// <summary>
    /// A report with two appendices prints the same pages whether LibreOffice lays out the whole document or its parts
    /// side by side (how a consolidated report's PDF is made), and each appendix numbers its own pages from 1, shown
    /// from its second page (Decree 30), while the report's pages keep their numbers.
    /// </summary>
    [Fact]
    public async Task Render_InParts_SamePagesAsTheWhole_EachAppendixNumbersItsOwnPages()
    {
        var converter = PdfConverter.FromConfiguration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Assert.True(converter.CanJoin, "poppler-utils (pdfunite) is needed; test.sh installs it.");

        var whole = await renderings.GetAsync("parts-whole");
        var joined = await ReadAsync("parts-joined", await converter.ConvertPartsAsync(DocxWriter.WriteParts(TwoAppendices())));

        Assert.Equal(whole.Pages.Select(Compact), joined.Pages.Select(Compact));
        Assert.Equal(whole.Sizes, joined.Sizes);
        var first = joined.Pages.FindIndex(p => p.Contains("Phụ lục I", StringComparison.Ordinal));
        var second = joined.Pages.FindIndex(p => p.Contains("Phụ lục II", StringComparison.Ordinal));
        Assert.True(first >= 2 && second - first >= 3 && joined.Pages.Count - second >= 2, $"appendices at pages {first + 1} and {second + 1} of {joined.Pages.Count}");
        Assert.Equal("2", TopLine(joined.Pages[1]));
        Assert.Equal("Phụ lục I", TopLine(joined.Pages[first]));
        Assert.Equal(Enumerable.Range(2, second - first - 1).Select(n => n.ToString(CultureInfo.InvariantCulture)), joined.Pages[(first + 1)..second].Select(TopLine));
        Assert.Equal("Phụ lục II", TopLine(joined.Pages[second]));
        Assert.Equal(Enumerable.Range(2, joined.Pages.Count - second - 1).Select(n => n.ToString(CultureInfo.InvariantCulture)), joined.Pages[(second + 1)..].Select(TopLine));
    }

    private static string TopLine(string page) => page.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);

    /// <summary>
    /// A per-unit table like a consolidated report's Appendix I: STT, a unit's name long enough to wrap, six figures
    /// with long headers; marks "Mở…"/"Cuối…" open and close each name and the first figure is unique per row.
    /// </summary>
    internal static DocumentTable WideTable(int rows)
    {
        List<IReadOnlyList<string>> table =
        [
            ["STT", "Đơn vị", "Số buổi tiếp công dân (buổi)", "Số lượt công dân được tiếp (lượt)", "Số đơn thư tiếp nhận (đơn)", "Số đơn thư đã giải quyết (đơn)", "Số mô hình \"Dân vận khéo\" đăng ký (mô hình)", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn (%)"],
        ];
        for (var i = 1; i <= rows; i++)
        {
            var name = i % 3 == 0
                ? $"Mở{i:000} Chi cục khu vực Hải Lộc Đông thuộc Văn phòng Ủy ban nhân dân tỉnh Cuối{i:000}"
                : $"Mở{i:000} UBND xã Trà Tân Cuối{i:000}";
            table.Add([i.ToString(CultureInfo.InvariantCulture), name, $"{1000 + i}", "1.234", "12", "9", "3", "97,5"]);
        }

        return new DocumentTable(table, [1, 5, 2, 2, 2, 2, 2, 2]);
    }

    internal sealed record RenderedPdf(List<string> Pages, List<(double Width, double Height)> Sizes, double FirstWordTop);

    /// <summary>
    /// Converts the documents with one LibreOffice run (its own profile) and reads each PDF back: the text of every
    /// page, every page's size in points and the top of the first word on page 1. The files are kept as test output.
    /// </summary>
    internal static async Task<Dictionary<string, RenderedPdf>> RenderAsync(IReadOnlyDictionary<string, byte[]> documents)
    {
        var soffice = PdfConverter.FromConfiguration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Assert.True(soffice.IsAvailable, "LibreOffice (soffice) is needed for the rendering tests; test.sh installs it.");
        var folder = RenderFolder();
        Directory.CreateDirectory(folder);
        var profile = Directory.CreateTempSubdirectory("danvan-render");
        try
        {
            foreach (var (name, docx) in documents)
            {
                File.Delete(Path.Combine(folder, name + ".pdf"));
                await File.WriteAllBytesAsync(Path.Combine(folder, name + ".docx"), docx);
            }

            var (code, _, _) = await ExternalTool.RunAsync("soffice", [.. ExternalTool.LibreOfficeHeadless(profile.FullName), "--convert-to", "pdf", "--outdir", folder, .. documents.Keys.Select(n => Path.Combine(folder, n + ".docx"))], TimeSpan.FromMinutes(2), default);
            Assert.Equal(0, code);
            var result = new Dictionary<string, RenderedPdf>();
            foreach (var name in documents.Keys)
            {
                result[name] = await ReadAsync(Path.Combine(folder, name + ".pdf"));
            }

            return result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>A PDF made elsewhere, kept as test output and read back like <see cref="RenderAsync"/>'s.</summary>
    private static async Task<RenderedPdf> ReadAsync(string name, byte[] content)
    {
        var folder = RenderFolder();
        Directory.CreateDirectory(folder);
        var pdf = Path.Combine(folder, name + ".pdf");
        await File.WriteAllBytesAsync(pdf, content);
        return await ReadAsync(pdf);
    }

    /// <summary>Where rendered files are kept as test output.</summary>
    private static string RenderFolder() =>
        Path.Combine(Environment.GetEnvironmentVariable("DANVAN_TEST_OUTPUT") is { Length: > 0 } output ? Path.GetFullPath(output) : AppContext.BaseDirectory, "render");

    private static async Task<RenderedPdf> ReadAsync(string pdf)
    {
        var (_, text, _) = await ExternalTool.RunAsync("pdftotext", ["-layout", pdf, "-"], TimeSpan.FromMinutes(1), default);
        var (_, info, _) = await ExternalTool.RunAsync("pdfinfo", ["-f", "1", "-l", "9999", pdf], TimeSpan.FromMinutes(1), default);
        var (_, boxes, _) = await ExternalTool.RunAsync("pdftotext", ["-f", "1", "-l", "1", "-bbox", pdf, "-"], TimeSpan.FromMinutes(1), default);
        var pages = text.Split('\f').ToList();
        pages.RemoveAt(pages.Count - 1);
        var sizes = PageSize().Matches(info).Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        var top = double.Parse(WordTop().Match(boxes).Groups[1].Value, CultureInfo.InvariantCulture);
        return new RenderedPdf(pages, sizes, top);
    }

    /// <summary>A page's text without white space: justified lines come out of pdftotext with spaces inside words.</summary>
    private static string Compact(string page) => Regex.Replace(page, @"\s+", "");

    private static List<string> Words(string page) => page.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList();

    [GeneratedRegex(@"Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSize();

    [GeneratedRegex(@"<word xMin=""[\d.]+"" yMin=""([\d.]+)""")]
    private static partial Regex WordTop();

    /// <summary>The table's header on a page: "STT" and "Đơn vị" on one line.</summary>
    [GeneratedRegex(@"STT\s+Đơn vị")]
    private static partial Regex HeaderLine();
}
