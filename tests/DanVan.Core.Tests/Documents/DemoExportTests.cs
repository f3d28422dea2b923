using DanVan.Core.Consolidation;
using DanVan.Core.Decree30;
using DanVan.Core.Demo;
using DanVan.Core.Export;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests.Documents;

/// <summary>
/// The demo's two real reports and the consolidated report of the demo province as the export prints them: the same
/// rules for every issued report — a number, "Kính gửi" the body that reviews it, "Lưu" under a body, never a person.
/// </summary>
public sealed class DemoExportTests : IAsyncLifetime
{
    private readonly CoreFixture core = new();

    public async Task InitializeAsync()
    {
        await core.InitializeAsync();
        Assert.True(await core.RunAsync(sp => sp.GetRequiredService<DemoData>().SeedAsync(CoreFixture.Password)));
    }

    public Task DisposeAsync() => core.DisposeAsync();

    private Task<OfficialDocument> DocumentAsync(int reportId) => core.RunAsync(async sp =>
        await sp.GetRequiredService<ReportExportService>().DocumentAsync(await sp.GetRequiredService<ReportService>().GetAsync(reportId, CoreFixture.Admin)));

    private Task<int> FindAsync(string unit, string period) => core.RunAsync(sp => sp.GetRequiredService<ReportExportService>().FindAsync(unit, period));

    [Fact]
    public async Task BoardReport_NumberedAddressedToSoNoiVuFiledUnderTheBoard()
    {
        var document = await DocumentAsync(await FindAsync("LD-BQLDAGT", "2024-07"));

        Assert.Equal("112/BC-BQLDAGT", document.Number);
        Assert.Equal(new DateOnly(2024, 7, 26), document.Date);
        // The plan is the province's, reviewed by its Sở Nội vụ, which the report's last line asks to "xem xét và tổng hợp".
        Assert.Equal(["Sở Nội vụ tỉnh Lâm Đồng"], document.Addressees);
        Assert.Equal(["Như trên"], document.Recipients);
        Assert.Equal("VT, BQLDAGT", document.Filing);
        Assert.Equal(("GIÁM ĐỐC", "Phạm Quốc Dũng"), (document.Signer.Title, document.Signer.Name));
    }

    [Fact]
    public async Task CommuneReport_NumberedAddressedToTheDistrictHeadingApartFromItsText()
    {
        var document = await DocumentAsync(await FindAsync("QNG-TRATAN", "2025-Q1"));

        Assert.Equal("05/BC-UBND", document.Number);
        Assert.Equal(["Ủy ban nhân dân huyện Trà Bồng"], document.Addressees);
        Assert.Equal("VT, VP", document.Filing);
        var body = document.Body.ToList();
        var coordination = body.FindIndex(b => b is DocumentHeading h && h.Text.StartsWith("7. ", StringComparison.Ordinal));
        Assert.EndsWith("xây dựng chính quyền vững mạnh", ((DocumentHeading)body[coordination]).Text, StringComparison.Ordinal);
        Assert.StartsWith("Thực hiện Quyết định số 217-QĐ/TW", Assert.IsType<DocumentParagraph>(body[coordination + 1]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsolidatedReport_AddressedAsItsPlanSaysFiledUnderSoNoiVu()
    {
        var reportId = await core.RunAsync(async sp =>
        {
            var consolidation = sp.GetRequiredService<ConsolidationService>();
            var plan = await consolidation.FindPlanAsync("LD-SNV", "2024-07");
            return (await consolidation.ConsolidateAsync(new Consolidate { PlanId = plan, Period = "2024-07" }, CoreFixture.Admin)).ReportId;
        });

        var document = await DocumentAsync(reportId);

        Assert.Equal(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"], document.IssuingBody);
        Assert.Equal(Plan.ProvinceAddressees, document.Addressees);
        Assert.Equal(Plan.ProvinceRecipients, document.Recipients);
        Assert.Equal("VT, SNV", document.Filing);
    }
}
