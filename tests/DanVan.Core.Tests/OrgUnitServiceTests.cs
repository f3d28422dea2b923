using System.Globalization;
using DanVan.Core;
using DanVan.Core.OrgUnits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

[Collection(CoreCollection.Name)]
public sealed class OrgUnitServiceTests(CoreFixture core)
{
    private Task Run(Func<OrgUnitService, Task> work) => core.RunAsync(sp => work(sp.GetRequiredService<OrgUnitService>()));

    private Task<T> Run<T>(Func<OrgUnitService, Task<T>> work) => core.RunAsync(sp => work(sp.GetRequiredService<OrgUnitService>()));

    [Fact]
    public async Task RenameAsync_EffectiveLater_OldNameStillReadForEarlierDates()
    {
        var unit = await core.AddUnitAsync(CoreFixture.Code("XA"));

        await Run(s => s.RenameAsync(new RenameUnit { UnitId = unit, NewName = "Ủy ban nhân dân phường Mới", EffectiveOn = new DateOnly(2025, 7, 1) }, CoreFixture.Admin));

        var before = await Run(s => s.NamesAsync(new DateOnly(2025, 3, 31)));
        var after = await Run(s => s.NamesAsync(new DateOnly(2025, 7, 1)));
        Assert.StartsWith("Đơn vị XA-", before[unit], StringComparison.Ordinal);
        Assert.Equal("Ủy ban nhân dân phường Mới", after[unit]);
        await using var db = core.Database.NewContext();
        Assert.Equal(2, await db.UnitNames.CountAsync(n => n.UnitId == unit));
        Assert.Contains(await db.UnitEvents.Where(e => e.UnitId == unit).Select(e => e.Kind).ToListAsync(), k => k == UnitEventKind.Renamed);
    }

    [Fact]
    public async Task MoveAsync_EffectiveDated_TreeDependsOnTheDay()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var commune = await core.AddUnitAsync(CoreFixture.Code("X"), district);

        await Run(s => s.MoveAsync(new MoveUnit { UnitId = commune, NewParentId = province, EffectiveOn = new DateOnly(2025, 7, 1) }, CoreFixture.Admin));

