
using DanVan.Core.Decree30;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

/// <summary>
/// Issue 17's real-file readings on <c>tratan-q1.docx</c> (seed 004 typed as a commune does, made by LibreOffice):
/// items typed plain on their own line, the closing sentence, "Kính gửi", the "TM. / KT." signature and the issuer;
/// and the closing worded without "Trên đây" (seed 000).
/// </summary>
public sealed class ImportReadingTests
{
    private static ImportedReport TraTan()
    {
        using var file = File.OpenRead(Fixtures.Import("tratan-q1.docx"));
        return DocxReader.Read(file);
    }

    private static ImportedSection Results(ImportedReport report) => report.Sections.Single(s => s.Heading == "I. KẾT QUẢ THỰC HIỆN");

    [Fact]
    public void Read_PlainNumberedLinesContinuingTheItems_AreHeadings()
    {
        var items = Results(TraTan()).Sections;

        Assert.Equal(["1.", "2.", "3.", "4.", "5."], items.Select(s => s.Heading[..2]));
        Assert.StartsWith("3. Chỉ đạo các phong trào thi đua yêu nước, nhất là phong trào thi đua “Dân vận khéo”", items[2].Heading, StringComparison.Ordinal);
        Assert.StartsWith("4. Tiếp tục tổ chức triển khai", items[3].Heading, StringComparison.Ordinal);
        // Item 2 keeps only its own paragraph; item 3's text is item 3's.
        Assert.Single(items[1].Paragraphs);
        Assert.Equal(3, items[2].Paragraphs.Count);
        Assert.StartsWith("Ủy ban nhân dân xã đã tích cực", items[2].Paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ClosingSentence_IsTheClosingNotATask()
    {
        var report = TraTan();
        var tasks = report.Sections.Single(s => s.Heading.StartsWith("II.", StringComparison.Ordinal));

        Assert.Equal(8, tasks.Paragraphs.Count);
        Assert.DoesNotContain(report.AllSections().SelectMany(s => s.Paragraphs), p => p.StartsWith("Trên đây", StringComparison.Ordinal));
        Assert.Equal(["Trên đây là báo cáo kết quả thực hiện nhiệm vụ công tác dân vận chính quyền quí I, nhiệm vụ quý II năm 2025 của UBND xã Trà Tân./."], report.Closing);
    }

    [Fact]
    public void Read_HeaderAndSignature_KinhGuiKtLineAndOneIssuer()
    {
        var report = TraTan();

        Assert.Equal(["Ủy ban nhân dân huyện Trà Bồng"], report.Addressees);
        Assert.Equal("ỦY BAN NHÂN DÂN XÃ TRÀ TÂN", report.Issuer);
        Assert.Null(report.ParentIssuer);
        Assert.Equal(new ImportedSigner("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hồ Văn Nam"), report.Signer);
    }

    [Fact]
    public void Build_NumberedListInsideAnItem_StaysText()
    {
        // Long enough (over 160 characters) not to be headings by their shape: only "3. after 2." could make one.
        var report = ReportOutline.Build(
        [
            P("I. KẾT QUẢ THỰC HIỆN", bold: true),
            P("1. Công tác lãnh đạo, chỉ đạo: UBND xã ban hành kế hoạch."),
            P("2. Công tác tuyên truyền: UBND xã đã tổ chức:"),
            P("1. Hội nghị quán triệt cho cán bộ, công chức xã được tổ chức vào tháng 1 với sự tham dự của toàn thể cán bộ, lồng ghép trong các buổi sinh hoạt thôn, họp dân và các hội nghị chuyên đề của Mặt trận và các đoàn thể chính trị - xã hội xã."),
            P("2. Tuyên truyền trên hệ thống truyền thanh của xã và các thôn được thực hiện thường xuyên trong cả quý, lồng ghép trong các buổi sinh hoạt thôn, họp dân và các hội nghị chuyên đề của Mặt trận và các đoàn thể chính trị - xã hội xã."),
            P("3. Tuyên truyền qua nhóm Zalo của các thôn được duy trì, cập nhật các văn bản mới của cấp trên kịp thời, lồng ghép trong các buổi sinh hoạt thôn, họp dân và các hội nghị chuyên đề của Mặt trận và các đoàn thể chính trị - xã hội xã."),
            P("Trên đây là kết quả nổi bật của công tác tuyên truyền trong quý."),
            P("II. ĐÁNH GIÁ CHUNG", bold: true),
            P("Công tác dân vận chính quyền được quan tâm."),
        ], []);

        var results = report.Sections.Single(s => s.Level == 1 && s.Heading.StartsWith("I.", StringComparison.Ordinal));
        Assert.Equal(2, results.Sections.Count);
        Assert.Equal(5, results.Sections[1].Paragraphs.Count);
        Assert.StartsWith("Trên đây là kết quả nổi bật", results.Sections[1].Paragraphs[^1], StringComparison.Ordinal);
        Assert.Empty(report.Closing);
    }

    [Fact]
    public void Build_KinhGuiList_EveryAddressee()
    {
        var report = ReportOutline.Build(
        [
            P("BÁO CÁO", bold: true),
            P("Kết quả công tác dân vận chính quyền tháng 3 năm 2025", bold: true),
            P("Kính gửi:"),
            P("- Ban Dân vận Huyện ủy;"),
            P("- Phòng Nội vụ huyện."),
            P("UBND xã Trà Tân báo cáo kết quả như sau:"),
            P("I. KẾT QUẢ THỰC HIỆN", bold: true),
            P("Nội dung."),
        ], []);

        Assert.Equal(["Ban Dân vận Huyện ủy", "Phòng Nội vụ huyện"], report.Addressees);
        Assert.Equal(["UBND xã Trà Tân báo cáo kết quả như sau:"], report.Sections[0].Paragraphs);
    }

    /// <summary>
    /// Seed 004 with its items as Word lists, saved by LibreOffice: a restarted list is a new w:num with a startOverride
    /// on the abstract list of the one it restarts, and the lists it continues share that abstract list. The numbers are
    /// the ones LibreOffice shows (counted per w:num, item 2 read as a second "1.", item 6 as a second "5.", and "4." after
    /// a "2." as text of the item before).
    /// </summary>
    [Fact]
    public void Read_WordListsRestartedByLibreOffice_NumberedAsShown()
    {
        using var file = File.OpenRead(Fixtures.Import("tratan-lists.docx"));
        var report = DocxReader.Read(file);

        var items = Results(report).Sections;
        Assert.Equal(["1.", "2.", "3.", "4.", "5.", "6.", "7."], items.Select(s => s.Heading[..2]));
        Assert.StartsWith("Tăng cường chỉ đạo công tác cải cách hành chính", Assert.Single(items[3].Paragraphs), StringComparison.Ordinal);
        var tasks = report.Sections.Single(s => s.Heading.StartsWith("II.", StringComparison.Ordinal)).Paragraphs;
        Assert.Equal(["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8."], tasks.Select(t => t[..2]));
    }

    /// <summary>Seed 000's closing has no "Trên đây": the last paragraph, ending with "./.", speaking of the report.</summary>
    [Fact]
    public void Build_LastParagraphSigningOffTheReport_IsTheClosingNotATask()
    {
        var report = ReportOutline.Build(Tasks(
            "Tăng cường công tác kiểm tra, thanh tra việc thực hiện các chủ trương, pháp luật của Nhà nước.",
            "Ban Quản lý dự án giao thông tỉnh Lâm Đồng báo cáo kết quả thực hiện công tác dân vận tháng 7/2024 và phương hướng, nhiệm vụ tháng 8/2024, kính đề nghị Sở Nội vụ xem xét và tổng hợp./.",
            "Nơi nhận:",
            "- Sở Nội vụ;"), []);

        Assert.Equal(["Tiếp tục quán triệt các văn bản về công tác dân vận.", "Tăng cường công tác kiểm tra, thanh tra việc thực hiện các chủ trương, pháp luật của Nhà nước."], TasksOf(report).Paragraphs);
        Assert.Single(report.Closing);
        Assert.StartsWith("Ban Quản lý dự án giao thông tỉnh Lâm Đồng báo cáo", report.Closing[0], StringComparison.Ordinal);
    }

    /// <summary>A last task ends with "./." too: numbered, bulleted, not speaking of the report, or not last, it stays a task.</summary>
    [Theory]
    [InlineData("3. Thực hiện chế độ báo cáo định kỳ đúng thời gian quy định./.")]
    [InlineData("- Thực hiện chế độ báo cáo định kỳ đúng thời gian quy định./.")]
    [InlineData("Tổ chức tốt các buổi tiếp công dân, giải quyết kịp thời đơn thư của Nhân dân./.")]
    public void Build_LastTaskEndingTheText_StaysATask(string last)
    {
        var report = ReportOutline.Build(Tasks(last), []);

        Assert.Equal(last, TasksOf(report).Paragraphs[^1]);
        Assert.Empty(report.Closing);
    }

    [Fact]
    public void Build_SignOffFollowedByMoreText_StaysText()
    {
        var report = ReportOutline.Build(Tasks("Thực hiện chế độ báo cáo định kỳ đúng thời gian quy định./.", "Phối hợp với Mặt trận Tổ quốc xã."), []);

        Assert.Equal(3, TasksOf(report).Paragraphs.Count);
        Assert.Empty(report.Closing);
    }

    private static List<Block> Tasks(params string[] after) =>
    [
        P("I. KẾT QUẢ THỰC HIỆN", bold: true),
        P("1. Công tác lãnh đạo, chỉ đạo: UBND xã ban hành kế hoạch."),
        P("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 8/2024", bold: true),
        P("Tiếp tục quán triệt các văn bản về công tác dân vận."),
        .. after.Select(t => P(t)),
    ];

    private static ImportedSection TasksOf(ImportedReport report) => report.Sections.Single(s => s.Heading.StartsWith("III.", StringComparison.Ordinal));

    private static ParagraphBlock P(string text, bool bold = false) => new(text, null, bold, null, false);
}
