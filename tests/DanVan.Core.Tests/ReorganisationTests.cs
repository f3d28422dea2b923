using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>The rules of an arrangement, checked as a whole against a small tree, without a database.</summary>
public sealed class ReorganisationCheckTests
{
    private static readonly DateOnly July = new(2025, 7, 1);
    private const string Basis = "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025";

    // P (province) → H (district) → X1, X2, X3; P → S (department), all since 2020; X4 since 1/9/2025.
    private static readonly ExistingUnit[] Units =
    [
        new(1, "P", UnitKind.Province, "Tỉnh P", new(2020, 1, 1), null, new(2020, 1, 1), null),
        new(2, "H", UnitKind.District, "Huyện H", new(2020, 1, 1), null, new(2020, 1, 1), new(2020, 1, 1)),
        new(3, "X1", UnitKind.Commune, "Xã Một", new(2020, 1, 1), null, new(2020, 1, 1), new(2020, 1, 1)),
        new(4, "X2", UnitKind.Commune, "Xã Hai", new(2020, 1, 1), null, new(2020, 1, 1), new(2020, 1, 1)),
        new(5, "X3", UnitKind.Commune, "Xã Ba", new(2020, 1, 1), null, new(2020, 1, 1), new(2020, 1, 1)),
        new(6, "S", UnitKind.Department, "Sở S", new(2020, 1, 1), null, new(2020, 1, 1), new(2020, 1, 1)),
        new(7, "X4", UnitKind.Commune, "Xã Bốn", new(2025, 9, 1), null, new(2025, 9, 1), new(2025, 9, 1)),
    ];

    private static readonly (int, int, DateOnly)[] Links =
        [(2, 1, new(2020, 1, 1)), (3, 2, new(2020, 1, 1)), (4, 2, new(2020, 1, 1)), (5, 2, new(2020, 1, 1)), (6, 1, new(2020, 1, 1)), (7, 2, new(2025, 9, 1))];

    private static ReorganisationRow Row(int row, string code, string? name = null, string? parent = null, DateOnly? on = null, string? predecessors = null, bool dissolve = false, string? kind = "xã") => new()
    {
        Row = row,
        Code = code,
        Name = name,
        Kind = kind,
        ParentCode = parent,
        EffectiveOn = on ?? July,
        Predecessors = Reorganisation.ParsePredecessors(predecessors, out _)!,
        LegalBasis = Basis,
        Dissolve = dissolve,
    };

    private static Reorganisation Check(params ReorganisationRow[] rows) => Reorganisation.Check(rows, Units, Links);

    [Fact]
    public void Check_MergeIntoANewUnit_ClosesEachPredecessorWithTheSuccessor()
    {
        var plan = Check(Row(2, "XA", "Xã A", "H", predecessors: "X1; x2"));

        Assert.True(plan.Valid, string.Join(" | ", plan.Errors.Select(e => e.Text)));
        Assert.Equal(["X1", "X2"], plan.Closures.Select(c => c.Code).Order());
        Assert.All(plan.Closures, c => Assert.Equal(("XA", July, false), (c.SuccessorCode, c.On, c.Split)));
        Assert.True(Assert.Single(plan.Units).IsNew);
    }

    [Fact]
    public void Check_SplitWithShares_PartsRecordedAndTheOriginClosesWhenAllIsGiven()
    {
        var plan = Check(Row(2, "XB", "Xã B", "H", predecessors: "X3 (60%)"), Row(3, "XC", "Xã C", "H", predecessors: "X3 (40%)"));

        Assert.True(plan.Valid, string.Join(" | ", plan.Errors.Select(e => e.Text)));
        Assert.Equal([("XB", 0.6m), ("XC", 0.4m)], plan.Splits.Select(s => (s.SuccessorCode, s.Share)).Order());
        var closed = Assert.Single(plan.Closures);
        Assert.Equal(("X3", true, (string?)null), (closed.Code, closed.Split, closed.SuccessorCode));
    }

    [Fact]
    public void Check_SplitOffAPart_TheOriginContinues()
    {
        var plan = Check(Row(2, "XB", "Xã B", "H", predecessors: "X3 (40,5%)"));

        Assert.True(plan.Valid);
        Assert.Equal(0.405m, Assert.Single(plan.Splits).Share);
        Assert.Empty(plan.Closures);
    }

