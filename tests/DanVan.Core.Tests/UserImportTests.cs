using System.IO.Compression;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Spreadsheets;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>The users workbook: reading .xlsx safely, checking every row, and creating all accounts or none.</summary>
public sealed class UserImportTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<ImportUnit> Units =
    [
        new(1, "ANBINH", "Ủy ban nhân dân xã An Bình", false),
        new(2, "HOAPHU", "Ủy ban nhân dân xã Hòa Phú", false),
        new(3, "CU", "Ủy ban nhân dân xã Cũ", true),
        new(4, "TB1", "Ủy ban nhân dân xã Tân Bình", false),
        new(5, "TB2", "Ủy ban nhân dân xã Tân Bình", false),
    ];

    private static readonly string[] Header = ["Tên đăng nhập", "Họ và tên", "Đơn vị", "Vai trò", "Email", "Chức danh"];

    private readonly CoreFixture core = new();

    public Task InitializeAsync() => core.InitializeAsync();

    public Task DisposeAsync() => core.DisposeAsync();

    private static byte[] Workbook(params string[][] rows) =>
        Xlsx.Write("Người dùng", rows[0].Select(h => new SheetColumn(h, 20)).ToList(), rows.Skip(1).Select(r => (IReadOnlyList<string>)r));

    private static UserImportCheck Check(params string[][] rows) =>
        UserImport.Check(Xlsx.ReadFirstSheet(new MemoryStream(Workbook(rows))), Units, new HashSet<string> { "daco" });

    [Fact]
    public void Check_GoodRows_ResolveUnitByCodeOrExactNameAndRoleByVietnameseNameOrCode()
    {
        var check = Check(
            Header,
            ["NguyenVanA", " Nguyễn  Văn A ", "anbinh", "Cán bộ", "a@anbinh.gov.vn", "Chuyên viên"],
            ["tranthib", "Trần Thị B", "Ủy ban nhân dân xã Hòa Phú", "leader", "", ""],
            ["", "", "", "", "", ""],
            ["levanc", "Lê Văn C", "HOAPHU", "co quan tong hop", "", ""]);

        Assert.True(check.Valid, string.Join("\n", check.AllErrors.Select(e => e.Text)));
        Assert.Equal([2, 3, 5], check.Rows.Select(r => r.Row));
        Assert.Equal(["nguyenvana", "tranthib", "levanc"], check.Rows.Select(r => r.UserName));
        Assert.Equal("Nguyễn Văn A", check.Rows[0].FullName);
        Assert.Equal([1, 2, 2], check.Rows.Select(r => r.UnitId!.Value));
        Assert.Equal([Roles.Staff, Roles.Leader, Roles.Consolidator], check.Rows.Select(r => r.RoleCode!));
    }

    [Fact]
    public void Check_EveryKindOfMistake_OneErrorPerCellWithRowAndColumnInVietnamese()
    {
        var check = Check(
            Header,
            ["", "", "", "", "", ""],
            ["dũng", "Dũng", "XYZ", "Giám đốc", "khong-phai-email", new string('x', 201)],
            ["daco", "Đã có", "Ủy ban nhân dân xã Cũ", "Cán bộ", "", ""],
            ["trung", "Trùng 1", "Ủy ban nhân dân xã Tân Bình", "Cán bộ", "", ""],
            ["Trung", "", "ANBINH", "", "", ""]);

        Assert.False(check.Valid);
        Assert.Empty(check.FileErrors);
        var texts = check.AllErrors.Select(e => e.Text).ToList();
        Assert.Equal(
            [
                "Dòng 3, cột Tên đăng nhập: 'dũng' không hợp lệ: tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các ký tự . _ - @ (tối đa 256 ký tự).",
                "Dòng 3, cột Đơn vị: không có đơn vị mã/tên 'XYZ'.",
                "Dòng 3, cột Vai trò: không có vai trò 'Giám đốc'; ghi một trong: Cán bộ, Lãnh đạo đơn vị, Cơ quan tổng hợp, Quản trị.",
                "Dòng 3, cột Email: 'khong-phai-email' không phải địa chỉ thư điện tử hợp lệ.",
                "Dòng 3, cột Chức danh: dài quá 200 ký tự.",
                "Dòng 4, cột Tên đăng nhập: đã có tài khoản 'daco'. Chọn tên khác hoặc bỏ dòng này.",
                "Dòng 4, cột Đơn vị: đơn vị 'Ủy ban nhân dân xã Cũ' đã giải thể hoặc sáp nhập.",
                "Dòng 5, cột Đơn vị: có 2 đơn vị tên 'Ủy ban nhân dân xã Tân Bình' (TB1, TB2); ghi mã đơn vị.",
                "Dòng 6, cột Tên đăng nhập: 'trung' trùng với dòng 5.",
                "Dòng 6, cột Họ và tên: chưa nhập họ và tên.",
                "Dòng 6, cột Vai trò: chưa nhập vai trò (Cán bộ, Lãnh đạo đơn vị, Cơ quan tổng hợp, Quản trị).",
            ],
            texts);
        Assert.Equal("Row 3, column Đơn vị: no unit has the code or name 'XYZ'.", check.AllErrors.ElementAt(1).EnglishText);
    }

    [Fact]
    public void Check_MissingColumnsOrNoRows_OneFileError()
    {
        var missing = Check(["Tên đăng nhập", "Họ tên"], ["a", "A"]);
        var empty = Check(Header);

        Assert.Equal("Dòng 1: Thiếu cột Vai trò, Đơn vị. Dòng đầu phải là tiêu đề cột như trong tệp mẫu.", Assert.Single(missing.FileErrors).Text);
        Assert.Equal("Dòng 1: Chưa có tài khoản nào dưới dòng tiêu đề.", Assert.Single(empty.FileErrors).Text);
    }

    [Fact]
    public void Check_ExportReadBack_UsesTheCodeColumnForTheUnit()
    {
        var check = Check(
            ["Tên đăng nhập", "Họ và tên", "Mã đơn vị", "Đơn vị", "Vai trò", "Email", "Chức danh"],
            ["moi", "Mới", "TB2", "Ủy ban nhân dân xã Tân Bình", "Lãnh đạo đơn vị", "", ""]);

        Assert.True(check.Valid);
        Assert.Equal(5, check.Rows[0].UnitId);
    }

    [Fact]
    public void ReadFirstSheet_SharedStringsAndGaps_CellsInTheirColumns()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable(
                new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text("Tên đăng nhập")),
                new SharedStringItem(new Run(new DocumentFormat.OpenXml.Spreadsheet.Text("Ủy ban ")), new Run(new DocumentFormat.OpenXml.Spreadsheet.Text("xã"))));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(
                new Row(new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue("0") }) { RowIndex = 1 },
                new Row(
                    new Cell { CellReference = "B4", DataType = CellValues.SharedString, CellValue = new CellValue("1") },
                    new Cell { CellReference = "D4", CellValue = new CellValue("12345") })
                { RowIndex = 4 }));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Trang 1" }));
        }

        var rows = Xlsx.ReadFirstSheet(new MemoryStream(stream.ToArray()));

        Assert.Equal([1, 4], rows.Select(r => r.Number));
        Assert.Equal(["Tên đăng nhập"], rows[0].Cells);
        Assert.Equal(["", "Ủy ban xã", "", "12345"], rows[1].Cells);
    }

    [Theory]
    [InlineData("empty", SpreadsheetFailure.Empty)]
    [InlineData("text", SpreadsheetFailure.NotXlsx)]
    [InlineData("xls", SpreadsheetFailure.LegacyXls)]
    [InlineData("docx", SpreadsheetFailure.NotXlsx)]
    [InlineData("truncated", SpreadsheetFailure.Damaged)]
    [InlineData("bomb", SpreadsheetFailure.TooLarge)]
    [InlineData("huge", SpreadsheetFailure.TooLarge)]
    [InlineData("dtd", SpreadsheetFailure.Damaged)]
    public void ReadFirstSheet_BadFiles_SpecificFailureAsAFormError(string kind, SpreadsheetFailure expected)
    {
        var good = Workbook(Header, ["a", "A", "ANBINH", "Cán bộ", "", ""]);
        var bytes = kind switch
        {
            "empty" => [],
            "text" => "Tên đăng nhập;Họ và tên"u8.ToArray(),
            "xls" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            "docx" => Zip(("word/document.xml", "<w:document/>"u8.ToArray())),
            "truncated" => good[..(good.Length / 2)],
            "bomb" => Zip(("xl/workbook.xml", new byte[120 * 1024 * 1024])),
            "huge" => new byte[Xlsx.MaxFileBytes + 1],
            _ => Zip(("xl/workbook.xml", "<!DOCTYPE x [<!ENTITY a 'b'>]><workbook/>"u8.ToArray())),
        };

        var failure = Assert.Throws<SpreadsheetException>(() => Xlsx.ReadFirstSheet(new MemoryStream(bytes)));

        Assert.Equal(expected, failure.Failure);
        Assert.Equal("File", failure.Field);
        Assert.NotNull(failure.English);
    }

    [Fact]
    public void NewPassword_MeetsTheRulesAndDiffersEachTime()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => UserImport.NewPassword()).ToList();

        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p => Assert.Matches("^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$", p));
        Assert.All(passwords, p => Assert.True(p.Any(char.IsUpper) && p.Any(char.IsLower) && p.Any(char.IsDigit)));
    }

    [Fact]
    public async Task ImportAsync_OneBadRow_NothingSaved_FixedFile_AllCreatedWithWorkingPasswords()
    {
        var code = CoreFixture.Code("X");
        var unit = await core.AddUnitAsync(code);
        var tag = code[2..].ToLowerInvariant();
        string[] first = [$"a.{tag}", "Nguyễn Văn A", code, "Cán bộ", $"a.{tag}@example.gov.vn", "Chuyên viên"];
        string[] bad = [$"b.{tag}", "Trần Thị B", "KHONG-CO", "Lãnh đạo đơn vị", "", ""];

        var refused = await ImportAsync(Workbook(Header, first, bad), dryRun: false);

        Assert.False(refused.Saved);
        Assert.Equal("Dòng 3, cột Đơn vị: không có đơn vị mã/tên 'KHONG-CO'.", Assert.Single(refused.Check.AllErrors).Text);
        Assert.Equal(0, await CountAsync(tag));

        bad[2] = "Đơn vị " + code;
        var dry = await ImportAsync(Workbook(Header, first, bad), dryRun: true);
        Assert.True(dry.Check.Valid);
        Assert.False(dry.Saved);
        Assert.Equal(0, await CountAsync(tag));

        var done = await ImportAsync(Workbook(Header, first, bad), dryRun: false);

        Assert.True(done.Saved);
        Assert.Equal([$"a.{tag}", $"b.{tag}"], done.Created.Select(c => c.UserName));
        await core.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            foreach (var created in done.Created)
            {
                var user = (await users.FindByNameAsync(created.UserName))!;
                Assert.Equal(unit, user.UnitId);
                Assert.True(await users.CheckPasswordAsync(user, created.Password));
                Assert.True(user.MustChangePassword);
            }

            var a = (await users.FindByNameAsync($"a.{tag}"))!;
            Assert.Equal(($"a.{tag}@example.gov.vn", "Chuyên viên"), (a.Email, a.JobTitle));
            Assert.Equal([Roles.Staff], await users.GetRolesAsync(a));
            Assert.Equal([Roles.Leader], await users.GetRolesAsync((await users.FindByNameAsync($"b.{tag}"))!));
        });

        var again = await ImportAsync(Workbook(Header, first), dryRun: false);
        Assert.StartsWith("Dòng 2, cột Tên đăng nhập: đã có tài khoản", Assert.Single(again.Check.AllErrors).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_NotAnAdministrator_Refused()
    {
        var unit = await core.AddUnitAsync(CoreFixture.Code("X"));

        await Assert.ThrowsAsync<ForbiddenException>(() => core.RunAsync(sp =>
            sp.GetRequiredService<UserAdminService>().ImportAsync(new MemoryStream(Workbook(Header)), false, CoreFixture.As(unit, Roles.Consolidator))));
    }

    [Fact]
    public async Task ExportAsync_ReadsBackAsTheSameAccounts()
    {
        var code = CoreFixture.Code("X");
        await core.AddUnitAsync(code);
        var tag = code[2..].ToLowerInvariant();
        await ImportAsync(Workbook(Header, [$"c.{tag}", "Lê Văn C", code, "Quản trị", "", "Chánh Văn phòng"]), dryRun: false);

        var export = await core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().ExportAsync(CoreFixture.Admin));

        var rows = Xlsx.ReadFirstSheet(new MemoryStream(export));
        Assert.Equal(["Tên đăng nhập", "Họ và tên", "Mã đơn vị", "Đơn vị", "Vai trò", "Email", "Chức danh"], rows[0].Cells);
        Assert.Contains(rows, r => r.Cells.SequenceEqual([$"c.{tag}", "Lê Văn C", code, "Đơn vị " + code, "Quản trị", "", "Chánh Văn phòng"]));
        var readBack = await ImportAsync(export, dryRun: true);
        Assert.Contains(readBack.Check.AllErrors, e => e.Text.Contains($"đã có tài khoản 'c.{tag}'", StringComparison.Ordinal));
    }

    private Task<UserImportResult> ImportAsync(byte[] workbook, bool dryRun) =>
        core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().ImportAsync(new MemoryStream(workbook), dryRun, CoreFixture.Admin));

    private Task<int> CountAsync(string tag) => core.RunAsync(sp => sp.GetRequiredService<DanVan.Core.Data.DanVanDbContext>().Users.CountAsync(u => u.UserName!.EndsWith(tag)));

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }
}
