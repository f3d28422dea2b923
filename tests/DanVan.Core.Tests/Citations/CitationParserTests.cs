using System.Text;
using DanVan.Core.Citations;

namespace DanVan.Tests.Citations;

public sealed class CitationParserTests
{
    [Theory]
    [InlineData("Kế hoạch số 2040/KH-UBND ngày 15/3/2024 của Ủy ban nhân dân tỉnh Lâm Đồng về việc thực hiện công tác dân vận",
        "Kế hoạch số 2040/KH-UBND ngày 15/3/2024 của Ủy ban nhân dân tỉnh Lâm Đồng",
        "kế hoạch", "2040/KH-UBND", "2024-03-15", "Ủy ban nhân dân tỉnh Lâm Đồng", "")]
    [InlineData("Chương trình phối hợp số 24-CTr/BDVTU-BCSĐUBND ngày 09/5/2022 giữa Ban Dân vận Tỉnh ủy và Ban cán sự đảng Ủy ban nhân dân tỉnh về công tác dân vận",
        "Chương trình phối hợp số 24-CTr/BDVTU-BCSĐUBND ngày 09/5/2022 giữa Ban Dân vận Tỉnh ủy và Ban cán sự đảng Ủy ban nhân dân tỉnh",
        "chương trình phối hợp", "24-CTr/BDVTU-BCSĐUBND", "2022-05-09", "Ban Dân vận Tỉnh ủy và Ban cán sự đảng Ủy ban nhân dân tỉnh", "")]
    [InlineData("Thực hiện nghiêm Văn bản số 9372/UBND-VX2 ngày 26/10/2023 của UBND tỉnh về việc tiếp tục chấn chỉnh",
        "Văn bản số 9372/UBND-VX2 ngày 26/10/2023 của UBND tỉnh",
        "công văn", "9372/UBND-VX2", "2023-10-26", "UBND tỉnh", "")]
    [InlineData("Chỉ thị số 10/CT-UBND ngày 27/10/2023",
        "Chỉ thị số 10/CT-UBND ngày 27/10/2023",
        "chỉ thị", "10/CT-UBND", "2023-10-27", null, "")]
    [InlineData("theo Pháp lệnh số 34/2007/PL-UBTVQH 11: UBND đã tổ chức",
        "Pháp lệnh số 34/2007/PL-UBTVQH 11",
        "pháp lệnh", "34/2007/PL-UBTVQH11", null, null, "")]
    [InlineData("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành chương trình tổng thể cải cách hành chính",
        "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
        "nghị quyết", "76/NQ-CP", "2021-07-15", "Chính phủ", "")]
    [InlineData("Chỉ thị số 33/CT-TTg ngày 26/112021 của Thủ tướng Chính phủ về tiếp tục tăng cường",
        "Chỉ thị số 33/CT-TTg ngày 26/112021 của Thủ tướng Chính phủ",
        "chỉ thị", "33/CT-TTg", null, "Thủ tướng Chính phủ", "malformed-date")]
    [InlineData("Công văn số 50/UBND ngày 06/3/2024 của UBND xã V/v tiếp tục thực hiện số hóa hồ sơ",
        "Công văn số 50/UBND ngày 06/3/2024 của UBND xã",
        "công văn", "50/UBND", "2024-03-06", "UBND xã", "")]
    [InlineData("Căn cứ Luật số 10/2022/QH15;",
        "Luật số 10/2022/QH15",
        "luật", "10/2022/QH15", null, null, "")]
    [InlineData("Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15;",
        "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15",
        "luật", "10/2022/QH15", null, null, "")]
    [InlineData("Thực hiện Kế hoạch số 2040/KH-UBND ngày 15 tháng 3 năm 2024 của UBND tỉnh về việc",
        "Kế hoạch số 2040/KH-UBND ngày 15 tháng 3 năm 2024 của UBND tỉnh",
        "kế hoạch", "2040/KH-UBND", "2024-03-15", "UBND tỉnh", "")]
    [InlineData("quán triệt Chỉ thị 33/CT-TTg của Thủ tướng Chính phủ; tăng cường",
        "Chỉ thị 33/CT-TTg của Thủ tướng Chính phủ",
        "chỉ thị", "33/CT-TTg", null, "Thủ tướng Chính phủ", "")]
    [InlineData("CĂN CỨ CHỈ THỊ SỐ 33/CT-TTG NGÀY 26/11/2021",
        "CHỈ THỊ SỐ 33/CT-TTG NGÀY 26/11/2021",
        "chỉ thị", "33/CT-TTG", "2021-11-26", null, "")]
    [InlineData("Quyết định số: 1234/QĐ-UBND ngày 31/12/2024 của Chủ tịch UBND huyện.",
        "Quyết định số: 1234/QĐ-UBND ngày 31/12/2024 của Chủ tịch UBND huyện",
        "quyết định", "1234/QĐ-UBND", "2024-12-31", "Chủ tịch UBND huyện", "")]
    [InlineData("QĐ số 1234/QĐ-UBND ngày 5/1/2024",
        "QĐ số 1234/QĐ-UBND ngày 5/1/2024",
        "quyết định", "1234/QĐ-UBND", "2024-01-05", null, "")]
    [InlineData("Thông báo kết luận số 12-TB/TW ngày 5/1/2024 của Ban Bí thư về",
        "Thông báo kết luận số 12-TB/TW ngày 5/1/2024 của Ban Bí thư",
        "thông báo", "12-TB/TW", "2024-01-05", "Ban Bí thư", "")]
    [InlineData("Quy định số 97-QĐ/TW ngày 07/02/2023 của Bộ Chính trị về chức năng",
        "Quy định số 97-QĐ/TW ngày 07/02/2023 của Bộ Chính trị",
        "quy định", "97-QĐ/TW", "2023-02-07", "Bộ Chính trị", "")]
    [InlineData("Nghị định 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
        "Nghị định 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
        "nghị định", "30/2020/NĐ-CP", "2020-03-05", "Chính phủ", "")]
    [InlineData("Quyết định số 217- QĐ/TW ngày 12/12/2013",
        "Quyết định số 217- QĐ/TW ngày 12/12/2013",
        "quyết định", "217-QĐ/TW", "2013-12-12", null, "")]
    [InlineData("Căn cứ Luật Thực hiện dân chủ ở cơ sở và Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND tỉnh về việc",
        "Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND tỉnh",
        "kế hoạch", "12/KH-UBND", "2024-01-05", "UBND tỉnh", "")]
    [InlineData("Nghị quyết số 34/2007/NQ-UBTVQH 11/2 ngày 1/1/2008",
        "Nghị quyết số 34/2007/NQ-UBTVQH",
        "nghị quyết", "34/2007/NQ-UBTVQH", null, null, "")]
    [InlineData("Thông tư liên tịch số 01/2019/TTLT-BNV-BTC, ban hành ngày 05/3/2019 giữa Bộ Nội vụ và Bộ Tài chính nhằm hướng dẫn",
        "Thông tư liên tịch số 01/2019/TTLT-BNV-BTC, ban hành ngày 05/3/2019 giữa Bộ Nội vụ và Bộ Tài chính",
        "thông tư", "01/2019/TTLT-BNV-BTC", "2019-03-05", "Bộ Nội vụ và Bộ Tài chính", "")]
    [InlineData("Kế hoạch số 10/KH-UBND ngày 1.2.2023 của Ủy ban nhân dân xã ban hành kèm theo",
        "Kế hoạch số 10/KH-UBND ngày 1.2.2023 của Ủy ban nhân dân xã",
        "kế hoạch", "10/KH-UBND", "2023-02-01", "Ủy ban nhân dân xã", "")]
    [InlineData("Kế hoạch số 12/KH-UBND ngày 5/1/2024 của Ủy ban\u00A0nhân  dân\ttỉnh về việc",
        "Kế hoạch số 12/KH-UBND ngày 5/1/2024 của Ủy ban\u00A0nhân  dân\ttỉnh",
        "kế hoạch", "12/KH-UBND", "2024-01-05", "Ủy ban nhân dân tỉnh", "")]
    public void Find_CitationVariant_ReadsTypeNumberDateIssuer(
        string text, string span, string type, string number, string? date, string? issuer, string problems)
    {
        var citation = Assert.Single(CitationAssert.Find(text));

        Assert.Equal(span, citation.Text);
        Assert.Equal(text.IndexOf(span, StringComparison.Ordinal), citation.Start);
        CitationAssert.Matches(new ExpectedCitation(type, number, date, issuer, Split(problems)), citation);
    }