    [Fact]
    public void Check_SharesOverAHundred_Refused()
    {
        var plan = Check(Row(2, "XB", "Xã B", "H", predecessors: "X3 (60%)"), Row(3, "XC", "Xã C", "H", predecessors: "X3 (50%)"));

        var error = Assert.Single(plan.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("110%", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AUnitMergedTwice_RefusedOnTheSecondRow()
    {
        var plan = Check(Row(2, "XA", "Xã A", "H", predecessors: "X1; X2"), Row(3, "XB", "Xã B", "H", predecessors: "X2; X3"));

        var error = Assert.Single(plan.Errors);
        Assert.Equal(3, error.Row);
        Assert.StartsWith("Dòng 3: Đơn vị X2 đã được sáp nhập/chia tách ở dòng 2.", error.Text, StringComparison.Ordinal);
        Assert.StartsWith("Row 3: Unit X2 is already merged or split on row 2", error.EnglishText, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownPredecessorAndADateBeforeACreation_EachRowNamed()
    {
        var plan = Check(Row(2, "XA", "Xã A", "H", predecessors: "X1; KHONGCO"), Row(3, "XB", "Xã B", "H", predecessors: "X4"));

        Assert.Equal([2, 3], plan.Errors.Select(e => e.Row));
        Assert.Contains("Không có đơn vị mã KHONGCO", plan.Errors[0].Text, StringComparison.Ordinal);
        Assert.Contains("trước ngày đơn vị X4 được thành lập (01/09/2025)", plan.Errors[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TwoMovesMakingALoop_Refused()
    {
        var plan = Check(Row(2, "H", parent: "X1", kind: null));

        var error = Assert.Single(plan.Errors);
        Assert.Equal(2, error.Row);
        Assert.Contains("vòng lặp", error.Text, StringComparison.Ordinal);
        Assert.Contains("H → X1 → H", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TheSameDaysSeveralEvents_ANewParentTakesChildrenMergedAndMovedThatDay()
    {
        // The 2025 pattern: the district is dissolved the day its communes are merged or moved away.
        var plan = Check(
            Row(2, "XA", "Xã A", "P", predecessors: "X1; X2"),
            Row(3, "X3", "Phường Ba", "XA", kind: null),
            Row(4, "H", dissolve: true, kind: null));

        Assert.True(plan.Valid, string.Join(" | ", plan.Errors.Select(e => e.Text)));
        var planned = plan.Units.Single(u => u.Code == "X3");
        Assert.True(planned.Renames && planned.Moves);
        Assert.Contains(plan.Closures, c => c.Code == "H" && c.SuccessorCode is null);
    }

    [Fact]
    public void Check_AParentCreatedLaterThanItsChildMoves_Refused()
    {
        var plan = Check(Row(2, "XA", "Xã A", "P", on: new DateOnly(2025, 8, 1)), Row(3, "X3", parent: "XA", kind: null));

        var error = Assert.Single(plan.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("01/08/2025", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AUnitLeftUnderADissolvedParent_Refused()
    {
        var plan = Check(Row(2, "XA", "Xã A", "P", predecessors: "X1; X2"), Row(3, "H", dissolve: true, kind: null));

        Assert.Contains(plan.Errors, e => e.Row == 3 && e.Text.Contains("X3 vẫn trực thuộc H", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_MissingLegalBasisAndDate_Refused()
    {
        var plan = Check(Row(2, "XA", "Xã A", "H") with { LegalBasis = " ", EffectiveOn = null });

        Assert.Equal(2, plan.Errors.Count);
        Assert.Contains(plan.Errors, e => e.Text.Contains("căn cứ pháp lý", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadFile_CsvWithSemicolonsQuotesAndABadDate_RowNumberedErrors()
    {
        var csv = "Mã;Tên;Loại;Trực thuộc;Ngày hiệu lực;Đơn vị tiền thân;Căn cứ pháp lý\r\n"
            + "XA;\"Xã A; mới\";xã;P;01/07/2025;X1, X2;" + Basis + "\r\n"
            + "XB;Xã B;xã;P;31/06/2025;X3;" + Basis + "\r\n";

        var read = ReorganisationFile.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "phuong-an.csv");

        Assert.Equal("Xã A; mới", read.Rows[0].Name);
        Assert.Equal(["X1", "X2"], read.Rows[0].Predecessors.Select(p => p.Code));
        var error = Assert.Single(read.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("31/06/2025", error.Text, StringComparison.Ordinal);
    }
}

/// <summary>Arrangements applied to a real database (both engines): the dated tree, names and lineage on each side of the day.</summary>
[Collection(CoreCollection.Name)]
public sealed class ReorganisationServiceTests(CoreFixture core)
{
    private const string Basis = "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025";
    private static readonly DateOnly July = new(2025, 7, 1);

    private Task<T> Run<T>(Func<ReorganisationService, Task<T>> work) => core.RunAsync(sp => work(sp.GetRequiredService<ReorganisationService>()));

    private Task<T> Units<T>(Func<OrgUnitService, Task<T>> work) => core.RunAsync(sp => work(sp.GetRequiredService<OrgUnitService>()));

    private static ReorganisationRow Row(int row, string code, string? name, string? parent, string? predecessors = null, DateOnly? on = null, bool dissolve = false) => new()
    {
        Row = row,
        Code = code,
        Name = name,
        Kind = name is null ? null : "xã",
        ParentCode = parent,
        EffectiveOn = on ?? July,
        Predecessors = Reorganisation.ParsePredecessors(predecessors, out _)!,
        LegalBasis = Basis,
        Dissolve = dissolve,
    };

    [Fact]
    public async Task ApplyAsync_MergeSplitAndDissolve_TreeNamesAndLineageOnEachSideOfTheDay()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var x1 = await core.AddUnitAsync(CoreFixture.Code("X1"), district);
        var x2 = await core.AddUnitAsync(CoreFixture.Code("X2"), district);
        var x3 = await core.AddUnitAsync(CoreFixture.Code("X3"), district);
        var codes = await CodesAsync(province, district, x1, x2, x3);
        var (a, b, c) = (CoreFixture.Code("XA"), CoreFixture.Code("XB"), CoreFixture.Code("XC"));

        var result = await Run(s => s.ApplyAsync(
            [
                Row(2, a, "Ủy ban nhân dân xã Trà Bồng", codes[province], $"{codes[x1]}; {codes[x2]}"),
                Row(3, b, "Ủy ban nhân dân xã Bắc", codes[province], $"{codes[x3]} (60%)"),
                Row(4, c, "Ủy ban nhân dân xã Nam", codes[province], $"{codes[x3]} (40%)"),
                Row(5, codes[district], null, null, dissolve: true),
            ],
            CoreFixture.Admin));

        Assert.Equal(new ReorganisationResult(3, 0, 0, 2, 2, 1), result);
        await using var db = core.Database.NewContext();
        var ids = await db.Units.Where(u => u.Code == a || u.Code == b || u.Code == c).ToDictionaryAsync(u => u.Code, u => u.Id);
        Assert.Equal("Trà Bồng", await db.Units.Where(u => u.Id == ids[a]).Select(u => u.PlaceName).SingleAsync());
        Assert.Equal(July, await db.Units.Where(u => u.Id == x1).Select(u => u.ClosedOn).SingleAsync());
        Assert.Equal(July, await db.Units.Where(u => u.Id == district).Select(u => u.ClosedOn).SingleAsync());
        var merged = await db.UnitEvents.SingleAsync(e => e.UnitId == x1 && e.Kind == UnitEventKind.Merged);
        Assert.Equal((ids[a], Basis), (merged.RelatedUnitId, merged.LegalBasis));
        Assert.Equal(0.6m, await db.UnitEvents.Where(e => e.UnitId == ids[b] && e.Kind == UnitEventKind.Split).Select(e => e.Share).SingleAsync());

        var before = await Units(s => s.ListOnAsync(new DateOnly(2025, 6, 30), province));
        var after = await Units(s => s.ListOnAsync(July, province));
        Assert.Equal(new[] { codes[province], codes[district], codes[x1], codes[x2], codes[x3] }.Order(), before.Select(r => r.Code).Order());
        Assert.Equal(new[] { codes[province], a, b, c }.Order(), after.Select(r => r.Code).Order());
        Assert.All(after.Where(r => r.Id != province), r => Assert.Equal(province, r.ParentId));

        var lineage = await Run(s => s.LineageAsync(ids[a]));
        Assert.Equal([x1, x2], lineage.Predecessors.Select(p => p.UnitId).Order());
        Assert.All(lineage.Predecessors, p => Assert.Equal((UnitEventKind.Merged, July, Basis), (p.Kind, p.On, p.LegalBasis)));
        var origin = await Run(s => s.LineageAsync(x3));
        Assert.Equal([(ids[b], 0.6m), (ids[c], 0.4m)], origin.Successors.Select(s => (s.UnitId, s.Share!.Value)).Order());
    }

    [Fact]
    public async Task ApplyAsync_AChainOfArrangements_LineageFollowsEveryStepAndNamesEachUnitAsItEnded()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var x1 = await core.AddUnitAsync(CoreFixture.Code("X1"), province);
        var codes = await CodesAsync(province, x1);
        var (a, b) = (CoreFixture.Code("XA"), CoreFixture.Code("XB"));
        await Run(s => s.ApplyAsync([Row(0, codes[x1], "Xã Một (tên mới)", null, on: new DateOnly(2025, 3, 1))], CoreFixture.Admin));
        await Run(s => s.ApplyAsync([Row(2, a, "Xã A", codes[province], codes[x1])], CoreFixture.Admin));
        await Run(s => s.ApplyAsync([Row(2, b, "Phường B", codes[province], a, on: new DateOnly(2026, 1, 1))], CoreFixture.Admin));
        var idB = await core.RunAsync(sp => sp.GetRequiredService<Core.Data.DanVanDbContext>().Units.Where(u => u.Code == b).Select(u => u.Id).SingleAsync());

        var lineage = await Run(s => s.LineageAsync(idB));

        Assert.Equal([(a, 1), (codes[x1], 2)], lineage.Predecessors.Select(p => (p.Code, p.Depth)));
        Assert.Equal("Xã Một (tên mới)", lineage.Predecessors[1].Name);
        Assert.Equal("Đơn vị " + codes[x1], await Units(s => s.NameAsync(x1, new DateOnly(2025, 2, 28))));
    }

    [Fact]
    public async Task ApplyAsync_OneWrongRow_NothingIsSavedAndEveryReasonIsGivenByRow()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var x1 = await core.AddUnitAsync(CoreFixture.Code("X1"), province);
        var codes = await CodesAsync(province, x1);
        var good = CoreFixture.Code("XA");

        var refused = await Assert.ThrowsAsync<ReorganisationException>(() => Run(s => s.ApplyAsync(
            [Row(2, good, "Xã A", codes[province], codes[x1]), Row(3, CoreFixture.Code("XB"), "Xã B", codes[province], codes[x1])],
            CoreFixture.Admin)));

        Assert.Equal(3, Assert.Single(refused.Errors).Row);
        Assert.Contains("Row 3:", refused.English, StringComparison.Ordinal);
        await using var db = core.Database.NewContext();
        Assert.False(await db.Units.AnyAsync(u => u.Code == good));
        Assert.Null(await db.Units.Where(u => u.Id == x1).Select(u => u.ClosedOn).SingleAsync());
    }

    [Fact]
    public async Task ApplyAsync_NotAnAdministrator_Forbidden()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);

        await Assert.ThrowsAsync<Core.ForbiddenException>(() => Run(s => s.ApplyAsync(
            [Row(2, CoreFixture.Code("XA"), "Xã A", null)], CoreFixture.As(province, Core.Access.Roles.Consolidator))));
    }

    [Fact]
    public async Task People_MergedUnitsUsersMoveToTheSuccessor_DissolvedUnitsUsersReassignedOrDisabled_EachStampRenewed()
    {
        // Arrange: a district and its two communes, each with users; the fixture's clock stands on 10/4/2025.
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var district = await core.AddUnitAsync(CoreFixture.Code("H"), province, kind: UnitKind.District);
        var x1 = await core.AddUnitAsync(CoreFixture.Code("X1"), district);
        var x2 = await core.AddUnitAsync(CoreFixture.Code("X2"), district);
        var untouched = await core.AddUnitAsync(CoreFixture.Code("X3"), province);
        var codes = await CodesAsync(province, district, x1, x2);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var people = new Dictionary<string, string>();
        foreach (var (name, unit, role) in new[] { ("cb1", x1, Roles.Staff), ("ld2", x2, Roles.Leader), ("cbh", district, Roles.Staff), ("thh", district, Roles.Consolidator), ("cb3", untouched, Roles.Staff) })
        {
            people[name] = await core.RunAsync(sp => sp.GetRequiredService<UserAdminService>().CreateAsync(
                new CreateUser { UserName = $"{name}.{tag}", FullName = name, UnitId = unit, Role = role, Password = CoreFixture.Password }, CoreFixture.Admin));
        }

        var stampsBefore = await StampsAsync(people.Values);
        var a = CoreFixture.Code("XA");
        var april = new DateOnly(2025, 4, 1);
        await Run(s => s.ApplyAsync(
            [Row(2, a, "Ủy ban nhân dân xã Trà Bồng", codes[province], $"{codes[x1]}; {codes[x2]}", april), Row(3, codes[district], null, null, on: april, dissolve: true)],
            CoreFixture.Admin));
        var successor = await core.RunAsync(sp => sp.GetRequiredService<Core.Data.DanVanDbContext>().Units.Where(u => u.Code == a).Select(u => u.Id).SingleAsync());
        Task<T> People<T>(Func<UnitPeopleService, Task<T>> work) => core.RunAsync(sp => work(sp.GetRequiredService<UnitPeopleService>()));

        // Act
        var listed = (await People(s => s.StrandedAsync())).Where(p => p.UserName.EndsWith(tag, StringComparison.Ordinal)).ToList();
        await Assert.ThrowsAsync<Core.ForbiddenException>(() => People(s => s.MoveToSuccessorsAsync(CoreFixture.As(province, Roles.Consolidator))));
        await People(async s => { await s.DisableAsync(people["thh"], CoreFixture.Admin); return 0; });
        var moved = await People(s => s.MoveToSuccessorsAsync(CoreFixture.Admin));
        var closedUnit = await Assert.ThrowsAsync<Core.DomainException>(() => People(async s => { await s.ReassignAsync(people["cbh"], x1, CoreFixture.Admin); return 0; }));
        await People(async s => { await s.ReassignAsync(people["cbh"], province, CoreFixture.Admin); return 0; });
        var left = (await People(s => s.StrandedAsync())).Where(p => p.UserName.EndsWith(tag, StringComparison.Ordinal)).ToList();

        // Assert: the communes' people listed with the new commune, the district's with none; after the moves only the
        // consolidator is left, disabled as the user administration disables anyone (audited); every account touched
        // has a new security stamp, the untouched one not.
        Assert.Equal([($"cb1.{tag}", (int?)successor), ($"cbh.{tag}", null), ($"ld2.{tag}", successor), ($"thh.{tag}", null)],
            listed.Select(p => (p.UserName, p.SuccessorId)).OrderBy(p => p.UserName, StringComparer.Ordinal));
        Assert.True(moved >= 2);
        Assert.Equal("UnitId", closedUnit.Field);
        var after = await StampsAsync(people.Values);
        await using var db = core.Database.NewContext();
        var units = await db.Users.Where(u => people.Values.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.UnitId, u.DisabledAt));
        Assert.Equal([successor, successor, province, district, untouched], new[] { "cb1", "ld2", "cbh", "thh", "cb3" }.Select(n => units[people[n]].UnitId));
        Assert.NotNull(units[people["thh"]].DisabledAt);
        Assert.Equal([$"thh.{tag}"], await db.AuditEvents.Where(e => e.Kind == Core.Audit.AuditKind.UserDisabled && e.Target!.EndsWith(tag)).Select(e => e.Target).ToListAsync());
        Assert.True(left.Single().Disabled);
        Assert.Equal([$"thh.{tag}"], left.Select(p => p.UserName));
        Assert.All(new[] { "cb1", "ld2", "cbh", "thh" }, n => Assert.NotEqual(stampsBefore[people[n]], after[people[n]]));
        Assert.Equal(stampsBefore[people["cb3"]], after[people["cb3"]]);
    }

    private async Task<Dictionary<string, string?>> StampsAsync(IEnumerable<string> userIds)
    {
        var ids = userIds.ToList();
        await using var db = core.Database.NewContext();
        return await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.SecurityStamp);
    }

    private async Task<Dictionary<int, string>> CodesAsync(params int[] ids)
    {
        await using var db = core.Database.NewContext();
        return await db.Units.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code);
    }
}
