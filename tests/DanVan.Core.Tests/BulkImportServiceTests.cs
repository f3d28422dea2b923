using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Consolidation;
using DanVan.Core.Data;
using DanVan.Core.Import;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// "Nhập báo cáo các đơn vị gửi bằng file Word" on the real engine: tests/fixtures/import/bulk holds March 2025 reports
/// of xã An Bình (header table, 17/3), xã Hòa Phú (no header, 24/3), xã Sơn Trà (under huyện Sơn Hà), phường Cẩm Thành
/// and a transport project board, and An Bình's February report.
/// </summary>
[Collection(CoreCollection.Name)]
public sealed class BulkImportServiceTests(CoreFixture core)
{
    private sealed record Province(int Id, int Snv, int SonHa, int AnBinh, int HoaPhu, int SonTra, int Board, int PlanId, Actor Consolidator)
    {
        public string Code { get; init; } = "";
    }

    /// <summary>
    /// A province whose monthly plan (2025-01 onwards unless <paramref name="last"/>, deadline day 20, so 20/3/2025 for
    /// March) asks for the two citizen-reception figures; communes An Bình under huyện Trà Bồng, Hòa Phú, Sơn Trà under
    /// huyện Sơn Hà, and the transport project board. Today is 10/4/2025.
    /// </summary>
    private async Task<Province> ArrangeAsync(int? lockAfterDays = null, string? last = null)
    {
        core.Clock.Now = new DateTimeOffset(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);
        var code = CoreFixture.Code("P");
        var province = await AddUnitAsync(code, "Ủy ban nhân dân tỉnh Thử", UnitKind.Province, null);
        var snv = await AddUnitAsync(code + "-SNV", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var traBong = await AddUnitAsync(code + "-TB", "Ủy ban nhân dân huyện Trà Bồng", UnitKind.District, province);
        var sonHa = await AddUnitAsync(code + "-SH", "Ủy ban nhân dân huyện Sơn Hà", UnitKind.District, province);
        var anBinh = await AddUnitAsync(code + "-ANBINH", "Ủy ban nhân dân xã An Bình", UnitKind.Commune, traBong);
        var hoaPhu = await AddUnitAsync(code + "-HOAPHU", "Ủy ban nhân dân xã Hòa Phú", UnitKind.Commune, province);
        var sonTra = await AddUnitAsync(code + "-SONTRA", "Ủy ban nhân dân xã Sơn Trà", UnitKind.Commune, sonHa);
        var board = await AddUnitAsync(code + "-BQLDA", "Ban Quản lý dự án giao thông tỉnh Lâm Đồng", UnitKind.Board, province);
        var consolidator = CoreFixture.As(snv, Roles.Consolidator, "snv." + code.ToLowerInvariant());
        var planId = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2024, 12, 21)) with
            {
                Number = "42/KH-UBND",
                Summary = "Công tác dân vận chính quyền năm 2025",
                PeriodType = PeriodType.Month,
                FirstPeriod = "2025-01",
                LastPeriod = last,
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                LockAfterDays = lockAfterDays,
                Figures = [new PlanFigureInput("Số lượt tiếp công dân", "lượt", FigureKind.WholeNumber, Rollup.Sum), new PlanFigureInput("Số đơn thư tiếp nhận", "đơn", FigureKind.WholeNumber, Rollup.Sum)],
            },
            consolidator));
        return new Province(province, snv, sonHa, anBinh, hoaPhu, sonTra, board, planId, consolidator) { Code = code };
    }

    private Task<int> AddUnitAsync(string code, string name, UnitKind kind, int? parent, int? consolidatesFor = null) =>
        core.RunAsync(sp => sp.GetRequiredService<OrgUnitService>().CreateAsync(
            new CreateUnit { Code = code, Name = name, Kind = kind, PlaceName = name, ParentId = parent, ConsolidatesForId = consolidatesFor, ValidFrom = new DateOnly(2020, 1, 1) },
            CoreFixture.Admin));

    private static ImportFile Bulk(string name) => File(Fixtures.Import("bulk/" + name), name);

    private static ImportFile File(string path, string? name = null) =>
        new(name ?? Path.GetFileName(path), new FileInfo(path).Length, () => System.IO.File.OpenRead(path));

    private Task<BulkImportResult> ImportAsync(Province p, Actor actor, IReadOnlyList<ImportFile> files, ImportedStatus status = ImportedStatus.Draft, IReadOnlyDictionary<string, string>? map = null, string period = "2025-03", int? planId = -1) =>
        core.RunAsync(sp => sp.GetRequiredService<BulkImportService>().ImportAsync(
            new BulkImport { Period = period, PlanId = planId == -1 ? p.PlanId : planId, Files = files, Status = status, UnitCodes = map ?? new Dictionary<string, string>() },
            actor));

    private DanVanDbContext Db() => core.Database.NewContext();

    [Fact]
    public async Task ImportAsync_IssuersNamed_EachUnitsReportOnThePlanOutlineWithFiguresAndOriginal()
    {
        var p = await ArrangeAsync();

        var result = await ImportAsync(p, p.Consolidator, [Bulk("an-binh.docx"), Bulk("hoa-phu.docx"), Bulk("bqlda.docx")]);

        Assert.Equal([ImportOutcome.Created, ImportOutcome.Created, ImportOutcome.Created], result.Files.Select(f => f.Outcome));
        Assert.Equal([p.Code + "-ANBINH", p.Code + "-HOAPHU", p.Code + "-BQLDA"], result.Files.Select(f => f.UnitCode));
        Assert.Equal(("Ủy ban nhân dân xã An Bình", false), (result.Files[0].UnitName, result.PlanExtended));
        await using var db = Db();
        var report = await db.Reports.Include(r => r.Sections).Include(r => r.Figures).Include(r => r.Transitions).SingleAsync(r => r.UnitId == p.AnBinh);
        Assert.Equal(("2025-03", (int?)p.PlanId, ReportStatus.Draft, (DateTime?)null), (report.Period, report.PlanId, report.Status, report.SubmittedAt));
        Assert.StartsWith("Kết quả công tác dân vận chính quyền tháng 3 năm 2025", report.Title, StringComparison.Ordinal);
        var sections = report.Sections.ToDictionary(s => s.Key, s => s.Text);
        Assert.StartsWith("Căn cứ văn bản của UBND tỉnh", sections["I.1"], StringComparison.Ordinal);
        Assert.Contains("tiếp 12 lượt công dân", sections["I.6"], StringComparison.Ordinal);
        Assert.Contains("Chỉ thị số 33/CT-TTg", sections["I.2"], StringComparison.Ordinal);
        Assert.StartsWith("1. Tiếp tục quán triệt", sections["III"], StringComparison.Ordinal);
        var planFigures = await db.PlanFigures.Where(f => f.PlanId == p.PlanId).ToDictionaryAsync(f => f.Name, f => f.Id);
        Assert.Equal(
            [("Số lượt tiếp công dân", 12m, (int?)planFigures["Số lượt tiếp công dân"]), ("Số đơn thư tiếp nhận", 3m, (int?)planFigures["Số đơn thư tiếp nhận"])],
            report.Figures.OrderBy(f => f.Order).Select(f => (f.Name, f.Value, f.PlanFigureId)));
        var history = Assert.Single(report.Transitions);
        Assert.Equal(((ReportStatus?)null, ReportStatus.Draft, p.Consolidator.UserName), (history.FromStatus, history.ToStatus, history.UserName));
        Assert.StartsWith("Nhập từ tệp Word \"an-binh.docx\"", history.Comment, StringComparison.Ordinal);
        var original = await db.ReportAttachments.SingleAsync(a => a.ReportId == report.Id);
        Assert.Equal(await System.IO.File.ReadAllBytesAsync(Fixtures.Import("bulk/an-binh.docx")), original.Content);
        Assert.Equal("an-binh.docx", original.FileName);
        // Found by search like any report's text.
        var i1 = report.Sections.Single(s => s.Key == "I.1").Id;
        Assert.True(await db.SectionSearch.AnyAsync(s => s.SectionId == i1));
    }

    [Fact]
    public async Task ImportAsync_Word97Doc_ConvertedWithLibreOfficeAndKeptAsTheDocxItBecame()
    {
        var p = await ArrangeAsync();

        var result = await ImportAsync(p, p.Consolidator, [Bulk("hoa-phu.doc")]);

        var file = Assert.Single(result.Files);
        Assert.True(file.Outcome == ImportOutcome.Created, file.EnglishReason);
        Assert.Equal(("hoa-phu.doc", p.Code + "-HOAPHU"), (file.File, file.UnitCode));
        await using var db = Db();
        var report = await db.Reports.Include(r => r.Sections).Include(r => r.Figures).SingleAsync(r => r.Id == file.ReportId);
        Assert.Contains("tiếp", report.Sections.Single(s => s.Key == "I.6").Text, StringComparison.Ordinal);
        var original = await db.ReportAttachments.SingleAsync(a => a.ReportId == report.Id);
        Assert.Equal("hoa-phu.docx", original.FileName);
        Assert.Equal("PK"u8.ToArray(), original.Content[..2]); // the .docx LibreOffice made, which is what was read
    }

    [Fact]
    public async Task ImportAsync_MapFile_ChoosesTheUnitAndAUnitOutsideThePlanFails()
    {
        var p = await ArrangeAsync();
        var outsider = await core.AddUnitAsync(CoreFixture.Code("X"));
        string outsiderCode;
        await using (var before = Db())
        {
            outsiderCode = await before.Units.Where(u => u.Id == outsider).Select(u => u.Code).SingleAsync();
        }

        var map = BulkImportService.ParseMap($"file,unitCode\nCAM-THANH.docx,{p.Code.ToLowerInvariant()}-hoaphu\nbao cao/bqlda.docx,{outsiderCode}\n");

        var result = await ImportAsync(p, p.Consolidator, [Bulk("cam-thanh.docx"), Bulk("bqlda.docx")], map: map);

        Assert.Equal((ImportOutcome.Created, p.Code + "-HOAPHU"), (result.Files[0].Outcome, result.Files[0].UnitCode));
        Assert.Equal(ImportOutcome.Failed, result.Files[1].Outcome);
        Assert.Equal($"Đơn vị mã {outsiderCode} không thuộc diện báo cáo tháng 3 năm 2025 theo Kế hoạch số 42/KH-UBND ngày 21/12/2024.", result.Files[1].Reason);
        Assert.Equal($"Unit {outsiderCode} (from the map file) does not report under plan {p.PlanId} for 2025-03.", result.Files[1].EnglishReason);
        await using var db = Db();
        Assert.True(await db.Reports.AnyAsync(r => r.UnitId == p.HoaPhu && r.Period == "2025-03"));
        Assert.False(await db.Reports.AnyAsync(r => r.UnitId == p.Board || r.UnitId == outsider));
    }

    [Fact]
    public async Task ImportAsync_AmbiguousOrUnknownIssuer_ThatFileFailsWithTheReasonOthersGoOn()
    {
        var p = await ArrangeAsync();
        // A second xã Sơn Trà under huyện Sơn Hà: the header's parent line cannot tell the two apart.
        var twin = await AddUnitAsync(p.Code + "-SONTRA2", "Ủy ban nhân dân xã Sơn Trà", UnitKind.Commune, p.SonHa);

        var result = await ImportAsync(p, p.Consolidator, [Bulk("son-tra.docx"), Bulk("cam-thanh.docx"), Bulk("an-binh.docx")]);

        Assert.Equal([ImportOutcome.Failed, ImportOutcome.Failed, ImportOutcome.Created], result.Files.Select(f => f.Outcome));
        Assert.Equal($"Có 2 đơn vị cùng tên \"UBND XÃ SƠN TRÀ\" (Ủy ban nhân dân xã Sơn Trà, mã {p.Code}-SONTRA; Ủy ban nhân dân xã Sơn Trà, mã {p.Code}-SONTRA2); không xác định được đơn vị gửi.", result.Files[0].Reason);
        Assert.Equal($"\"UBND XÃ SƠN TRÀ\" names 2 units ({p.Code}-SONTRA, {p.Code}-SONTRA2); list the file in --map.", result.Files[0].EnglishReason);
        Assert.Equal("Không có đơn vị nào tên \"ỦY BAN NHÂN DÂN PHƯỜNG CẨM THÀNH\" trong các đơn vị phải báo cáo tháng 3 năm 2025 theo Kế hoạch số 42/KH-UBND ngày 21/12/2024.", result.Files[1].Reason);
        await using var db = Db();
        Assert.Equal([p.AnBinh], await db.Reports.Where(r => r.Period == "2025-03" && (r.UnitId == p.AnBinh || r.UnitId == p.SonTra || r.UnitId == twin)).Select(r => r.UnitId).ToListAsync());
    }

    [Fact]
    public async Task ImportAsync_TwoCommunesOfOneName_TheHeadersParentLineChoosesOne()
    {
        var p = await ArrangeAsync();
        await AddUnitAsync(p.Code + "-SONTRA2", "Ủy ban nhân dân xã Sơn Trà", UnitKind.Commune, p.Id);

        var result = await ImportAsync(p, p.Consolidator, [Bulk("son-tra.docx")]);

        Assert.Equal((ImportOutcome.Created, p.Code + "-SONTRA"), (result.Files[0].Outcome, result.Files[0].UnitCode));
    }

    [Fact]
    public async Task ImportAsync_ReportExists_SkippedAndLeftAsItIs()
    {
        var p = await ArrangeAsync();
        var existing = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-03" }, CoreFixture.As(p.AnBinh, Roles.Staff)));

        var result = await ImportAsync(p, p.Consolidator, [Bulk("an-binh.docx"), Bulk("hoa-phu.docx")]);

        Assert.Equal((ImportOutcome.Skipped, (int?)existing), (result.Files[0].Outcome, result.Files[0].ReportId));
        Assert.Equal($"Đơn vị đã có báo cáo kỳ này (số hiệu {existing}); giữ nguyên báo cáo đó.", result.Files[0].Reason);
        Assert.Equal($"a report already exists (id {existing})", result.Files[0].EnglishReason);
        Assert.Equal(ImportOutcome.Created, result.Files[1].Outcome);
        await using var db = Db();
        Assert.Equal("", (await db.ReportSections.SingleAsync(s => s.ReportId == existing && s.Key == "I.1")).Text);
        Assert.False(await db.ReportAttachments.AnyAsync(a => a.ReportId == existing));
    }

    [Fact]
    public async Task ImportAsync_StatusSent_SentOnTheHeadersDateNumberedAndJudgedOnTimeOrLateByIt()
    {
        var p = await ArrangeAsync();

        var result = await ImportAsync(p, p.Consolidator, [Bulk("an-binh.docx"), Bulk("hoa-phu.docx")], ImportedStatus.Sent);

        Assert.All(result.Files, f => Assert.Equal(ImportOutcome.Created, f.Outcome));
        await using var db = Db();
        var anBinh = await db.Reports.Include(r => r.Transitions).SingleAsync(r => r.UnitId == p.AnBinh);
        Assert.Equal((ReportStatus.Submitted, "12/BC-UBND", (DateOnly?)new DateOnly(2025, 3, 17)), (anBinh.Status, anBinh.DocumentNumber, anBinh.IssuedOn));
        Assert.Equal(new DateOnly(2025, 3, 17), VietnamTime.DateOf(anBinh.SubmittedAt!.Value));
        // One line: sent as on paper (its signer signs the exported document), imported from the file.
        var sent = Assert.Single(anBinh.Transitions);
        Assert.Equal((ReportStatus.Submitted, "Nguyễn Văn An", "CHỦ TỊCH", p.Consolidator.UserName), (sent.ToStatus, sent.UserFullName, sent.UserJobTitle, sent.UserName));
        Assert.StartsWith("Gửi bằng văn bản số 12/BC-UBND ngày 17/03/2025; nhập từ tệp Word \"an-binh.docx\" (", sent.Comment, StringComparison.Ordinal);
        // Downloaded, it is the document the unit issued: its number, date and signer.
        var exported = await core.RunAsync(sp => sp.GetRequiredService<DanVan.Core.Export.ReportExportService>().ExportAsync(anBinh.Id, DanVan.Core.Export.ExportFormat.Docx, p.Consolidator));
        using (var stream = new MemoryStream(exported.Content))
        {
            var document = DanVan.Core.Word.DocxReader.Read(stream);
            Assert.Equal(("12/BC-UBND", (DateOnly?)new DateOnly(2025, 3, 17), "CHỦ TỊCH", "Nguyễn Văn An"), (document.DocumentNumber, document.Date, document.Signer?.Title, document.Signer?.Name));
        }

        // An Bình's register for 2025 continues after the imported number.
        Assert.Equal(12, await db.Set<DanVan.Core.Decree30.DocumentCounter>().Where(c => c.UnitId == p.AnBinh && c.Year == 2025).Select(c => c.LastNumber).SingleAsync());
        var dashboard = await core.RunAsync(sp => sp.GetRequiredService<CompletenessService>().DashboardAsync(new DashboardQuery { PlanId = p.PlanId, Period = "2025-03", AllRows = true }, p.Consolidator));
        var rows = dashboard.AllRows.ToDictionary(r => r.UnitId);
        Assert.Equal((Timeliness.OnTime, Timeliness.Late), (rows[p.AnBinh].Timeliness, rows[p.HoaPhu].Timeliness));
    }

    [Fact]
    public async Task ImportAsync_StatusAccepted_SentOnTheHeadersDateAcceptedNow()
    {
        var p = await ArrangeAsync();

        var result = await ImportAsync(p, p.Consolidator, [Bulk("bqlda.docx")], ImportedStatus.Accepted);

        await using var db = Db();
        var report = await db.Reports.Include(r => r.Transitions).SingleAsync(r => r.Id == result.Files[0].ReportId);
        Assert.Equal((ReportStatus.Accepted, new DateOnly(2025, 3, 19), core.Clock.Now.UtcDateTime), (report.Status, VietnamTime.DateOf(report.SubmittedAt!.Value), report.AcceptedAt!.Value));
        Assert.Equal([ReportStatus.Submitted, ReportStatus.Accepted], report.Transitions.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => t.ToStatus));
    }

    [Fact]
    public async Task ImportAsync_LockedPeriod_AdministratorWritesItConsolidatorOnlyWithAnException()
    {
        var p = await ArrangeAsync(lockAfterDays: 5);

        var refused = await ImportAsync(p, p.Consolidator, [Bulk("an-binh.docx")]);
        await core.RunAsync(sp => sp.GetRequiredService<PlanService>().GrantExceptionAsync(p.PlanId, p.AnBinh, "2025-03", new DateOnly(2025, 4, 20), "Nhập báo cáo gửi bằng văn bản giấy", p.Consolidator));
        var excepted = await ImportAsync(p, p.Consolidator, [Bulk("an-binh.docx"), Bulk("hoa-phu.docx")]);
        var admin = await ImportAsync(p, CoreFixture.Admin, [Bulk("hoa-phu.docx")]);

        Assert.Equal(ImportOutcome.Failed, refused.Files[0].Outcome);
        Assert.Equal("Kỳ báo cáo đã khoá sổ sau ngày 25/03/2025. Muốn sửa hoặc gửi, đề nghị cơ quan tổng hợp cho phép ngoại lệ cho đơn vị.", refused.Files[0].Reason);
        Assert.Equal([ImportOutcome.Created, ImportOutcome.Failed], excepted.Files.Select(f => f.Outcome));
        Assert.Equal(ImportOutcome.Created, admin.Files[0].Outcome);
        await using var db = Db();
        Assert.Equal("admin", (await db.ReportTransitions.SingleAsync(t => t.ReportId == admin.Files[0].ReportId)).UserName);
    }

    [Fact]
    public async Task ImportAsync_CorruptOversizedOrOtherPeriodFile_NothingOfItIsWrittenTheOthersGoOn()
    {
        var p = await ArrangeAsync();
        var huge = new ImportFile("lon.docx", ReportAttachment.MaxBytes + 1, () => throw new InvalidOperationException("not read"));

        var result = await ImportAsync(p, p.Consolidator, [File(Fixtures.Import("truncated.docx"), "hong.docx"), huge, Bulk("thang-2.docx"), Bulk("an-binh.docx")]);

        Assert.Equal([ImportOutcome.Failed, ImportOutcome.Failed, ImportOutcome.Failed, ImportOutcome.Created], result.Files.Select(f => f.Outcome));
        Assert.Equal("Tệp .docx bị hỏng hoặc tải lên chưa hết. Mở tệp trong Word, lưu lại rồi tải lên lại.", result.Files[0].Reason);
        Assert.StartsWith("Tệp lớn hơn 20 MB", result.Files[1].Reason, StringComparison.Ordinal);
        Assert.Equal(("Tệp là báo cáo tháng 02 năm 2025, không phải tháng 3 năm 2025.", "The file reports on 2025-02, not 2025-03."), (result.Files[2].Reason, result.Files[2].EnglishReason));
        await using var db = Db();
        var reports = await db.Reports.Where(r => r.Unit!.Code.StartsWith(p.Code)).Select(r => r.Id).ToListAsync();
        Assert.Equal([result.Files[3].ReportId!.Value], reports);
        Assert.Equal(1, await db.ReportAttachments.CountAsync(a => reports.Contains(a.ReportId)));
    }

    [Fact]
    public async Task ImportAsync_MonthAfterThePlansLast_ExtendsThePlanOnceAFileIsImported()
    {
        var p = await ArrangeAsync(last: "2025-02");

        var nothing = await ImportAsync(p, p.Consolidator, [Bulk("cam-thanh.docx")]);
        string? planAfterFailure;
        await using (var before = Db())
        {
            planAfterFailure = await before.Plans.Where(x => x.Id == p.PlanId).Select(x => x.LastPeriod).SingleAsync();
        }

        var result = await ImportAsync(p, p.Consolidator, [Bulk("an-binh.docx"), Bulk("hoa-phu.docx")]);
        var tooFar = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(p, CoreFixture.Admin, [Bulk("an-binh.docx")], period: "2025-05"));

        Assert.Equal((false, "2025-02"), (nothing.PlanExtended, planAfterFailure));
        Assert.True(result.PlanExtended);
        Assert.All(result.Files, f => Assert.Equal(ImportOutcome.Created, f.Outcome));
        await using var db = Db();
        Assert.Equal("2025-03", await db.Plans.Where(x => x.Id == p.PlanId).Select(x => x.LastPeriod).SingleAsync());
        Assert.All(await db.Reports.Where(r => r.UnitId == p.AnBinh || r.UnitId == p.HoaPhu).ToListAsync(), r => Assert.Equal(p.PlanId, r.PlanId));
        Assert.Equal("Kế hoạch số 42/KH-UBND ngày 21/12/2024 không áp dụng cho kỳ tháng 5 năm 2025.", tooFar.Message);
    }

    [Fact]
    public async Task ImportAsync_NoPlanGiven_TheOnePlanThatTakesThePeriod()
    {
        var p = await ArrangeAsync(last: "2025-02");

        var result = await ImportAsync(p, p.Consolidator, [Bulk("an-binh.docx")], planId: null);

        Assert.Equal((p.PlanId, ImportOutcome.Created), (result.PlanId, result.Files[0].Outcome));
    }

    [Fact]
    public async Task ImportAsync_UnitStaffOrAnotherProvincesConsolidator_Forbidden()
    {
        var p = await ArrangeAsync();
        var other = await ArrangeAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync(p, CoreFixture.As(p.AnBinh, Roles.Staff), [Bulk("an-binh.docx")]));
        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync(p, other.Consolidator, [Bulk("an-binh.docx")]));
    }

    [Theory]
    [InlineData("a.docx", "Line 1 of the map file is not \"file,unitCode\".")]
    [InlineData("a.docx,X\nA.DOCX,Y", "The map file gives A.DOCX two units (X and Y).")]
    public void ParseMap_Malformed_RefusedWithTheLine(string csv, string english) =>
        Assert.Equal(english, Assert.Throws<DomainException>(() => BulkImportService.ParseMap(csv)).English);

    [Fact]
    public void ParseMap_HeaderBomBlankLinesFoldersAndCommasInNames()
    {
        var map = BulkImportService.ParseMap("\uFEFFfile,unitCode\r\n\r\nthang 3/an-binh.docx,QNG-ANBINH\n\"bao cao, hoa phu.docx\",QNG-HOAPHU\n# comment\n");

        Assert.Equal(("QNG-ANBINH", "QNG-HOAPHU"), (map["AN-BINH.docx"], map["bao cao, hoa phu.docx"]));
        Assert.Equal(2, map.Count);
    }
}
