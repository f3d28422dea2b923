using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Audit;
using DanVan.Core.Citations;
using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Citations;

/// <summary>Issue 17 item 11: administrators add and correct registry entries through one service, checked and audited.</summary>
public sealed class LegalDocumentServiceTests : IAsyncLifetime
{
    private readonly CoreFixture core = new();

    public Task InitializeAsync() => core.InitializeAsync();

    public Task DisposeAsync() => core.DisposeAsync();

    private static LegalDocumentInput Input(string number, string type = DocumentTypes.KeHoach, string? supersededBy = null, DateOnly? supersededFrom = null) => new()
    {
        Number = number,
        Type = type,
        Title = "Thực hiện công tác dân vận chính quyền năm 2025",
        IssuedOn = new DateOnly(2025, 1, 10),
        Issuer = "Ủy ban nhân dân tỉnh Quảng Ngãi",
        SupersededBy = supersededBy,
        SupersededFrom = supersededFrom,
        Source = "Công báo tỉnh Quảng Ngãi",
    };

    private Task<KnownDocument> SaveAsync(LegalDocumentInput input, string? editing = null, Actor? actor = null) =>
        core.RunAsync(sp => sp.GetRequiredService<LegalDocumentService>().SaveAsync(input, editing, actor ?? CoreFixture.Admin));

    /// <summary>An administrator's correction of a shipped entry: replaced by <paramref name="by"/> from 1/2/2025.</summary>
    private Task<KnownDocument> ReplaceAsync(KnownDocument shipped, string by, string editing) => SaveAsync(new LegalDocumentInput
    {
        Number = shipped.Number,
        Type = shipped.Type,
        Title = shipped.Title,
        IssuedOn = shipped.IssuedOn,
        Issuer = shipped.Issuer,
        SupersededBy = by,
        SupersededFrom = new DateOnly(2025, 2, 1),
        Source = "Thử nghiệm",
    }, editing);

    private Task<LegalRegistry> RegistryAsync() => core.RunAsync(sp => sp.GetRequiredService<LegalDocumentService>().RegistryAsync());

    [Fact]
    public async Task SaveAsync_NewDocument_InRegistryBesideShippedOnesAndAudited()
    {
        await SaveAsync(Input("15/KH-UBND"));

        var registry = await RegistryAsync();
        Assert.Equal("Ủy ban nhân dân tỉnh Quảng Ngãi", registry.Find("15/KH-UBND")?.Issuer);
        Assert.NotNull(registry.Find("33/CT-TTg"));
        var audit = await core.RunAsync(async sp => await sp.GetRequiredService<DanVanDbContext>().AuditEvents.Where(e => e.Kind == AuditKind.LegalDocumentAdded).ToListAsync());
        Assert.Equal("15/KH-UBND", Assert.Single(audit).Target);
    }

    [Fact]
    public async Task SaveAsync_CorrectsShippedDocument_CorrectionWinsAndListSaysSo()
    {
        await SaveAsync(Input("16/KH-UBND"));
        var shipped = LegalRegistry.Default.Find("33/CT-TTg")!;

        await ReplaceAsync(shipped, "16/KH-UBND", editing: "33/ct-ttg");

        var rows = await core.RunAsync(sp => sp.GetRequiredService<LegalDocumentService>().ListAsync());
        var row = Assert.Single(rows, r => r.Document.Number == "33/CT-TTg");
        Assert.Equal((LegalDocumentOrigin.Corrected, "16/KH-UBND"), (row.Origin, row.Document.SupersededBy));
        Assert.Equal(LegalDocumentOrigin.Added, Assert.Single(rows, r => r.Document.Number == "16/KH-UBND").Origin);
        Assert.True((await RegistryAsync()).Find("33/CT-TTg")!.IsSupersededOn(new DateOnly(2025, 2, 1)));
        Assert.Equal(LegalRegistry.Default.Documents.Count + 1, rows.Count);
    }