    [Theory]
    [InlineData("Kế hoạch số 12/QĐ-UBND ngày 02/01/2024", "kế hoạch", "12/QĐ-UBND")]
    [InlineData("Công văn số 12/KH-UBND ngày 02/01/2024", "công văn", "12/KH-UBND")]
    [InlineData("Luật số 12/NQ-CP", "luật", "12/NQ-CP")]
    [InlineData("Chỉ thị số 5-KL/TW", "chỉ thị", "5-KL/TW")]
    [InlineData("Nghị quyết số 09/2019/NĐ-CP", "nghị quyết", "09/2019/NĐ-CP")]
    public void Find_SymbolOfAnotherType_ReportsTypeMismatch(string text, string type, string number)
    {
        var citation = Assert.Single(CitationAssert.Find(text));

        Assert.Equal(type, citation.Type);
        Assert.Equal(number, citation.Number);
        Assert.Equal([CitationProblems.TypeMismatch], citation.Problems);
    }

    [Theory]
    [InlineData("Chương trình số 12-CTr/TU")]
    [InlineData("Chương trình phối hợp số 01/CTPH-MTTQ-UBND")]
    [InlineData("Hướng dẫn số 25-HD/BTCTW")]
    [InlineData("Kết luận số 14-KL/TW")]
    [InlineData("Nghị quyết số 55/1998/NQ-UBTVQH10")]
    [InlineData("Nghị quyết số 43/2022/QH15")]
    [InlineData("Tờ trình số 15/TTr-UBND")]
    [InlineData("Quy định số 12/QyĐ-UBND")]
    [InlineData("Công văn số 123-CV/TU")]
    public void Find_SymbolOfSameType_ReportsNoProblem(string text)
    {
        var citation = Assert.Single(CitationAssert.Find(text));

        Assert.Empty(citation.Problems);
    }

