using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>`danvan units reorganise|list`: a whole arrangement from a CSV, all rows or none, and the tree as of a day.</summary>
public sealed class UnitsCommandTests
{
    private const string Header = "Mã,Tên,Loại,Trực thuộc,Ngày hiệu lực,Đơn vị tiền thân,Căn cứ pháp lý\n";
    private const string Basis = "\"Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025\"";

    [Fact]
    public async Task Reorganise_BadRowsThenDryRunThenReal_NothingChangedUntilEveryRowIsRight_ListShowsEachDaysTree()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "create.csv"), Header
            + "QNG,Ủy ban nhân dân tỉnh Quảng Ngãi,tỉnh,,01/01/2020,,Quyết định số 1/QĐ-UBND\n"
            + "QNG-TRATAN,Ủy ban nhân dân xã Trà Tân,xã,QNG,01/01/2020,,Quyết định số 1/QĐ-UBND\n"
            + "QNG-TRASON,Ủy ban nhân dân xã Trà Sơn,xã,QNG,01/01/2020,,Quyết định số 1/QĐ-UBND\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "bad.csv"), Header
            + $"QNG-TRABONG,Ủy ban nhân dân xã Trà Bồng,xã,QNG,01/07/2025,QNG-TRATAN; QNG-TRASON,{Basis}\n"
            + $"QNG-TRAXUAN,Ủy ban nhân dân xã Trà Xuân,xã,QNG,01/07/2025,QNG-TRASON; QNG-KHONGCO,{Basis}\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "good.csv"), Header
            + $"QNG-TRABONG,Ủy ban nhân dân xã Trà Bồng,xã,QNG,01/07/2025,QNG-TRATAN; QNG-TRASON,{Basis}\n");

        var created = await Danvan.RunAsync(dir, database.Settings, "units", "reorganise", "create.csv");
        var refused = await Danvan.RunAsync(dir, database.Settings, "units", "reorganise", "bad.csv");
        var dry = await Danvan.RunAsync(dir, database.Settings, "units", "reorganise", "good.csv", "--dry-run");
        await using (var db = database.NewContext())
        {
            Assert.False(await db.Units.AnyAsync(u => u.Code == "QNG-TRABONG"));
        }

        var done = await Danvan.RunAsync(dir, database.Settings, "units", "reorganise", "good.csv");
        var before = await Danvan.RunAsync(dir, database.Settings, "units", "list", "--on", "2025-06-30", "--json");
        var after = await Danvan.RunAsync(dir, database.Settings, "units", "list", "--on", "01/07/2025", "--under", "qng");

        Assert.Equal(0, created.Exit);
        Assert.StartsWith("Applied 3 row(s)", created.Out, StringComparison.Ordinal);
        Assert.Equal(1, refused.Exit);
        Assert.Equal(
            [
                "Row 3: Unknown predecessor: no unit has code QNG-KHONGCO.",
                "Row 3: Unit QNG-TRASON is already merged or split on row 2; a unit merges into one unit, or is split with a share on each part, e.g. QNG-TRASON (40%).",
                "error: 2 error(s) in 2 row(s); nothing was changed.",
            ],
            refused.Err.Trim().Split('\n'));
        Assert.Equal(0, dry.Exit);
        Assert.StartsWith("All 1 row(s) are valid; nothing saved (--dry-run).", dry.Out, StringComparison.Ordinal);
        Assert.Equal(0, done.Exit);
        Assert.Contains("1 created, 0 renamed, 0 moved, 2 merged", done.Out, StringComparison.Ordinal);
        var units = JsonDocument.Parse(before.Out).RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToList();
        Assert.Equal(["QNG", "QNG-TRASON", "QNG-TRATAN"], units.Order());
        Assert.Equal(["QNG  Ủy ban nhân dân tỉnh Quảng Ngãi", "  QNG-TRABONG  Ủy ban nhân dân xã Trà Bồng", "2 unit(s) on 2025-07-01."], after.Out.Trim().Split('\n'));
        await using (var db = database.NewContext())
        {
            Assert.Equal(2, await db.UnitEvents.CountAsync(e => e.Kind == Core.OrgUnits.UnitEventKind.Merged && e.LegalBasis == "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025"));
        }
    }

    [Fact]
    public async Task People_UsersOfAMergedUnit_ListedWithTheSuccessor_MoveAllMovesThem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("danvan-cli").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "create.csv"), Header
            + "QNG,Ủy ban nhân dân tỉnh Quảng Ngãi,tỉnh,,01/01/2020,,Quyết định số 1/QĐ-UBND\n"
            + "QNG-TRATAN,Ủy ban nhân dân xã Trà Tân,xã,QNG,01/01/2020,,Quyết định số 1/QĐ-UBND\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "merge.csv"), Header
            + $"QNG-TRABONG,Ủy ban nhân dân xã Trà Bồng,xã,QNG,01/07/2025,QNG-TRATAN,{Basis}\n");
        Assert.Equal(0, (await Danvan.RunAsync(dir, database.Settings, "units", "reorganise", "create.csv")).Exit);
        Assert.Equal(0, (await Danvan.RunAsync(dir, database.Settings, "user", "add", "--name", "tratan.canbo", "--full-name", "Cán bộ Trà Tân", "--unit", "QNG-TRATAN", "--role", "Staff", "--password", "Matkhau-TraTan-2025")).Exit);
        Assert.Equal(0, (await Danvan.RunAsync(dir, database.Settings, "units", "reorganise", "merge.csv")).Exit);

        var listed = await Danvan.RunAsync(dir, database.Settings, "units", "people", "--json");
        var moved = await Danvan.RunAsync(dir, database.Settings, "units", "people", "--move-all");
        var unknown = await Danvan.RunAsync(dir, database.Settings, "units", "people", "--user", "khong.co", "--to", "QNG");

        Assert.Equal(0, listed.Exit);
        var person = Assert.Single(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray());
        Assert.Equal(("tratan.canbo", "Ủy ban nhân dân xã Trà Bồng"), (person.GetProperty("userName").GetString(), person.GetProperty("successor").GetString()));
        Assert.Equal(0, moved.Exit);
        Assert.Equal(["Moved 1 user(s) to the successors of their units.", "0 user(s) of closed units left."], moved.Out.Trim().Split('\n'));
        Assert.NotEqual(0, unknown.Exit);
        Assert.Equal("error: No user 'khong.co' of a closed unit.", unknown.Err.Trim());
        await using var db = database.NewContext();
        var successor = await db.Units.Where(u => u.Code == "QNG-TRABONG").Select(u => u.Id).SingleAsync();
        Assert.Equal(successor, await db.Users.Where(u => u.UserName == "tratan.canbo").Select(u => u.UnitId).SingleAsync());
    }
}
