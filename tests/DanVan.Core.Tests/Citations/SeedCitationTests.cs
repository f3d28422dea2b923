using DanVan.Core.Citations;

namespace DanVan.Tests.Citations;

/// <summary>Every paragraph of the two seed reports that cites a document, as the reports wrote them.</summary>
public sealed class SeedCitationTests
{
    // The reports' own dates: Ban QLDA giao thông Lâm Đồng reports on July 2024, UBND xã Trà Tân on quarter I/2025.
    private static readonly DateOnly BqldaReportDate = new(2024, 7, 31);
    private static readonly DateOnly TraTanReportDate = new(2025, 3, 31);

    [Fact]
    public void Find_BqldaOpening_ProvincialPlan()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.Bqlda2040Plan, BqldaReportDate),
            new ExpectedCitation("kế hoạch", "2040/KH-UBND", "2024-03-15", "Ủy ban nhân dân tỉnh Lâm Đồng"));
    }

    [Fact]
    public void Find_BqldaLeadership_DirectiveWithTypoedDateAndCoordinationProgramme()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.BqldaLeadership, BqldaReportDate),
            new ExpectedCitation("chỉ thị", "33/CT-TTg", null, "Thủ tướng Chính phủ", CitationProblems.MalformedDate),
            new ExpectedCitation(
                "chương trình phối hợp",
                "24-CTr/BDVTU-BCSĐUBND",
                "2022-05-09",
                "Ban Dân vận Tỉnh ủy và Ban cán sự đảng Ủy ban nhân dân tỉnh Lâm Đồng"));
    }

    [Fact]
    public void Find_BqldaDiscipline_OfficialLetterAndProvincialDirective()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.BqldaDiscipline, BqldaReportDate),
            new ExpectedCitation("công văn", "9372/UBND-VX2", "2023-10-26", "UBND tỉnh"),
            new ExpectedCitation("chỉ thị", "10/CT-UBND", "2023-10-27", "UBND tỉnh"));
    }

    [Fact]
    public void Find_TraTanOpening_DistrictPlan()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.TraTan42Plan, TraTanReportDate),
            new ExpectedCitation("kế hoạch", "42/KH-UBND", "2025-03-21", "UBND huyện Trà Bồng"));
    }

    [Fact]
    public void Find_TraTanLeadership_OwnPlanWithoutIssuer()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.TraTanLeadership, TraTanReportDate),
            new ExpectedCitation("kế hoạch", "44/KH-UBND", "2025-02-27", null));
    }

    [Fact]
    public void Find_TraTanPropaganda_DirectiveInMixedNormalisationText()
    {
        var citations = CitationAssert.Find(SeedParagraphs.TraTanPropaganda, TraTanReportDate);

        CitationAssert.All(citations, new ExpectedCitation("chỉ thị", "33/CT-TTg", "2021-11-26", "Thủ tướng Chính phủ"));
        Assert.Equal("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ", citations[0].Text);
    }

    [Fact]
    public void Find_TraTanGrassrootsDemocracy2025_RepealedOrdinanceIsSuperseded()
    {
        var citations = CitationAssert.Find(SeedParagraphs.TraTanGrassroots, TraTanReportDate);

        CitationAssert.All(citations, new ExpectedCitation("pháp lệnh", "34/2007/PL-UBTVQH11", null, null, CitationProblems.Superseded));
        Assert.Equal("Pháp lệnh số 34/2007/PL-UBTVQH 11", citations[0].Text);
    }

    [Fact]
    public void Find_TraTanGrassrootsDemocracyIn2022_OrdinanceStillInForce()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.TraTanGrassroots, new DateOnly(2022, 12, 31)),
            new ExpectedCitation("pháp lệnh", "34/2007/PL-UBTVQH11", null, null));
    }

    [Fact]
    public void Find_TraTanReform_GovernmentResolution()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.TraTanReform, TraTanReportDate),
            new ExpectedCitation("nghị quyết", "76/NQ-CP", "2021-07-15", "Chính phủ"));
    }

    [Fact]
    public void Find_TraTanFootnote_OfficialLetterWithoutTypeAbbreviation()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.TraTanFootnote, TraTanReportDate),
            new ExpectedCitation("công văn", "50/UBND", "2024-03-06", "UBND xã"));
    }

    [Fact]
    public void Find_TraTanFront_TwoPolitburoDecisionsShareDateAndIssuer()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.TraTanFront, TraTanReportDate),
            new ExpectedCitation("quyết định", "217-QĐ/TW", "2013-12-12", "Bộ chính trị khóa XI"),
            new ExpectedCitation("quyết định", "218-QĐ/TW", "2013-12-12", "Bộ chính trị khóa XI"));
    }

    [Fact]
    public void Find_TraTanNextLeadership_Directive()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.TraTanNextLeadership, TraTanReportDate),
            new ExpectedCitation("chỉ thị", "33/CT-TTg", "2021-11-26", "Thủ tướng Chính phủ"));
    }

    [Fact]
    public void Find_TraTanNextReform_GovernmentResolution()
    {
        CitationAssert.All(
            CitationAssert.Find(SeedParagraphs.TraTanNextReform, TraTanReportDate),
            new ExpectedCitation("nghị quyết", "76/NQ-CP", "2021-07-15", "Chính phủ"));
    }

    [Theory]
    [InlineData(SeedParagraphs.BqldaNoCitation)]
    [InlineData(SeedParagraphs.TraTanEconomy)]
    [InlineData(SeedParagraphs.TraTanCulture)]
    public void Find_SeedParagraphWithoutCitation_FindsNothing(string paragraph)
    {
        Assert.Empty(CitationAssert.Find(paragraph, TraTanReportDate));
    }
}