    [Fact]
    public void Find_GenericVanBanWithTypedSymbol_TakesTypeFromSymbol()
    {
        var citation = Assert.Single(CitationAssert.Find("Thực hiện văn bản số 12/KH-UBND ngày 02/01/2024 của UBND xã"));

        CitationAssert.Matches(new ExpectedCitation("kế hoạch", "12/KH-UBND", "2024-01-02", "UBND xã"), citation);
    }

    [Theory]
    [InlineData("theo số 123/ABC-XYZ ngày 5/6/2024 của UBND xã", "123/ABC-XYZ", "2024-06-05", "UBND xã")]
    [InlineData("Số: 15/BC-UBND", "15/BC-UBND", null, null)]
    public void Find_NumberAfterSoWithoutTypeWord_ReportsUnknownType(string text, string number, string? date, string? issuer)
    {
        var citation = Assert.Single(CitationAssert.Find(text));

        CitationAssert.Matches(new ExpectedCitation(DocumentTypes.Unknown, number, date, issuer, CitationProblems.UnknownType), citation);
    }

    [Fact]
    public void Find_SymbolWithNeitherTypeWordNorSo_IsNotACitation()
    {
        Assert.Empty(CitationAssert.Find("đã thực hiện 123/ABC-XYZ trong năm"));
    }

    [Theory]
    [InlineData("Chỉ thị số 05/CT-UBND ngày 31/02/2024")]
    [InlineData("Chỉ thị số 05/CT-UBND ngày 15/13/2024")]
    [InlineData("Chỉ thị số 05/CT-UBND ngày 15/3/24")]
    [InlineData("Chỉ thị số 05/CT-UBND, ngày 15/3 của UBND tỉnh")]
    [InlineData("Chỉ thị số 05/CT-UBND ngày 26/112021")]
    [InlineData("Chỉ thị số 05/CT-UBND ngày ١٥/٣/٢٠٢٤")]
    public void Find_InvalidDate_DateNullAndMalformedDate(string text)
    {
        var citation = Assert.Single(CitationAssert.Find(text));

        Assert.Null(citation.Date);
        Assert.Equal([CitationProblems.MalformedDate], citation.Problems);
    }

    [Fact]
    public void Find_TwoDecisionsSharingDateAndIssuer_BothGetThem()
    {
        var text = "Thực hiện Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW, ngày 12/12/2013 của Bộ chính trị khóa XI về “Quy chế giám sát”";

        var citations = CitationAssert.Find(text);

        CitationAssert.All(
            citations,
            new ExpectedCitation("quyết định", "217-QĐ/TW", "2013-12-12", "Bộ chính trị khóa XI"),
            new ExpectedCitation("quyết định", "218-QĐ/TW", "2013-12-12", "Bộ chính trị khóa XI"));
        Assert.Equal("Quyết định số 217-QĐ/TW", citations[0].Text);
        Assert.Equal("Quyết định số 218-QĐ/TW, ngày 12/12/2013 của Bộ chính trị khóa XI", citations[1].Text);
    }

