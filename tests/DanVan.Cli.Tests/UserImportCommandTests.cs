using DanVan.Core.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>`danvan user import|export`: the web page's all-or-nothing import and the export, on the run's engine.</summary>
public sealed class UserImportCommandTests
{
    private static readonly SheetColumn[] Header =
        [new("Tên đăng nhập", 20), new("Họ và tên", 20), new("Đơn vị", 30), new("Vai trò", 20), new("Email", 20), new("Chức danh", 20)];

    private static async Task<string> WorkbookAsync(string dir, string name, params string[][] rows)
    {
        var path = Path.Combine(dir, name);
        await File.WriteAllBytesAsync(path, Xlsx.Write("Người dùng", Header, rows.Select(r => (IReadOnlyList<string>)r)));
        return path;
    }

    [Fact]
    public async Task Import_BadRowThenDryRunThenReal_NothingSavedUntilEveryRowIsRight_ThenExportListsThem()
    {
        await using var database = await Danvan.DemoDatabaseAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        string[] good = ["moi.canbo", "Đặng Văn Mới", "ld-lacduong", "Cán bộ", "moi@lamdong.gov.vn", "Chuyên viên"];
        var bad = await WorkbookAsync(dir, "bad.xlsx", good, ["moi.lanhdao", "Hồ Thị Hai", "Ủy ban nhân dân xã Không Có", "Lãnh đạo", "", ""]);
        var fixedFile = await WorkbookAsync(dir, "users.xlsx", good, ["moi.lanhdao", "Hồ Thị Hai", "Ủy ban nhân dân xã Lạc Dương", "Lãnh đạo đơn vị", "", ""]);

        var refused = await Danvan.RunAsync(dir, database.Settings, "user", "import", bad);
        var dry = await Danvan.RunAsync(dir, database.Settings, "user", "import", fixedFile, "--dry-run");
        await using (var db = database.NewContext())
        {
            Assert.False(await db.Users.AnyAsync(u => u.UserName!.StartsWith("moi.")));
        }

        var done = await Danvan.RunAsync(dir, database.Settings, "user", "import", fixedFile);
        var export = await Danvan.RunAsync(dir, database.Settings, "user", "export", Path.Combine(dir, "out", "all.xlsx"));

        Assert.Equal(1, refused.Exit);
        Assert.Equal(
            [
                "Row 3, column Đơn vị: no unit has the code or name 'Ủy ban nhân dân xã Không Có'.",
                "Row 3, column Vai trò: unknown role 'Lãnh đạo'; use Staff, Leader, Consolidator, Admin or their Vietnamese names.",
                "error: 2 error(s) in 1 of 2 row(s); no account was created.",
            ],
            refused.Err.Trim().Split('\n'));
        Assert.Equal((0, "All 2 row(s) are valid; nothing saved (--dry-run)."), (dry.Exit, dry.Out.Trim()));
        Assert.Equal(0, done.Exit);
        var passwords = Path.Combine(dir, "users-passwords.xlsx");
        Assert.Equal($"Created 2 account(s); their one-time passwords are in {passwords}.", done.Out.Trim());
        var handedOut = Xlsx.ReadFirstSheet(File.OpenRead(passwords));
        Assert.Equal(["moi.canbo", "moi.lanhdao"], handedOut.Skip(1).Select(r => r[0]));
        Assert.All(handedOut.Skip(1), r => Assert.Matches("^\\w{4}-\\w{4}-\\w{4}$", r[5]));
        await using (var db = database.NewContext())
        {
            var lacDuong = await db.Units.Where(u => u.Code == "LD-LACDUONG").Select(u => u.Id).SingleAsync();
            Assert.Equal(2, await db.Users.CountAsync(u => u.UserName!.StartsWith("moi.") && u.UnitId == lacDuong));
        }

        Assert.Equal(0, export.Exit);
        var listed = Xlsx.ReadFirstSheet(File.OpenRead(Path.Combine(dir, "out", "all.xlsx")));
        Assert.Contains(listed, r => r.Cells.SequenceEqual(["moi.canbo", "Đặng Văn Mới", "LD-LACDUONG", "Ủy ban nhân dân xã Lạc Dương", "Cán bộ", "moi@lamdong.gov.vn", "Chuyên viên"]));
        Assert.Contains(listed, r => r[0] == "admin" && r[4] == "Quản trị");
    }

    [Fact]
    public async Task Import_NotAWorkbook_OneEnglishLine()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        var path = Path.Combine(dir, "users.xlsx");
        await File.WriteAllTextAsync(path, "user;name");

        var result = await Danvan.RunAsync(dir, database.Settings, "user", "import", path);

        Assert.Equal((1, "error: File: The file is not an Excel .xlsx workbook."), (result.Exit, result.Err.Trim()));
    }
}