    [Fact]
    public async Task Import_ReadsCitationsAgainstTheRegistryInUse_AnAdministratorsCorrectionFlagsTheCitation()
    {
        var shipped = LegalRegistry.Default.Find("33/CT-TTg")!;
        var file = await File.ReadAllBytesAsync(Fixtures.Import("bulk/an-binh.docx")); // cites Chỉ thị số 33/CT-TTg; dated 17/3/2025
        using var libreOffice = new Core.Export.PdfConverter(null, TimeSpan.FromSeconds(5));
        static bool Flagged(Core.Import.WordFile read) =>
            read.Report.Citations.Where(c => c.Number == "33/CT-TTg").Select(c => c.Problems.Contains(CitationProblems.Superseded)).Distinct().Single();
        var before = await Core.Import.WordFile.ReadAsync(file, libreOffice, CancellationToken.None, await RegistryAsync());

        await SaveAsync(Input("17/KH-UBND"));
        await ReplaceAsync(shipped, "17/KH-UBND", editing: shipped.Number);
        var after = await Core.Import.WordFile.ReadAsync(file, libreOffice, CancellationToken.None, await RegistryAsync());

        Assert.False(Flagged(before));
        Assert.True(Flagged(after));
    }

    [Fact]
    public async Task SaveAsync_NumberAlreadyListed_RefusedSayingEditIt()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(Input("09/2019/NĐ-CP", DocumentTypes.NghiDinh)));

        Assert.Equal("Number", ex.Field);
        Assert.Contains("đã có trong danh mục", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Number")]
    [InlineData("không có gạch chéo", "Number")]
    [InlineData("17/QĐ-UBND", "Type")]
    public async Task SaveAsync_BadNumberOrTypeAgainstSymbol_RefusedOnThatField(string number, string field)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(Input(number)));

        Assert.Equal(field, ex.Field);
        Assert.Empty(await core.RunAsync(async sp => await sp.GetRequiredService<DanVanDbContext>().LegalDocuments.ToListAsync()));
    }

    [Fact]
    public async Task SaveAsync_ReplacementNotListedOrWithoutDate_Refused()
    {
        var unlisted = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(Input("18/KH-UBND", supersededBy: "99/KH-UBND", supersededFrom: new DateOnly(2025, 3, 1))));
        var undated = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(Input("18/KH-UBND", supersededBy: "10/2022/QH15")));
        var dateAlone = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(Input("18/KH-UBND", supersededFrom: new DateOnly(2025, 3, 1))));

        Assert.Equal(("SupersededBy", "SupersededFrom", "SupersededBy"), (unlisted.Field, undated.Field, dateAlone.Field));
    }

    [Fact]
    public async Task SaveAsync_TwoDocumentsReplacingEachOther_Refused()
    {
        await SaveAsync(Input("19/KH-UBND"));
        await SaveAsync(Input("20/KH-UBND", supersededBy: "19/KH-UBND", supersededFrom: new DateOnly(2025, 2, 1)));

        var ex = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(Input("19/KH-UBND", supersededBy: "20/KH-UBND", supersededFrom: new DateOnly(2025, 2, 1)), editing: "19/KH-UBND"));

        Assert.Equal("SupersededBy", ex.Field);
        Assert.Null((await RegistryAsync()).Find("19/KH-UBND")!.SupersededBy);
    }

    [Fact]
    public async Task SaveAsync_EditChangingNumber_Refused()
    {
        await SaveAsync(Input("21/KH-UBND"));

        var ex = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(Input("22/KH-UBND"), editing: "21/KH-UBND"));

        Assert.Equal("Number", ex.Field);
        Assert.Null((await RegistryAsync()).Find("22/KH-UBND"));
    }

    [Fact]
    public async Task SaveAsync_NotAdmin_Forbidden()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => SaveAsync(Input("23/KH-UBND"), actor: CoreFixture.As(1, Roles.Consolidator)));
    }

    [Fact]
    public void CitedDocuments_ShippedReplacedOrdinanceAndUnknownPlan_StatusOnReportDate()
    {
        string[] sections =
        [
            "Thực hiện Pháp lệnh số 34/2007/PL-UBTVQH11 và Kế hoạch số 2040/KH-UBND ngày 15/3/2024 của UBND tỉnh.",
            null!,
            "Tiếp tục thực hiện Pháp lệnh 34/2007/PL-UBTVQH11; Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.",
        ];

        var cited = CitedDocuments.In(sections, new DateOnly(2025, 3, 20), LegalRegistry.Default);

        Assert.Equal(["34/2007/PL-UBTVQH11", "2040/KH-UBND", "33/CT-TTg"], cited.Select(c => c.Number));
        Assert.Equal([true, false, false], cited.Select(c => c.Superseded));
        Assert.Equal("10/2022/QH15", cited[0].Known?.SupersededBy);
        Assert.Null(cited[1].Known);
        Assert.False(CitedDocuments.In(sections, new DateOnly(2023, 6, 30), LegalRegistry.Default)[0].Superseded);
    }
}
