using DanVan.Core.Citations;
using DanVan.Core.Decree30;
using DanVan.Core.Demo;
using DanVan.Core.Export;
using DanVan.Core.Import;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using DanVan.Core.Text;
using DanVan.Core.Word;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace DanVan.Tests.Documents;

/// <summary>
/// The Decree 30/2020 layout of an exported report, read back from the .docx: page, margins, fonts, header table,
/// paragraphs, footnotes, "Nơi nhận", signature and page numbers; and the round trip through the importer.
/// </summary>
[Trait("Database", "none")]
public sealed class DocxWriterTests
{
    /// <summary>The real Q1/2025 report of UBND xã Trà Tân (seed 004) with two figures, issued as 05/BC-UBND on 05/3/2025.</summary>
    internal static Report SeedReport()
    {
        var parsed = SeedReportParser.Parse(DemoData.ReadSeed("tratan-2025-Q1.txt"));
        return new Report
        {
            Period = "2025-Q1",
            Title = parsed.Title,
            Sections = parsed.Sections.Select((s, i) => new ReportSection { Key = s.Key, Heading = s.Heading, Level = s.Level, Order = i, Text = s.Text }).ToList(),
            Figures =
            [
                new ReportFigure { Order = 0, Name = "Số buổi tiếp công dân", Value = 12, UnitOfMeasure = "buổi" },
                new ReportFigure { Order = 1, Name = "Số đơn thư tiếp nhận", Value = 1234.5m, UnitOfMeasure = "đơn" },
            ],
        };
    }

