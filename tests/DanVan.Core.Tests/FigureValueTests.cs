using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Import;
using DanVan.Core.OrgUnits;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Word;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>Issue 16.3: one rule for a figure's value, whether typed, sent to the API or read from a Word table.</summary>
[Collection(CoreCollection.Name)]
public sealed class FigureValueTests(CoreFixture core)
{
    [Theory]
    [InlineData("95,5", 95.5)]
    [InlineData("95.5", 95.5)]
    [InlineData(" 95,5 % ", 95.5)]
    [InlineData("100", 100)]
    [InlineData("0", 0)]
    [InlineData("0.125", 0.125)]
    public void Parse_PercentageTypedEitherWay_ReadAsMeant(string typed, double expected) =>
        Assert.Equal(((decimal?)expected, (Refusal?)null), FigureValue.Parse(typed, FigureKind.DecimalNumber, "%"));

    [Theory]
    [InlineData("955", "0 đến 100")]
    [InlineData("100,5", "0 đến 100")]
    [InlineData("-1", "0 đến 100")]
    [InlineData("95.500", "không rõ là số nghìn hay số thập phân")]
    [InlineData("95,5,5", "không phải là số")]
    [InlineData("chín lăm", "không phải là số")]
    public void Parse_PercentageOutOfRangeOrUnclear_RefusedWithTheReason(string typed, string reason)
    {
        var (value, error) = FigureValue.Parse(typed, FigureKind.DecimalNumber, "%");

        Assert.Null(value);
        Assert.Contains(reason, error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.234", 1234)]
    [InlineData("12.345.678", 12345678)]
    [InlineData("1 234", 1234)]
    [InlineData("12", 12)]
    public void Parse_WholeNumber_DotsGroupThousands(string typed, double expected) =>
        Assert.Equal(((decimal?)expected, (Refusal?)null), FigureValue.Parse(typed, FigureKind.WholeNumber, "cuộc"));

    [Theory]
    [InlineData("12,5")]
    [InlineData("12.5")]
    [InlineData("1,234")]
    public void Parse_WholeNumberWithDecimals_Refused(string typed) =>
        Assert.Contains("không phải là số nguyên", FigureValue.Parse(typed, FigureKind.WholeNumber, "cuộc").Error!.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("1.234.567", 1234567)]
    [InlineData("1,234", 1.234)]
    [InlineData("1234", 1234)]
    [InlineData("-2,5", -2.5)]
    public void Parse_DecimalNumber_VietnameseAndSpreadsheetWriting(string typed, double expected) =>
        Assert.Equal(((decimal?)expected, (Refusal?)null), FigureValue.Parse(typed, FigureKind.DecimalNumber, "triệu đồng"));

    [Fact]
    public void Parse_DecimalFigureWithOneDotBeforeThreeDigits_RefusedNamingBothReadings()
    {
        var (value, error) = FigureValue.Parse("1.234", FigureKind.DecimalNumber, "triệu đồng");

        Assert.Null(value);
        Assert.Contains("viết 1234 nếu là số nghìn, 1,234 nếu là số thập phân", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12.5, FigureKind.WholeNumber, "cuộc", "không phải là số nguyên")]
    [InlineData(955, FigureKind.DecimalNumber, "%", "0 đến 100")]
    [InlineData(1.23456, FigureKind.DecimalNumber, "", "quá 4 chữ số")]
    [InlineData(1e15, FigureKind.DecimalNumber, "", "quá lớn")]
    public void Check_ValueAlreadyRead_RefusedWithTheReason(double value, FigureKind kind, string unit, string reason) =>
        Assert.Contains(reason, FigureValue.Check((decimal)value, kind, unit)!.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(1234.5)]
    [InlineData(1234)]
    [InlineData(0.125)]
    public void Format_ReadsBackAsTheSameDecimal(double value) =>
        Assert.Equal(((decimal?)value, (Refusal?)null), FigureValue.Parse(FigureValue.Format((decimal)value), FigureKind.DecimalNumber, ""));

    [Fact]
    public void FigureExtractor_WordTableWithDotDecimal_ReadAs95Point5NotAs955()
    {
        var document = new ImportedReport { Sections = [new ImportedSection { Tables = [[["Tỷ lệ giải quyết đơn", "95.5", "%"], ["Lượt người dự", "1.250", "lượt"]]] }] };

        Assert.Equal([new FigureInput("Tỷ lệ giải quyết đơn", 95.5m, "%"), new FigureInput("Lượt người dự", 1250, "lượt")], FigureExtractor.FromTables(document));
    }

    [Fact]
    public async Task SaveFiguresAsync_WholeNumberWithDecimalsOrPercentOver100_RefusedAndNothingSaved()
    {
        var (reportId, staff, whole, percent) = await ReportUnderPlanAsync();
        Task<int> Save(params FigureInput[] figures) => core.RunAsync(sp => sp.GetRequiredService<ReportService>().SaveFiguresAsync(
            new SaveFigures { ReportId = reportId, Figures = figures, ExpectedVersion = 0 }, staff));

        var fraction = await Assert.ThrowsAsync<DomainException>(() => Save(new FigureInput("Số cuộc đối thoại", 12.5m, "cuộc", whole)));
        var over = await Assert.ThrowsAsync<DomainException>(() => Save(new FigureInput("Tỷ lệ giải quyết đơn", 955, "%", percent)));
        var ownOver = await Assert.ThrowsAsync<DomainException>(() => Save(new FigureInput("Tỷ lệ hài lòng", 120, "%")));

        Assert.Equal(("Figures[0].Value", true), (fraction.Field, fraction.Message.Contains("không phải là số nguyên", StringComparison.Ordinal)));
        Assert.Contains("0 đến 100", over.Message, StringComparison.Ordinal);
        Assert.Contains("0 đến 100", ownOver.Message, StringComparison.Ordinal);
        await using (var db = core.Database.NewContext())
        {
            Assert.False(await db.ReportFigures.AnyAsync(f => f.ReportId == reportId));
        }

        await Save(new FigureInput("Số cuộc đối thoại", 12, "cuộc", whole), new FigureInput("Tỷ lệ giải quyết đơn", 95.5m, "%", percent));
        await using var check = core.Database.NewContext();
        Assert.Equal([12m, 95.5m], await check.ReportFigures.Where(f => f.ReportId == reportId).OrderBy(f => f.Order).Select(f => f.Value).ToListAsync());
    }

    [Fact]
    public async Task ImportApplyAsync_FigureAnsweringThePlansPercentageOver100_RefusedNamingIt_ValidOneAnswersThePlan()
    {
        var (reportId, staff, _, percent) = await ReportUnderPlanAsync();
        async Task ImportAsync(string value)
        {
            // A file whose table has the row "tỷ lệ giải quyết đơn | value".
            var preview = await ReportImportServiceTests.StageAsync(core, reportId, staff, ReportImportServiceTests.Reading(("tỷ lệ giải quyết đơn", value, "")));
            await core.RunAsync(sp => sp.GetRequiredService<ReportImportService>().ApplyAsync(
                reportId, preview.Token, new ImportChoices { Targets = preview.Sections.ToDictionary(s => s.Id, _ => ReportImportService.Skip) }, staff));
        }

        var error = await Assert.ThrowsAsync<DomainException>(() => ImportAsync("955"));

        Assert.Contains("\"tỷ lệ giải quyết đơn\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 đến 100", error.Message, StringComparison.Ordinal);
        Assert.Contains("0-100", error.English, StringComparison.Ordinal);
        await ImportAsync("95,5");
        await using var db = core.Database.NewContext();
        var saved = await db.ReportFigures.SingleAsync(f => f.ReportId == reportId);
        Assert.Equal((95.5m, (int?)percent), (saved.Value, saved.PlanFigureId));
    }

    private async Task<(int ReportId, Actor Staff, int Whole, int Percent)> ReportUnderPlanAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, UnitKind.Department);
        var commune = await core.AddUnitAsync(CoreFixture.Code("C"), province);
        var planId = await core.RunAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            PlanInput.Draft(new DateOnly(2025, 1, 1)) with
            {
                Number = "156/KH-UBND",
                IssuedOn = new DateOnly(2025, 1, 2),
                Summary = "Thực hiện công tác dân vận chính quyền năm 2025",
                FirstPeriod = "2025-Q1",
                LockAfterDays = null,
                Figures =
                [
                    new("Số cuộc đối thoại", "cuộc", FigureKind.WholeNumber, Rollup.Sum),
                    new("Tỷ lệ giải quyết đơn", "%", FigureKind.DecimalNumber, Rollup.Mean),
                ],
            },
            CoreFixture.As(snv, Roles.Consolidator)));
        var staff = CoreFixture.As(commune, Roles.Staff);
        var reportId = await core.RunAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-Q1" }, staff));
        await using var db = core.Database.NewContext();
        var ids = await db.PlanFigures.Where(f => f.PlanId == planId).OrderBy(f => f.Order).Select(f => f.Id).ToListAsync();
        return (reportId, staff, ids[0], ids[1]);
    }
}