    [Fact]
    public void Find_BareNumberContinuingList_TakesTypeDateAndIssuer()
    {
        var citations = CitationAssert.Find("Quyết định số 217-QĐ/TW, 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị");

        CitationAssert.All(
            citations,
            new ExpectedCitation("quyết định", "217-QĐ/TW", "2013-12-12", "Bộ Chính trị"),
            new ExpectedCitation("quyết định", "218-QĐ/TW", "2013-12-12", "Bộ Chính trị"));
    }

    [Fact]
    public void Find_ListOfDifferentTypes_DoesNotShareDate()
    {
        var citations = CitationAssert.Find("Căn cứ Luật số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ;");

        CitationAssert.All(
            citations,
            new ExpectedCitation("luật", "10/2022/QH15", null, null),
            new ExpectedCitation("nghị định", "59/2023/NĐ-CP", "2023-08-14", "Chính phủ"));
    }

    [Fact]
    public void Find_IssuerFollowedByAnotherCitation_StopsBeforeIt()
    {
        var citations = CitationAssert.Find("Chỉ thị số 10/CT-UBND của UBND tỉnh và Kế hoạch số 12/KH-UBND ngày 02/01/2024 về việc");

        CitationAssert.All(
            citations,
            new ExpectedCitation("chỉ thị", "10/CT-UBND", null, "UBND tỉnh"),
            new ExpectedCitation("kế hoạch", "12/KH-UBND", "2024-01-02", null));
    }

    [Fact]
    public void Find_IssuerAtLineEnd_StopsThere()
    {
        var citation = Assert.Single(CitationAssert.Find("Kế hoạch số 12/KH-UBND của UBND xã\r\nBan Quản lý dự án báo cáo"));

        Assert.Equal("UBND xã", citation.Issuer);
        Assert.Equal("Kế hoạch số 12/KH-UBND của UBND xã", citation.Text);
    }

    [Theory]
    [InlineData("Tập trung chỉ đạo thực hiện 03 chương trình mục tiêu quốc gia.")]
    [InlineData("Phối hợp với Trạm Y tế tổ chức kỷ niệm ngày thầy thuốc Việt Nam 27/2; vận động nhân dân")]
    [InlineData("đề ra các mục tiêu thực hiện trong năm 2024")]
    [InlineData("tiếp nhận 1.250 lượt hồ sơ, đạt 98,5%")]
    [InlineData("chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030")]
    [InlineData("về công tác dân vận, giai đoạn 2022 - 2026")]
    [InlineData("báo cáo kết quả tháng 7/2024 và quý I/2025")]
    [InlineData("Kế hoạch năm 2025 và Chương trình 135")]
    [InlineData("có 3/4 hộ dân và dân số 12.500 người")]
    [InlineData("Nghị quyết của Hội đồng nhân dân, các Chỉ thị, Nghị quyết của Đảng")]
    [InlineData("ngày 15/3/2024 tại hội trường UBND xã")]
    [InlineData("")]
    public void Find_OrdinaryNumbers_FindsNothing(string text)
    {
        Assert.Empty(CitationAssert.Find(text, new DateOnly(2025, 3, 31)));
    }

    [Fact]
    public void Find_DecomposedInput_ReadsLikeComposedAndKeepsCallerOffsets()
    {
        var composed = "Thực hiện Kế hoạch số 2040/KH-UBND ngày 15/3/2024 của Ủy ban nhân dân tỉnh Lâm Đồng về việc thực hiện";
        var decomposed = composed.Normalize(NormalizationForm.FormD);

        var citation = Assert.Single(CitationAssert.Find(decomposed));

        CitationAssert.Matches(new ExpectedCitation("kế hoạch", "2040/KH-UBND", "2024-03-15", "Ủy ban nhân dân tỉnh Lâm Đồng"), citation);
        Assert.Equal("Kế hoạch số 2040/KH-UBND ngày 15/3/2024 của Ủy ban nhân dân tỉnh Lâm Đồng".Normalize(NormalizationForm.FormD), citation.Text);
        Assert.Equal("Thực hiện ".Normalize(NormalizationForm.FormD).Length, citation.Start);
    }

