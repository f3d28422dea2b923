using System.Text.Json;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Import;
using DanVan.Core.Reports;
using DanVan.Core.Word;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// "Nhập từ file Word" as the page, the API and the CLI drive it: the file is read once at preview and staged with what
/// was read; the choices, by id, are applied to that reading; the edit rules and the version check are the reports'.
/// </summary>
[Collection(CoreCollection.Name)]
public sealed class ReportImportServiceTests(CoreFixture core)
{
    private const string HeaderTable = "header-table.docx";

    private async Task<(int ReportId, Actor Staff, int Commune, int Snv)> DraftAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: Core.OrgUnits.UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, Core.OrgUnits.UnitKind.Department);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        var staff = CoreFixture.As(commune, Roles.Staff);
        var id = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff));
        return (id, staff, commune, snv);
    }

    private static ImportFile File(string fixture)
    {
        var path = Fixtures.Import(fixture);
        return new ImportFile("bao-cao.docx", new FileInfo(path).Length, () => System.IO.File.OpenRead(path));
    }

    private Task<ImportPreview> PreviewAsync(int id, Actor actor, string fixture = HeaderTable) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportImportService>().PreviewAsync(id, File(fixture), actor));

    private Task<ImportApplied> ApplyAsync(int id, string? token, ImportChoices choices, Actor actor) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportImportService>().ApplyAsync(id, token, choices, actor));

    private Task<Report> GetAsync(int id, Actor actor) => core.RunAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, actor));

    private static ImportChoices SkipAll(ImportPreview preview) => new() { Targets = preview.Sections.ToDictionary(s => s.Id, _ => ReportImportService.Skip), Figures = [] };

    /// <summary>A reading made by hand: one section whose table holds <paramref name="figures"/> as name | value | unit rows.</summary>
    internal static ImportedReport Reading(params (string Name, string Value, string Unit)[] figures) => new()
    {
        Title = "Báo cáo kết quả công tác dân vận chính quyền quý I năm 2025",
        Sections = [new ImportedSection { Heading = "I. KẾT QUẢ THỰC HIỆN", Level = 1, Paragraphs = ["Nội dung."], Tables = [[.. figures.Select(f => new List<string> { f.Name, f.Value, f.Unit })]] }],
    };

    internal static Task<ImportPreview> StageAsync(CoreFixture core, int id, Actor actor, ImportedReport reading) =>
        core.RunAsync(sp => sp.GetRequiredService<ReportImportService>().StageAsync(id, reading, [0x50, 0x4B], "bao-cao.docx", actor));

    [Fact]
    public async Task ApplyAsync_StagedBytesNoLongerAWordFile_ImportsTheReadingStoredAtPreview()
    {
        var (id, staff, _, _) = await DraftAsync();
        var preview = await PreviewAsync(id, staff);
        var garbage = "not a Word file"u8.ToArray();
        await using (var db = core.Database.NewContext())
        {
            await db.StagedUploads.Where(s => s.Token == preview.Token).ExecuteUpdateAsync(s => s.SetProperty(x => x.Content, garbage));
        }

        var applied = await ApplyAsync(id, preview.Token, ImportChoices.None, staff);

        var report = await GetAsync(id, staff);
        Assert.Equal(report.Version, applied.Version);
        Assert.StartsWith("Căn cứ văn bản của UBND tỉnh", report.Sections.Single(s => s.Key == "I.1").Text, StringComparison.Ordinal);
        Assert.Contains(report.Figures, f => f.Name == "Số buổi tiếp công dân" && f.Value == 12);
        await using var after = core.Database.NewContext();
        Assert.Equal(garbage, (await after.ReportAttachments.SingleAsync(a => a.ReportId == id)).Content);
        Assert.False(await after.StagedUploads.AnyAsync(s => s.Token == preview.Token));
    }

    [Theory]
    [InlineData(HeaderTable)]
    [InlineData("tratan-q1.docx")]
    [InlineData("tcvn3.docx")]
    [InlineData("tracked-changes.docx")]
    public async Task ReviewAsync_StoredReading_SameAsTheFileAsRead(string fixture)
    {
        var (id, staff, _, _) = await DraftAsync();
        ImportedReport direct;
        await using (var stream = System.IO.File.OpenRead(Fixtures.Import(fixture)))
        {
            direct = DocxReader.Read(stream);
        }

        var preview = await PreviewAsync(id, staff, fixture);
        var reviewed = await core.RunAsync(sp => sp.GetRequiredService<ReportImportService>().ReviewAsync(id, preview.Token, ImportChoices.None, staff));

        var json = new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        Assert.Equal(JsonSerializer.Serialize(direct, json), JsonSerializer.Serialize(reviewed.Read, json));
        Assert.Equal(preview.Sections.Select(s => (s.Id, s.Target)), reviewed.Sections.Select(s => (s.Id, s.Target)));
        Assert.Equal(direct.Warnings, reviewed.Warnings);
    }

    [Fact]
    public async Task ApplyAsync_ChoicesById_SplitSectionAddedSkippedSectionEmptyOneFigure()
    {
        var (id, staff, _, _) = await DraftAsync();
        var preview = await PreviewAsync(id, staff);
        var item3 = preview.Sections.Single(s => s.Section.Heading.StartsWith("3. Chỉ đạo các phong trào", StringComparison.Ordinal));
        var item7 = preview.Sections.Single(s => s.Section.Heading.StartsWith("7. Công tác phối hợp", StringComparison.Ordinal));
        var split = ImportPreview.ParagraphId(preview.Paragraphs.Select((p, i) => (p, i)).Where(x => ImportPreview.SectionId(x.p.Section) == item3.Id).Skip(2).First().i);
        var reception = preview.Figures.Single(f => f.Figure.Name == "Số buổi tiếp công dân");
        Assert.True(preview.Figures.Count > 1, "the file's table has more than one figure");

        await ApplyAsync(id, preview.Token, new ImportChoices
        {
            Paragraphs = new Dictionary<string, string> { [split] = ImportCorrections.Split },
            Targets = new Dictionary<string, string> { [split] = ReportImportService.NewSection, [item7.Id] = ReportImportService.Skip },
            Figures = [reception.Id],
        }, staff);

        var report = await GetAsync(id, staff);
        var splitText = preview.Paragraphs[int.Parse(split[1..], System.Globalization.CultureInfo.InvariantCulture)].Text;
        var added = Assert.Single(report.Sections, s => s.Key.StartsWith('N'));
        Assert.StartsWith(added.Heading, splitText, StringComparison.Ordinal);
        Assert.DoesNotContain(splitText, report.Sections.Single(s => s.Key == item3.Target).Text, StringComparison.Ordinal);
        Assert.Equal("", report.Sections.Single(s => s.Key == item7.Matched).Text);
        Assert.Equal(["Số buổi tiếp công dân"], report.Figures.Select(f => f.Name));
    }

    [Theory]
    [InlineData("paragraph", "p9999")]
    [InlineData("section", "s9999")]
    [InlineData("figure", "f9999")]
    public async Task ApplyAsync_IdNotInTheFile_RefusedNothingSaved(string kind, string id)
    {
        var (reportId, staff, _, _) = await DraftAsync();
        var preview = await PreviewAsync(reportId, staff);
        var choices = kind switch
        {
            "paragraph" => new ImportChoices { Paragraphs = new Dictionary<string, string> { [id] = ImportCorrections.Split } },
            "section" => new ImportChoices { Targets = new Dictionary<string, string> { [id] = ReportImportService.Skip } },
            _ => new ImportChoices { Figures = [id] },
        };

        var error = await Assert.ThrowsAsync<DomainException>(() => ApplyAsync(reportId, preview.Token, choices, staff));

        Assert.Contains($"\"{id}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(kind, error.English, StringComparison.Ordinal);
        Assert.Equal(preview.ReportVersion, (await GetAsync(reportId, staff)).Version);
    }

    [Fact]
    public async Task ApplyAsync_AnotherUsersOrReportsTokenOrUsedOnce_Gone()
    {
        var (id, staff, commune, _) = await DraftAsync();
        var colleague = CoreFixture.As(commune, Roles.Staff, "dong-nghiep");
        var other = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q2" }, staff));
        var preview = await PreviewAsync(id, staff);

        await Assert.ThrowsAsync<StagedFileGoneException>(() => ApplyAsync(id, preview.Token, ImportChoices.None, colleague));
        await Assert.ThrowsAsync<StagedFileGoneException>(() => ApplyAsync(other, preview.Token, ImportChoices.None, staff));
        await ApplyAsync(id, preview.Token, SkipAll(preview), staff);
        await Assert.ThrowsAsync<StagedFileGoneException>(() => ApplyAsync(id, preview.Token, SkipAll(preview), staff));
    }

    [Fact]
    public async Task ApplyAsync_PreviewedBeforeAColleagueSavedASection_RefusedAndTheSectionKept()
    {
        var (id, staff, _, _) = await DraftAsync();
        var preview = await PreviewAsync(id, staff);
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.1", Text = "Bản của đồng nghiệp", ExpectedVersion = 0 }, staff));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ApplyAsync(id, preview.Token, ImportChoices.None, staff));

        Assert.Equal("Bản của đồng nghiệp", (await GetAsync(id, staff)).Sections.Single(s => s.Key == "I.1").Text);
    }

    [Fact]
    public async Task PreviewAsync_NoFileEmptyOrOverTheLimit_RefusedWithoutReadingIt()
    {
        var (id, staff, _, _) = await DraftAsync();
        static Stream Unread() => throw new InvalidOperationException("the file was read");
        Task<ImportPreview> Preview(ImportFile? file) => core.RunAsync(sp => sp.GetRequiredService<ReportImportService>().PreviewAsync(id, file, staff));

        var none = await Assert.ThrowsAsync<DomainException>(() => Preview(null));
        var empty = await Assert.ThrowsAsync<DomainException>(() => Preview(new ImportFile("rong.docx", 0, Unread)));
        var large = await Assert.ThrowsAsync<FileTooLargeException>(() => Preview(new ImportFile("lon.docx", ReportImportService.MaxFileBytes + 1, Unread)));

        Assert.Contains("Chọn tệp Word", none.Message, StringComparison.Ordinal);
        Assert.Contains("rỗng (0 byte)", empty.Message, StringComparison.Ordinal);
        Assert.StartsWith("Tệp lớn hơn 20 MB", large.Message, StringComparison.Ordinal);
        await using var db = core.Database.NewContext();
        Assert.False(await db.StagedUploads.AnyAsync(s => s.ReportId == id));
    }

    [Fact]
    public async Task PreviewAsync_CorruptFile_RefusedNamingTheReason()
    {
        var (id, staff, _, _) = await DraftAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => PreviewAsync(id, staff, "truncated.docx"));

        Assert.Contains("bị hỏng hoặc tải lên chưa hết", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot read \"bao-cao.docx\"", error.English, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewAsync_ConsolidatorOnTheUnitsSubmittedReport_ForbiddenAsEveryEdit()
    {
        var (id, _, commune, snv) = await DraftAsync();
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, CoreFixture.As(commune, Roles.Leader)));

        await Assert.ThrowsAsync<ForbiddenException>(() => PreviewAsync(id, CoreFixture.As(snv, Roles.Consolidator)));
    }

    [Fact]
    public async Task ApplyAsync_SameFiguresAgain_UpdatedNotDuplicated_OverTheLimitRefused()
    {
        var (id, staff, _, _) = await DraftAsync();
        async Task ImportAsync(params (string, string, string)[] figures)
        {
            var preview = await StageAsync(core, id, staff, Reading(figures));
            await ApplyAsync(id, preview.Token, SkipAll(preview) with { Figures = null }, staff);
        }

        await ImportAsync(("Số buổi tiếp công dân", "12", "buổi"), ("Đơn thư tiếp nhận", "3", "đơn"));
        await ImportAsync(("số buổi tiếp công dân ", "14", "buổi"), ("Mô hình Dân vận khéo", "2", "mô hình"));

        var figures = (await GetAsync(id, staff)).Figures;
        Assert.Equal([("Số buổi tiếp công dân", 14m), ("Đơn thư tiếp nhận", 3m), ("Mô hình Dân vận khéo", 2m)], figures.Select(f => (f.Name, f.Value)));
        var many = Enumerable.Range(0, ReportService.MaxFigures - 2).Select(i => ($"Chỉ tiêu {i}", $"{i + 1}", "")).ToArray();
        var full = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(many));
        Assert.Contains($"tối đa {ReportService.MaxFigures}", full.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await GetAsync(id, staff)).Figures.Count);
    }

    [Fact]
    public async Task ApplyAsync_FootnotesCited_KeptAsNoteLinesOfTheirSection()
    {
        var (id, staff, _, _) = await DraftAsync();
        var preview = await PreviewAsync(id, staff);

        await ApplyAsync(id, preview.Token, new ImportChoices { Targets = preview.Sections.ToDictionary(s => s.Id, _ => ReportImportService.NewSection), Figures = [] }, staff);

        var citing = Assert.Single((await GetAsync(id, staff)).Sections, s => s.Text.Contains("[1]", StringComparison.Ordinal));
        Assert.EndsWith("\n[1] Công văn số 50/UBND ngày 06/3/2024 của UBND xã V/v tiếp tục thực hiện số hóa hồ sơ", citing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportWarning_EveryCode_SaidInVietnameseAndInEnglish()
    {
        var missing = new ImportWarning(ImportWarningCode.StandardSectionMissing, "II. Đánh giá chung");

        Assert.Equal("Không thấy mục chuẩn \"II. Đánh giá chung\" trong tệp.", missing.Text(english: false));
        Assert.Equal("The standard section \"II. Đánh giá chung\" was not found.", missing.Text(english: true));
        Assert.Equal(missing.English, missing.ToString());
        foreach (var code in Enum.GetValues<ImportWarningCode>())
        {
            var warning = new ImportWarning(code, "x");
            Assert.NotEqual(code.ToString(), warning.Text(english: false));
            Assert.NotEqual(warning.Text(english: false), warning.Text(english: true));
            Assert.DoesNotContain("{0}", warning.Text(english: false), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PreviewAsync_FileWithoutAssessment_WarnsByCodeWithTheSectionsName()
    {
        var (id, staff, _, _) = await DraftAsync();

        var preview = await PreviewAsync(id, staff);

        Assert.Contains(new ImportWarning(ImportWarningCode.StandardSectionMissing, "II. Đánh giá chung"), preview.Warnings);
    }
}