    internal static OfficialDocument Document(Report report) => new()
    {
        IssuingBody = ["ỦY BAN NHÂN DÂN", "XÃ TRÀ TÂN"],
        Number = "05/BC-UBND",
        Place = "Trà Tân",
        Date = new DateOnly(2025, 3, 5),
        Year = 2025,
        Summary = report.Title,
        Addressees = ["Ủy ban nhân dân huyện Trà Bồng"],
        Body = ReportExportService.Body(report),
        Recipients = ["Như trên", "Thường trực Đảng ủy xã"],
        Filing = "VT, VP",
        Signer = Signature.For(UnitKind.Commune, "Phó Chủ tịch", "Đinh Văn Sơn"),
    };

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), false);

    private static string Text(DocumentFormat.OpenXml.OpenXmlElement e) => string.Concat(e.Descendants<W.Text>().Select(t => t.Text));

    [Fact]
    public void Write_TextWithCharactersXmlForbids_StillWritesTheReport()
    {
        var report = SeedReport();
        report.Sections[1].Text = "Tiếp công dân\u000Bđịnh kỳ\u0001 hằng tháng\uFFFE.";
        report.Figures[0].Name = "Số buổi\u0002 tiếp công dân";

        using var doc = Open(DocxWriter.Write(Document(report)));

        var body = Text(doc.MainDocumentPart!.Document.Body!);
        Assert.Contains("định kỳ hằng tháng.", body, StringComparison.Ordinal);
        Assert.Contains("Số buổi tiếp công dân", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Quyền Giám đốc", "Q. GIÁM ĐỐC")]
    [InlineData("Phó Chủ tịch", "KT. CHỦ TỊCH")]
    public void Signer_TitleTypedDecomposed_ReadAsComposed(string title, string expected)
    {
        var signer = Signature.For(UnitKind.Department, title.Normalize(System.Text.NormalizationForm.FormD), "Nguyễn Văn A");

        Assert.Contains(expected, signer.Authority.Append(signer.Title));
    }

    [Fact]
    public void Write_SeedReport_IsValidOpenXml()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));

        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Write_Page_IsA4WithDecree30MarginsAndPageNumbersFromPageTwo()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));
        var main = doc.MainDocumentPart!;
        var section = main.Document.Body!.Elements<W.SectionProperties>().Single();

        var size = section.GetFirstChild<W.PageSize>()!;
        var margin = section.GetFirstChild<W.PageMargin>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        Assert.InRange(margin.Top!.Value, 1134, 1417);      // 20–25 mm
        Assert.InRange(margin.Bottom!.Value, 1134, 1417);
        Assert.InRange(margin.Left!.Value, 1701u, 1984u);    // 30–35 mm
        Assert.InRange(margin.Right!.Value, 850u, 1134u);    // 15–20 mm
        Assert.NotNull(section.GetFirstChild<W.TitlePage>());
        var headers = section.Elements<W.HeaderReference>().ToDictionary(h => h.Type!.Value, h => (HeaderPart)main.GetPartById(h.Id!));
        Assert.Contains("PAGE", headers[W.HeaderFooterValues.Default].Header.InnerText, StringComparison.Ordinal);
        Assert.Equal(W.JustificationValues.Center, headers[W.HeaderFooterValues.Default].Header.Descendants<W.Justification>().Single().Val!.Value);
        Assert.Empty(headers[W.HeaderFooterValues.First].Header.Descendants<W.FieldCode>());
    }

    [Fact]
    public void Write_Fonts_TimesNewRomanWithPrescribedSizes()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));
        var defaults = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var runs = doc.MainDocumentPart.Document.Body!.Descendants<W.Run>().Where(r => r.GetFirstChild<W.Text>() is not null).ToList();

        Assert.Equal("Times New Roman", defaults.RunFonts!.Ascii!.Value);
        Assert.Equal("Times New Roman", defaults.RunFonts.HighAnsi!.Value);
        Assert.DoesNotContain(runs, r => r.RunProperties?.RunFonts is not null);
        Assert.Equal("28", Size("BÁO CÁO"));
        Assert.True(Run("BÁO CÁO").RunProperties!.Bold is not null);
        Assert.Equal("24", Size(DocxWriter.NationalTitle));
        Assert.Equal("26", Size(DocxWriter.Motto));
        Assert.Equal("24", Size("Nơi nhận:"));
        Assert.True(Run("Nơi nhận:").RunProperties!.Bold is not null && Run("Nơi nhận:").RunProperties!.Italic is not null);
        Assert.Equal("22", Size("- Như trên;"));
        Assert.Equal("22", Size("- Lưu: VT, VP."));
        Assert.Equal("28", Size("Đinh Văn Sơn"));

        W.Run Run(string text) => runs.First(r => r.InnerText == text);
        string Size(string text) => Run(text).RunProperties!.FontSize!.Val!.Value!;
    }

    [Fact]
    public void Write_Header_TwoBorderlessColumnsWithBodiesNumberTitleMottoAndDate()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));
        var table = doc.MainDocumentPart!.Document.Body!.Elements<W.Table>().First();

        Assert.Equal(2, table.GetFirstChild<W.TableGrid>()!.Elements<W.GridColumn>().Count());
        Assert.All(table.GetFirstChild<W.TableProperties>()!.TableBorders!.Elements<W.BorderType>(), b => Assert.Equal(W.BorderValues.None, b.Val!.Value));
        var cells = table.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().ToList()).ToList();
        var left = cells.SelectMany(r => r.Take(1)).SelectMany(c => c.Elements<W.Paragraph>()).Select(Text).Where(t => t.Length > 0).ToList();
        var right = cells.SelectMany(r => r.Skip(1)).SelectMany(c => c.Elements<W.Paragraph>()).Select(Text).Where(t => t.Length > 0).ToList();
        Assert.Equal(["ỦY BAN NHÂN DÂN", "XÃ TRÀ TÂN", "Số: 05/BC-UBND"], left);
        Assert.Equal([DocxWriter.NationalTitle, "Độc lập - Tự do - Hạnh phúc", "Trà Tân, ngày 05 tháng 3 năm 2025"], right);
        var date = table.Descendants<W.Run>().Single(r => r.InnerText.StartsWith("Trà Tân, ngày", StringComparison.Ordinal));
        Assert.NotNull(date.RunProperties!.Italic);
        // The short rule under the issuing body and the rule under the motto: bordered empty paragraphs.
        Assert.Equal(2, table.Descendants<W.ParagraphBorders>().Count());
    }

    [Theory]
    [InlineData(2025, 3, 5, "Trà Tân, ngày 05 tháng 3 năm 2025")]
    [InlineData(2025, 2, 15, "Trà Tân, ngày 15 tháng 02 năm 2025")]
    [InlineData(2025, 1, 9, "Trà Tân, ngày 09 tháng 01 năm 2025")]
    [InlineData(2025, 11, 20, "Trà Tân, ngày 20 tháng 11 năm 2025")]
    public void PlaceAndDate_LeadingZeros_AsDecree30(int y, int m, int d, string expected) =>
        Assert.Equal(expected, DocxWriter.PlaceAndDate("Trà Tân", new DateOnly(y, m, d), y));

    [Fact]
    public void Write_BodyParagraphs_JustifiedWithFirstLineIndentAndSpacing()
    {
        var report = SeedReport();
        using var doc = Open(DocxWriter.Write(Document(report)));
        var body = doc.MainDocumentPart!.Document.Body!.Elements<W.Paragraph>()
            .Where(p => p.ParagraphProperties?.Indentation?.FirstLine is not null)
            .ToList();

        Assert.True(body.Count > 10);
        Assert.All(body, p =>
        {
            Assert.InRange(int.Parse(p.ParagraphProperties!.Indentation!.FirstLine!.Value!, System.Globalization.CultureInfo.InvariantCulture), 567, 720); // 1–1.27 cm
            Assert.True(int.Parse(p.ParagraphProperties.SpacingBetweenLines!.After!.Value!, System.Globalization.CultureInfo.InvariantCulture) >= 120); // ≥ 6 pt
            Assert.Equal(W.JustificationValues.Both, p.ParagraphProperties.Justification!.Val!.Value);
        });
        var headings = body.Where(p => p.ParagraphProperties!.OutlineLevel is not null).Select(Text).ToList();
        Assert.Equal(report.Sections.Where(s => s.Level > 0).Select(s => s.Heading), headings);
    }

    [Fact]
    public void Write_FootnoteLines_BecomeRealWordFootnotes()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));
        var main = doc.MainDocumentPart!;
        var notes = main.FootnotesPart!.Footnotes!.Elements<W.Footnote>().Where(f => f.Id!.Value > 0).ToList();
        var references = main.Document.Body!.Descendants<W.FootnoteReference>().ToList();

        var note = Assert.Single(notes);
        Assert.Contains("Công văn số 50/UBND ngày 06/3/2024", Text(note), StringComparison.Ordinal);
        Assert.Equal(note.Id!.Value, Assert.Single(references).Id!.Value);
        Assert.DoesNotContain(main.Document.Body.Descendants<W.Text>(), t => t.Text.Contains("[1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_FootnotesNumberedFromOneInTwoSections_EachMarkerGetsItsOwnNote()
    {
        var report = SeedReport();
        report.Sections[1].Text = "Thực hiện Kế hoạch[1] của tỉnh.\n[1] Kế hoạch số 50/KH-UBND ngày 15/3/2024";
        report.Sections[2].Text = "Theo Công văn[1] của huyện.\n[1] Công văn số 9372/UBND-VX2 ngày 01/4/2024";
        foreach (var other in report.Sections.Skip(3))
        {
            other.Text = other.Text.Replace("[1]", "", StringComparison.Ordinal);
        }

        using var doc = Open(DocxWriter.Write(Document(report)));

        var main = doc.MainDocumentPart!;
        var notes = main.FootnotesPart!.Footnotes!.Elements<W.Footnote>().Where(f => f.Id!.Value > 0).Select(Text).ToList();
        Assert.Equal(2, notes.Count);
        Assert.Contains("50/KH-UBND", notes[0], StringComparison.Ordinal);
        Assert.Contains("9372/UBND-VX2", notes[1], StringComparison.Ordinal);
        Assert.DoesNotContain(main.Document.Body!.Descendants<W.Text>(), t => t.Text.Contains("[1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Figures_InBorderedTableWithHeaderRow()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));
        var table = doc.MainDocumentPart!.Document.Body!.Elements<W.Table>().Single(t => t.InnerText.Contains("Chỉ tiêu", StringComparison.Ordinal));
        var rows = table.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(Text).ToList()).ToList();

        Assert.Equal(["STT", "Chỉ tiêu", "Số liệu", "Đơn vị tính"], rows[0]);
        Assert.Equal(["2", "Số đơn thư tiếp nhận", "1.234,5", "đơn"], rows[2]);
        Assert.All(table.GetFirstChild<W.TableProperties>()!.TableBorders!.Elements<W.BorderType>(), b => Assert.Equal(W.BorderValues.Single, b.Val!.Value));
    }

    [Fact]
    public void Write_Closing_RecipientsEndWithFilingAndSignatureHasAuthorityTitleName()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));
        var table = doc.MainDocumentPart!.Document.Body!.Elements<W.Table>().Last();
        var cells = table.Descendants<W.TableCell>().Select(c => c.Elements<W.Paragraph>().Select(Text).Where(t => t.Length > 0).ToList()).ToList();

        Assert.Equal(["Nơi nhận:", "- Như trên;", "- Thường trực Đảng ủy xã;", "- Lưu: VT, VP."], cells[0]);
        Assert.Equal(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đinh Văn Sơn"], cells[1]);
    }

    [Theory]
    [InlineData(UnitKind.Commune, "Chủ tịch", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")]
    [InlineData(UnitKind.Commune, "Phó Chủ tịch", "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")]
    [InlineData(UnitKind.Department, "Giám đốc", "", "GIÁM ĐỐC")]
    [InlineData(UnitKind.Department, "Phó Giám đốc", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")]
    [InlineData(UnitKind.Board, "Quyền Giám đốc", "", "Q. GIÁM ĐỐC")]
    [InlineData(UnitKind.Commune, null, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")]
    public void Signer_JobTitle_GivesDecree30Authority(UnitKind kind, string? jobTitle, string authority, string title)
    {
        var signer = Signature.For(kind, jobTitle, "Nguyễn Văn A");

        Assert.Equal(authority, string.Join("|", signer.Authority));
        Assert.Equal(title, signer.Title);
    }

    [Fact]
    public void Read_ExportedReport_GivesBackSectionsFiguresAndCitations()
    {
        var report = SeedReport();
        var document = Document(report);

        var imported = DocxReader.Read(new MemoryStream(DocxWriter.Write(document)));

        Assert.Equal(report.Title, imported.Title);
        Assert.Equal("05/BC-UBND", imported.DocumentNumber);
        Assert.Equal(new DateOnly(2025, 3, 5), imported.Date);
        Assert.Equal("Trà Tân", imported.Place);
        Assert.Equal(["Như trên", "Thường trực Đảng ủy xã", "Lưu: VT, VP"], imported.Recipients);
        Assert.Equal(new ImportedSigner("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đinh Văn Sơn"), imported.Signer);

        // Sections: same headings and levels in order, and each section's paragraphs; the closing "Trên đây …" is the
        // closing, not the end of the last section.
        var expected = Paragraphs(document);
        var last = expected[^1].Item3.Split('\n');
        var closing = last.SkipWhile(l => !l.StartsWith("Trên đây", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(closing);
        expected[^1] = (expected[^1].Item1, expected[^1].Item2, string.Join("\n", last.Take(last.Length - closing.Count)));
        Assert.Equal(closing, imported.Closing);
        var actual = imported.AllSections().Select(s => (s.Heading, s.Level, string.Join("\n", s.Paragraphs))).ToList();
        Assert.Equal(expected, actual);

        Assert.Equal(report.Figures.Select(f => (f.Name, f.Value, f.UnitOfMeasure)), FigureExtractor.FromTables(imported).Select(f => (f.Name, f.Value, f.UnitOfMeasure)));
        var cited = new[] { report.Title }.Concat(report.Sections.SelectMany(s => s.Text.Split('\n')))
            .SelectMany(t => CitationParser.Find(t.StartsWith("[1] ", StringComparison.Ordinal) ? t[4..] : t, imported.Date, LegalRegistry.Default))
            .Select(c => c.Number)
            .Order(StringComparer.Ordinal);
        Assert.Equal(cited, imported.Citations.Select(c => c.Number).Order(StringComparer.Ordinal));
        Assert.Single(imported.Footnotes);
    }

    /// <summary>What the importer should see: (heading, level, paragraphs) per heading, text before the first heading as the untitled intro.</summary>
    private static List<(string, int, string)> Paragraphs(OfficialDocument document)
    {
        var result = new List<(string Heading, int Level, List<string> Lines)>();
        foreach (var block in document.Body)
        {
            switch (block)
            {
                case DocumentHeading h:
                    result.Add((h.Text, h.Level, []));
                    break;
                case DocumentParagraph p:
                    if (result.Count == 0)
                    {
                        result.Add(("", 0, []));
                    }

                    // The importer writes a footnote reference back as the same "[1]" marker, and cleans text as Word shows it.
                    result[^1].Lines.Add(VietnameseText.CleanWordText(VietnameseText.Nfc(p.Text)).Trim());
                    break;
            }
        }

        return result.Select(r => (r.Heading, r.Level, string.Join("\n", r.Lines))).ToList();
    }

    [Fact]
    public void Write_Appendix_OwnPageAfterSignature_LongTableInChunksWithTheirHeader_ValidOpenXml()
    {
        var chunk = DocxWriter.TableChunkRows;
        List<IReadOnlyList<string>> rows = [["STT", "Đơn vị", "Số buổi"], .. Enumerable.Range(1, (2 * chunk) + 100).Select(i => (IReadOnlyList<string>)[$"{i}", $"UBND xã {i}", $"{i * 3}"])];
        var document = Document(SeedReport()) with
        {
            IssuerName = "Ủy ban nhân dân xã Trà Tân",
            Appendices = [new DocumentAppendix("I", "Số liệu của các đơn vị", [new DocumentTable(rows, [1, 5, 2])])],
        };

        using var doc = Open(DocxWriter.Write(document));

        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var blocks = doc.MainDocumentPart!.Document.Body!.ChildElements.ToList();
        var signature = blocks.FindIndex(b => b is W.Table && Text(b).Contains("Nơi nhận:", StringComparison.Ordinal));
        var label = blocks.FindIndex(b => b is W.Paragraph && Text(b) == "Phụ lục I");
        Assert.True(signature > 0 && label == signature + 2, "the appendix starts right after the signature block");
        // The report's section ends under the signature; the appendix's opens a page of its own.
        Assert.NotNull(((W.Paragraph)blocks[signature + 1]).ParagraphProperties!.SectionProperties);
        Assert.Equal(["SỐ LIỆU CỦA CÁC ĐƠN VỊ", "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 3 năm 2025 của Ủy ban nhân dân xã Trà Tân)"], blocks.Skip(label + 1).Take(2).Select(Text));
        var tables = blocks.Skip(label).OfType<W.Table>().ToList();
        Assert.Equal([chunk + 1, chunk + 1, 101], tables.Select(t => t.Elements<W.TableRow>().Count()));
        Assert.All(tables, t => Assert.Equal("STTĐơn vịSố buổi", Text(t.Elements<W.TableRow>().First())));
        Assert.Equal($"UBND xã {(2 * chunk) + 100}", Text(tables[^1].Elements<W.TableRow>().Last().Elements<W.TableCell>().ElementAt(1)));
        // Each chunk after the first opens a page, so its header row is the one at the top of that page.
        Assert.All(tables.Skip(1), t => Assert.NotNull(((W.Paragraph)t.PreviousSibling()!).ParagraphProperties!.PageBreakBefore));
    }

    [Fact]
    public void WriteParts_TheReportThenEachAppendixAlone_EachValidOpenXml()
    {
        var document = Document(SeedReport()) with
        {
            IssuerName = "Ủy ban nhân dân xã Trà Tân",
            Appendices =
            [
                new DocumentAppendix("I", "Số liệu của các đơn vị", [DocxRenderingTests.WideTable(5)]),
                new DocumentAppendix("II", "Danh sách đơn vị", [new DocumentParagraph("UBND xã Trà Tân; UBND xã Trà Bùi.")]),
            ],
        };

        var parts = DocxWriter.WriteParts(document).Select(Open).ToList();

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.Empty(new OpenXmlValidator().Validate(p)));
        var texts = parts.Select(p => p.MainDocumentPart!.Document.Body!.InnerText).ToList();
        Assert.Contains("Nơi nhận:", texts[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Phụ lục", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("Phụ lục ISỐ LIỆU CỦA CÁC ĐƠN VỊ", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("Phụ lục IIDANH SÁCH ĐƠN VỊ", texts[2], StringComparison.Ordinal);
        var orientation = parts.Select(p => p.MainDocumentPart!.Document.Body!.GetFirstChild<W.SectionProperties>()!.GetFirstChild<W.PageSize>()!.Orient!.Value).ToList();
        Assert.Equal([W.PageOrientationValues.Portrait, W.PageOrientationValues.Landscape, W.PageOrientationValues.Portrait], orientation);
        parts.ForEach(p => p.Dispose());
    }

    [Fact]
    public void Write_Tables_HeaderRowRepeatedAndNoRowSplitAcrossPages()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));
        var rows = doc.MainDocumentPart!.Document.Body!.Descendants<W.TableRow>().ToList();
        var figures = doc.MainDocumentPart.Document.Body.Elements<W.Table>().Single(t => t.InnerText.Contains("Chỉ tiêu", StringComparison.Ordinal)).Elements<W.TableRow>().ToList();

        Assert.All(rows, r => Assert.NotNull(r.TableRowProperties?.GetFirstChild<W.CantSplit>()));
        Assert.NotNull(figures[0].TableRowProperties!.GetFirstChild<W.TableHeader>());
        Assert.All(figures.Skip(1), r => Assert.Null(r.TableRowProperties!.GetFirstChild<W.TableHeader>()));
    }

    [Fact]
    public void Write_ClosingParagraph_KeptWithTheSignatureBlock()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));
        var blocks = doc.MainDocumentPart!.Document.Body!.ChildElements.ToList();
        var signature = blocks.FindIndex(b => b is W.Table && Text(b).Contains("Nơi nhận:", StringComparison.Ordinal));

        var closing = Assert.IsType<W.Paragraph>(blocks[signature - 1]);
        Assert.EndsWith("Trà Tân./.", Text(closing), StringComparison.Ordinal);
        Assert.NotNull(closing.ParagraphProperties!.KeepNext);
    }

    [Fact]
    public void Write_IssuingBodyTooLongForItsColumn_WrapsBetweenWordsNeverOneWordAlone()
    {
        var document = Document(SeedReport()) with { ParentBody = "UBND tỉnh Lâm Đồng", IssuingBody = ["Ban Quản lý dự án giao thông"], Number = "12/BC-BQLDAGT" };

        using var doc = Open(DocxWriter.Write(document));

        var left = doc.MainDocumentPart!.Document.Body!.Elements<W.Table>().First().Descendants<W.TableRow>()
            .SelectMany(r => r.Elements<W.TableCell>().Take(1)).SelectMany(c => c.Elements<W.Paragraph>()).Select(Text).Where(t => t.Length > 0);
        Assert.Equal(["UBND TỈNH LÂM ĐỒNG", "BAN QUẢN LÝ DỰ ÁN", "GIAO THÔNG", "Số: 12/BC-BQLDAGT"], left);
    }

    [Theory]
    [InlineData("ỦY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN")]
    [InlineData("XÃ TRÀ TÂN", "XÃ TRÀ TÂN")]
    [InlineData("BAN QUẢN LÝ DỰ ÁN GIAO THÔNG", "BAN QUẢN LÝ DỰ ÁN|GIAO THÔNG")]
    [InlineData("PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT", "PHƯỜNG XUÂN HƯƠNG -|ĐÀ LẠT")]
    [InlineData("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "TRUNG TÂM PHỤC VỤ|HÀNH CHÍNH CÔNG")]
    public void Wrap_HeaderColumn_BreaksAsAClerkWould(string name, string lines) =>
        Assert.Equal(lines.Split('|'), DocxWriter.Wrap(name, 3742, 26, bold: true));

    [Fact]
    public void Write_RuleUnderSummary_SpacedFromTheText()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport())));
        var blocks = doc.MainDocumentPart!.Document.Body!.Elements<W.Paragraph>().ToList();
        var summary = blocks.FindIndex(p => Text(p) == SeedReport().Title);

        var rule = blocks[summary + 1];
        Assert.NotNull(rule.ParagraphProperties!.ParagraphBorders);
        Assert.True(int.Parse(rule.ParagraphProperties.SpacingBetweenLines!.Before!.Value!, System.Globalization.CultureInfo.InvariantCulture) >= 60, "at least 3 pt between the summary and its rule");
    }

    [Fact]
    public void Write_WideAppendixTable_LandscapeSectionWithColumnsSizedForContent()
    {
        var document = Document(SeedReport()) with
        {
            IssuerName = "Ủy ban nhân dân xã Trà Tân",
            Appendices =
            [
                new DocumentAppendix("I", "Số liệu của các đơn vị", [DocxRenderingTests.WideTable(30)]),
                new DocumentAppendix("II", "Danh sách đơn vị", [new DocumentParagraph("UBND xã Trà Tân; UBND xã Trà Bùi.")]),
            ],
        };

        using var doc = Open(DocxWriter.Write(document));

        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var body = doc.MainDocumentPart!.Document.Body!;
        var blocks = body.ChildElements.ToList();
        var breaks = blocks.OfType<W.Paragraph>().Where(p => p.ParagraphProperties?.SectionProperties is not null).ToList();
        var sections = breaks.Select(p => p.ParagraphProperties!.SectionProperties!).Append(body.GetFirstChild<W.SectionProperties>()!).ToList();
        Assert.Equal([W.PageOrientationValues.Portrait, W.PageOrientationValues.Landscape, W.PageOrientationValues.Portrait], sections.Select(s => s.GetFirstChild<W.PageSize>()!.Orient!.Value));
        Assert.Equal((16838u, 11906u), (sections[1].GetFirstChild<W.PageSize>()!.Width!.Value, sections[1].GetFirstChild<W.PageSize>()!.Height!.Value));
        // The report and each appendix number their pages apart (Decree 30), from the second page of each.
        Assert.All(sections, s => Assert.NotNull(s.GetFirstChild<W.TitlePage>()));
        Assert.Null(sections[0].GetFirstChild<W.PageNumberType>());
        Assert.All(sections.Skip(1), s => Assert.Equal(1, s.GetFirstChild<W.PageNumberType>()!.Start!.Value));
        Assert.All(sections, s => Assert.Contains(s.Elements<W.HeaderReference>(), h => h.Type!.Value == W.HeaderFooterValues.Default));

        // The report and its signature end the first section; each appendix opens its section's first page.
        var signature = blocks.FindIndex(b => b is W.Table && Text(b).Contains("Nơi nhận:", StringComparison.Ordinal));
        Assert.Equal(signature + 1, blocks.IndexOf(breaks[0]));
        var first = (W.Paragraph)blocks.First(b => Text(b) == "Phụ lục I");
        var second = (W.Paragraph)blocks.First(b => Text(b) == "Phụ lục II");
        Assert.Null(first.ParagraphProperties!.PageBreakBefore);
        Assert.Null(second.ParagraphProperties!.PageBreakBefore);

        var table = blocks.OfType<W.Table>().Single(t => t.InnerText.Contains("Mở001", StringComparison.Ordinal));
        var widths = table.GetFirstChild<W.TableGrid>()!.Elements<W.GridColumn>().Select(g => int.Parse(g.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(DocxWriter.LandscapeTextWidth, widths.Sum());
        Assert.InRange(widths[0], 600, 1000);   // "STT" on one line, no wider
        Assert.Equal(widths.Max(), widths[1]);  // the units' names get the room
        var row = table.Elements<W.TableRow>().ElementAt(1).Elements<W.TableCell>().Select(c => c.Descendants<W.Justification>().SingleOrDefault()?.Val?.Value ?? W.JustificationValues.Left).ToList();
        Assert.Equal(W.JustificationValues.Center, row[0]);
        Assert.Equal(W.JustificationValues.Left, row[1]);
        Assert.All(row.Skip(2), j => Assert.Equal(W.JustificationValues.Right, j));
    }

    [Fact]
    public void Write_SeveralAddressees_OneParagraphEachBodyOnALineAlignedAfterKinhGui()
    {
        using var doc = Open(DocxWriter.Write(Document(SeedReport()) with { Addressees = ["Bộ Nội vụ", "Ban Dân vận Tỉnh ủy"] }));

        var block = doc.MainDocumentPart!.Document.Body!.Elements<W.Paragraph>().Single(p => Text(p).StartsWith("Kính gửi:", StringComparison.Ordinal));
        Assert.Equal(["Kính gửi:", "\t", "- Bộ Nội vụ;", "\n", "- Ban Dân vận Tỉnh ủy."], block.Elements<W.Run>().Select(r => r.GetFirstChild<W.TabChar>() is not null ? "\t" : r.GetFirstChild<W.Break>() is not null ? "\n" : Text(r)));
        var indent = block.ParagraphProperties!.Indentation!;
        Assert.True(int.Parse(indent.Hanging!.Value!, System.Globalization.CultureInfo.InvariantCulture) > 0, "the list starts after \"Kính gửi:\" on every line");
        Assert.Equal(W.JustificationValues.Left, block.ParagraphProperties.Justification?.Val?.Value ?? W.JustificationValues.Left);
    }

    [Fact]
    public void Columns_FiguresNotAnsweredYet_SizedByTheirHeadersAndFitPortrait()
    {
        var table = new DocumentTable(
            [["STT", "Đơn vị", "Số lượt tiếp công dân (lượt)", "Số đơn thư tiếp nhận (đơn)", "Tỷ lệ đơn thư đã giải quyết (%)", "Mô hình \"Dân vận khéo\" tiêu biểu"], ["1", "Ban Quản lý dự án giao thông tỉnh Lâm Đồng", "", "", "", ""]],
            [1, 5, 2, 2, 2, 2]);

        var (widths, fits) = DocxWriter.Columns(table, DocxWriter.TextWidth);

        Assert.True(fits);
        Assert.Equal(widths.Max(), widths[1]);
    }

    [Fact]
    public void Columns_UnitBesideWhatItWrote_TheTextGetsMostOfThePage()
    {
        var said = string.Concat(Enumerable.Repeat("UBND xã đã đưa 6 tin, bài lên trang thông tin điện tử và nhóm Zalo của xã. ", 6));
        var table = new DocumentTable([["STT", "Đơn vị", "Nội dung"], ["1", "Ban khu vực Đông Dương Đông thuộc Ban Quản lý các khu công nghiệp", said]], [1, 4, 10]);

        var (widths, fits) = DocxWriter.Columns(table, DocxWriter.TextWidth);

        Assert.True(fits);
        Assert.True(widths[2] >= 2 * widths[1], $"unit {widths[1]}, text {widths[2]} twips");
    }

    [Fact]
    public void Columns_FewNumberColumns_FitPortrait_ManyDoNot()
    {
        Assert.True(DocxWriter.Columns(new DocumentTable([["STT", "Chỉ tiêu", "Số liệu", "Đơn vị tính"], ["1", "Số buổi tiếp công dân", "12", "buổi"]], [1, 7, 2, 2]), DocxWriter.TextWidth).Fits);
        Assert.False(DocxWriter.Columns(DocxRenderingTests.WideTable(3), DocxWriter.TextWidth).Fits);
        Assert.True(DocxWriter.Columns(DocxRenderingTests.WideTable(3), DocxWriter.LandscapeTextWidth).Fits);
    }

    [Fact]
    public async Task Render_SeedReport_PdfAndPngPagesKeptAsTestOutput()
    {
        var converter = PdfConverter.FromConfiguration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Assert.True(converter.IsAvailable, "LibreOffice (soffice) is needed for the rendering test; test.sh installs it.");
        var folder = Environment.GetEnvironmentVariable("DANVAN_TEST_OUTPUT") is { Length: > 0 } output
            ? Path.Combine(Path.GetFullPath(output), "export")
            : Path.Combine(AppContext.BaseDirectory, "export");
        Directory.CreateDirectory(folder);
        var docx = DocxWriter.Write(Document(SeedReport()));
        await File.WriteAllBytesAsync(Path.Combine(folder, "tratan-2025-Q1.docx"), docx);

        var pdf = await converter.ConvertAsync(docx);

        var pdfPath = Path.Combine(folder, "tratan-2025-Q1.pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf);
        foreach (var old in Directory.EnumerateFiles(folder, "tratan-2025-Q1-*.png"))
        {
            File.Delete(old);
        }

        Assert.Equal(0, (await ExternalTool.RunAsync("pdftoppm", ["-r", "60", "-png", pdfPath, Path.Combine(folder, "tratan-2025-Q1")], TimeSpan.FromMinutes(1), default)).ExitCode);
        var pages = Directory.EnumerateFiles(folder, "tratan-2025-Q1-*.png").Order(StringComparer.Ordinal).ToList();
        Assert.True(pages.Count >= 2, $"expected at least 2 pages, got {pages.Count}");
        var text = Path.Combine(folder, "tratan-2025-Q1.txt");
        Assert.Equal(0, (await ExternalTool.RunAsync("pdftotext", ["-layout", pdfPath, text], TimeSpan.FromMinutes(1), default)).ExitCode);
        var pageTexts = (await File.ReadAllTextAsync(text)).Split('\f');
        Assert.Contains(DocxWriter.NationalTitle, pageTexts[0], StringComparison.Ordinal);
        Assert.Contains("Số: 05/BC-UBND", pageTexts[0], StringComparison.Ordinal);
        Assert.Equal("2", pageTexts[1].Trim().Split('\n')[0].Trim());
        Assert.Contains("Đinh Văn Sơn", pageTexts[pages.Count - 1], StringComparison.Ordinal);
    }
}