    [Fact]
    public void Find_DecomposedTypeWordAndIssuer_ReturnsComposedIssuer()
    {
        var decomposed = "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về việc".Normalize(NormalizationForm.FormD);

        var citation = Assert.Single(CitationAssert.Find(decomposed));

        Assert.Equal("chỉ thị", citation.Type);
        Assert.Equal("Thủ tướng Chính phủ", citation.Issuer);
        Assert.True(citation.Issuer!.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("2023-07-01", true)]
    [InlineData("2025-03-31", true)]
    [InlineData("2023-06-30", false)]
    [InlineData("2022-12-31", false)]
    public void Find_RepealedOrdinance_SupersededFromTheDayTheLawTookEffect(string reportDate, bool superseded)
    {
        var citation = Assert.Single(CitationAssert.Find("theo Pháp lệnh số 34/2007/PL-UBTVQH 11:", DateOnly.Parse(reportDate, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(superseded, citation.Problems.Contains(CitationProblems.Superseded));
    }

    [Fact]
    public void Find_NoReportDate_NeverSuperseded()
    {
        var citation = Assert.Single(CitationAssert.Find("theo Pháp lệnh số 34/2007/PL-UBTVQH11"));

        Assert.Empty(citation.Problems);
    }

    [Fact]
    public void Find_LawInForce_NotSuperseded()
    {
        var citation = Assert.Single(CitationAssert.Find("Luật số 10/2022/QH15", new DateOnly(2025, 3, 31)));

        Assert.Empty(citation.Problems);
    }

    [Fact]
    public void Find_OwnRegistry_UsesIt()
    {
        var registry = new LegalRegistry(
        [
            new KnownDocument("1/KH-UBND", DocumentTypes.KeHoach, "Kế hoạch cũ", new DateOnly(2020, 1, 2), "UBND xã", "2/KH-UBND", new DateOnly(2021, 1, 1)),
            new KnownDocument("2/KH-UBND", DocumentTypes.KeHoach, "Kế hoạch mới", new DateOnly(2021, 1, 1), "UBND xã", null, null),
        ]);

        var citations = CitationAssert.Find("Kế hoạch số 1/KH-UBND và Kế hoạch số 2/KH-UBND", new DateOnly(2024, 1, 1), registry);

        Assert.Equal([CitationProblems.Superseded], citations[0].Problems);
        Assert.Empty(citations[1].Problems);
    }

    [Fact]
    public void Find_SeveralProblems_ListedInFixedOrder()
    {
        var registry = new LegalRegistry(
        [
            new KnownDocument("1/QĐ-UBND", DocumentTypes.QuyetDinh, "Cũ", new DateOnly(2020, 1, 2), "UBND xã", "2/QĐ-UBND", new DateOnly(2021, 1, 1)),
            new KnownDocument("2/QĐ-UBND", DocumentTypes.QuyetDinh, "Mới", new DateOnly(2021, 1, 1), "UBND xã", null, null),
        ]);

        var citation = Assert.Single(CitationAssert.Find("Kế hoạch số 1/QĐ-UBND ngày 2/1/20200", new DateOnly(2024, 1, 1), registry));

        Assert.Equal([CitationProblems.MalformedDate, CitationProblems.TypeMismatch, CitationProblems.Superseded], citation.Problems);
    }

    [Theory]
    [InlineData("34/2007/PL-UBTVQH 11", "34/2007/PL-UBTVQH11")]
    [InlineData("217- QĐ/TW", "217-QĐ/TW")]
    [InlineData("217–QĐ/TW", "217-QĐ/TW")]
    [InlineData("33/CT-TTg", "33/CT-TTg")]
    [InlineData("24-CTr/BDVTU-BCSĐUBND", "24-CTr/BDVTU-BCSĐUBND")]
    [InlineData("12/qđ-ubnd", "12/qđ-ubnd")]
    [InlineData("09/2019/NĐ-CP", "09/2019/NĐ-CP")]
    [InlineData(" 50 / UBND.", "50/UBND")]
    [InlineData("30c/NQ-CP", "30c/NQ-CP")]
    public void NormaliseNumber_AsWritten_Canonical(string raw, string expected)
    {
        Assert.Equal(expected, CitationParser.NormaliseNumber(raw));
    }

    [Fact]
    public void NormaliseNumber_Decomposed_Composed()
    {
        var normalised = CitationParser.NormaliseNumber("12/BC-SỞ".Normalize(NormalizationForm.FormD));

        Assert.Equal("12/BC-SỞ", normalised);
        Assert.True(normalised.IsNormalized(NormalizationForm.FormC));
    }

    private static string[] Split(string problems) =>
        problems.Length == 0 ? [] : problems.Split(',');
}