        var old = await Run(s => s.LoadTreeAsync(new DateOnly(2025, 6, 30)));
        var now = await Run(s => s.LoadTreeAsync(new DateOnly(2025, 7, 1)));
        Assert.Equal(district, old.ParentOf(commune));
        Assert.Equal(province, now.ParentOf(commune));
    }

    [Fact]
    public async Task MoveAsync_IntoItsOwnSubtree_Refused()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var commune = await core.AddUnitAsync(CoreFixture.Code("X"), district);

        var error = await Assert.ThrowsAsync<DomainException>(() => Run(s => s.MoveAsync(new MoveUnit { UnitId = district, NewParentId = commune, EffectiveOn = new DateOnly(2025, 1, 1) }, CoreFixture.Admin)));

        Assert.Equal("NewParentId", error.Field);
    }

    [Fact]
    public async Task MoveAsync_TwoDatedMovesThatWouldMakeALoop_SecondRefused()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var a = await core.AddUnitAsync(CoreFixture.Code("A"), province);
        var b = await core.AddUnitAsync(CoreFixture.Code("B"), province);
        await Run(s => s.MoveAsync(new MoveUnit { UnitId = b, NewParentId = a, EffectiveOn = new DateOnly(2031, 7, 1) }, CoreFixture.Admin));

        var error = await Assert.ThrowsAsync<DomainException>(() => Run(s => s.MoveAsync(new MoveUnit { UnitId = a, NewParentId = b, EffectiveOn = new DateOnly(2031, 6, 1) }, CoreFixture.Admin)));

        Assert.Equal("NewParentId", error.Field);
        Assert.Contains("01/07/2031", error.Message, StringComparison.Ordinal);
        var tree = await Run(s => s.LoadTreeAsync(new DateOnly(2031, 9, 1)));
        Assert.True(tree.IsInSubtree(a, province) && tree.IsInSubtree(b, province));
    }

    [Fact]
    public async Task IsInSubtreeAsync_DatedMovesMergeAndALoop_AgreesWithTheTreeOfEachDay()
    {
        // P ── H1 ── X1, X2 (to H2 from 1/3/2025), X4 (merged into X1 on 1/2/2025); P ── H2 ── X3 (to H1 from
        // 1/6/2025); and A, B, each the other's parent, as bad data could leave them.
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var h1 = await core.AddUnitAsync(CoreFixture.Code("H1"), province, kind: UnitKind.District);
        var h2 = await core.AddUnitAsync(CoreFixture.Code("H2"), province, kind: UnitKind.District);
        var x1 = await core.AddUnitAsync(CoreFixture.Code("X1"), h1);
        var x2 = await core.AddUnitAsync(CoreFixture.Code("X2"), h1);
        var x3 = await core.AddUnitAsync(CoreFixture.Code("X3"), h2);
        var x4 = await core.AddUnitAsync(CoreFixture.Code("X4"), h1);
        var a = await core.AddUnitAsync(CoreFixture.Code("A"));
        var b = await core.AddUnitAsync(CoreFixture.Code("B"), a);
        await Run(s => s.MoveAsync(new MoveUnit { UnitId = x2, NewParentId = h2, EffectiveOn = new DateOnly(2025, 3, 1) }, CoreFixture.Admin));
        await Run(s => s.MoveAsync(new MoveUnit { UnitId = x3, NewParentId = h1, EffectiveOn = new DateOnly(2025, 6, 1) }, CoreFixture.Admin));
        await Run(s => s.CloseAsync(new CloseUnit { UnitId = x4, ClosedOn = new DateOnly(2025, 2, 1), SuccessorId = x1 }, CoreFixture.Admin));
        await using (var db = core.Database.NewContext())
        {
            db.UnitParentLinks.Add(new UnitParentLink { UnitId = a, ParentId = b, ValidFrom = new DateOnly(2020, 1, 1) });
            await db.SaveChangesAsync();
        }

        int[] units = [province, h1, h2, x1, x2, x3, x4, a, b];
        DateOnly?[] days = [new DateOnly(2024, 12, 31), new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 1), new DateOnly(2025, 6, 1), null];
        var differ = new List<string>();
        foreach (var day in days)
        {
            var tree = await Run(s => s.LoadTreeAsync(day));
            foreach (var unit in units)
            {
                foreach (var root in units)
                {
                    if (await Run(s => s.IsInSubtreeAsync(unit, root, day)) != tree.IsInSubtree(unit, root))
                    {
                        differ.Add(string.Create(CultureInfo.InvariantCulture, $"{unit} under {root} on {day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "today"}"));
                    }
                }
            }
        }

        Assert.Empty(differ);
    }

    [Fact]
    public async Task CloseAsync_MergedIntoItself_Refused()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var commune = await core.AddUnitAsync(CoreFixture.Code("X"), province);

        var error = await Assert.ThrowsAsync<DomainException>(() => Run(s => s.CloseAsync(new CloseUnit { UnitId = commune, ClosedOn = new DateOnly(2025, 7, 1), SuccessorId = commune }, CoreFixture.Admin)));

        Assert.Equal("SuccessorId", error.Field);
    }

    [Fact]
    public async Task CloseAsync_WithOpenChildren_RefusedThenMergedIntoSuccessor()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var commune = await core.AddUnitAsync(CoreFixture.Code("X"), district);
        var reform = new DateOnly(2025, 7, 1);

        await Assert.ThrowsAsync<DomainException>(() => Run(s => s.CloseAsync(new CloseUnit { UnitId = district, ClosedOn = reform }, CoreFixture.Admin)));
        await Run(s => s.MoveAsync(new MoveUnit { UnitId = commune, NewParentId = province, EffectiveOn = reform }, CoreFixture.Admin));
        await Run(s => s.CloseAsync(new CloseUnit { UnitId = district, ClosedOn = reform, SuccessorId = province }, CoreFixture.Admin));

        await using var db = core.Database.NewContext();
        Assert.Equal(reform, (await db.Units.SingleAsync(u => u.Id == district)).ClosedOn);
        var merged = await db.UnitEvents.SingleAsync(e => e.UnitId == district && e.Kind == UnitEventKind.Merged);
        Assert.Equal(province, merged.RelatedUnitId);
        // A closed unit keeps its last parent, so its old reports stay in the province's scope.
        Assert.Equal(province, (await Run(s => s.LoadTreeAsync(new DateOnly(2026, 1, 1)))).ParentOf(district));
    }

    [Theory]
    [InlineData("XÃ TRÀ TÂN")]
    [InlineData("a b")]
    [InlineData("")]
    public async Task CreateAsync_CodeWithSpacesOrDiacritics_Refused(string code)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => core.AddUnitAsync(code));

        Assert.Equal("Code", error.Field);
    }

    [Fact]
    public async Task CreateAsync_DuplicateCode_Refused()
    {
        var code = CoreFixture.Code("DUP");
        await core.AddUnitAsync(code);

        var error = await Assert.ThrowsAsync<DomainException>(() => core.AddUnitAsync(code.ToLowerInvariant()));

        Assert.Contains("đã được dùng", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NotAdmin_Forbidden()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Run(s => s.CreateAsync(
            new CreateUnit { Code = CoreFixture.Code("N"), Name = "n", Kind = UnitKind.Commune, PlaceName = "n", ValidFrom = new DateOnly(2025, 1, 1) },
            CoreFixture.As(1, DanVan.Core.Access.Roles.Consolidator))));
    }
}
