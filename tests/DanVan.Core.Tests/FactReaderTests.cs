using DanVan.Core.Consolidation;

namespace DanVan.Tests;

/// <summary>Reading the quantities in units' sentences: Vietnamese numbers, measures, and what they count.</summary>
public sealed class FactReaderTests
{
    [Theory]
    [InlineData("02", 2)]
    [InlineData("1.234", 1234)]
    [InlineData("12.345.678", 12345678)]
    [InlineData("1,5", 1.5)]
    [InlineData("95,5", 95.5)]
    [InlineData("95.5", 95.5)]
    [InlineData("1.234,5", 1234.5)]
    public void ParseNumber_VietnameseWriting_ReadAsMeant(string written, double expected) =>
        Assert.Equal((decimal)expected, FactReader.ParseNumber(written));

    [Theory]
    [InlineData("tổ chức 02 buổi đối thoại với Nhân dân", 2, "buổi")]
    [InlineData("Đã tổ chức 3 hội nghị đối thoại trực tiếp với người dân tại thôn Phú Lợi.", 3, "buổi")]
    [InlineData("Đối thoại với nhân dân: 1 cuộc, 120 lượt người.", 1, "buổi")]
    [InlineData("Phối hợp tổ chức 2 lần doi thoai voi nhan dan.", 2, "buổi")]
    public void Read_DialogueInManyWordings_SameActivityAndMeasure(string sentence, int sessions, string measure)
    {
        var first = FactReader.Read(sentence)[0];

        Assert.Equal(("dialogue", (decimal)sessions, measure), (first.Activity?.Key, first.Value, first.Measure));
    }

    [Fact]
    public void Read_SeveralFactsInOneSentence_EachItsOwnActivity()
    {
        var facts = FactReader.Read("Tổ chức 4 buổi tiếp công dân với 56 lượt người; tiếp nhận 10 đơn thư, đã giải quyết 6 đơn, còn 04 đơn đang xem xét.");

        Assert.Equal(
            [("reception", 4m, "buổi"), ("reception", 56m, "lượt"), ("petitions", 10m, "đơn"), ("petitions-resolved", 6m, "đơn"), ("petitions-pending", 4m, "đơn")],
            facts.Select(f => (f.Activity?.Key, f.Value, f.Measure)));
    }

    [Fact]
    public void Read_MeasureBeforeActivity_TheWordsAfterTheNumberDecide()
    {
        var facts = FactReader.Read("Trong tháng đã tiếp 9 lượt công dân tại 3 buổi tiếp công dân.");

        Assert.Equal([("reception", 9m, "lượt"), ("reception", 3m, "buổi")], facts.Select(f => (f.Activity?.Key, f.Value, f.Measure)));
    }

    [Theory]
    [InlineData("Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.")]
    [InlineData("Kế hoạch số 2040/KH-UBND ngày 15/3/2024 về công tác dân vận năm 2024.")]
    [InlineData("Tổ chức hội nghị tại thôn 3 vào tháng 12, giai đoạn 2021 - 2030.")]
    [InlineData("Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 có hiệu lực từ ngày 01/7/2023.")]
    public void Read_DatesReferencesYearsAndPlaceNumbers_AreNotQuantities(string sentence) =>
        Assert.Empty(FactReader.Read(sentence));

    [Fact]
    public void Read_Rates_MarkedAsRatesNeverCounts()
    {
        var rate = Assert.Single(FactReader.Read("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt 98,5%."));

        Assert.True(rate.IsRate);
        Assert.Equal(("rate-on-time", 98.5m), (rate.Activity?.Key, rate.Value));
    }

    [Fact]
    public void Read_MoneyAndLand_InTheirMeasures_BillionsAsMillions()
    {
        var land = Assert.Single(FactReader.Read("Vận động 12 hộ dân hiến 1.250 m² đất làm đường giao thông nông thôn."), q => q.Measure == "m²");
        var money = Assert.Single(FactReader.Read("Nhân dân ủng hộ 2 tỷ đồng và 35 ngày công xây dựng nhà văn hóa."), q => q.Measure == "triệu đồng");

        Assert.Equal(("land", 1250m), (land.Activity?.Key, land.Value));
        Assert.Equal(("contributions", 2000m), (money.Activity?.Key, money.Value));
    }

    [Fact]
    public void Read_SeedSentenceWithoutCounts_NoQuantity()
    {
        // Seed 004 (UBND xã Trà Tân), item 1: plans and dates, nothing counted.
        const string Seed = "Căn cứ văn bản của UBND tỉnh, huyện và Đảng ủy xã về triển khai thực hiện công tác dân vận chính quyền năm 2025, UBND xã đã ban hành Kế hoạch số 44/KH-UBND ngày 27/02/2025 về thực hiện Quy chế dân chủ ở cơ sở và công tác dân vận chính quyền năm 2025.";

        Assert.Empty(FactReader.Read(Seed));
    }

    [Theory]
    [InlineData("Bên cạnh đó, đơn vị tổ chức tuyên truyền trên loa truyền thanh.", "Đơn vị tổ chức tuyên truyền trên loa truyền thanh.")]
    [InlineData("Do đó, công tác tiếp dân được quan tâm..", "Công tác tiếp dân được quan tâm.")]
    [InlineData("Vì vậy, tổ chức hội nghị đối thoại. (theo kế hoạch)", "Tổ chức hội nghị đối thoại (theo kế hoạch).")]
    [InlineData("Trong kỳ, đã triển khai mô hình “Dân vận khéo”..", "Đã triển khai mô hình “Dân vận khéo”.")]
    public void Clean_ConnectorsAndPunctuationArtefacts_Removed(string written, string expected) =>
        Assert.Equal(expected, Phrasing.Clean(written));

    [Theory]
    [InlineData("Đơn vị đã tổ chức 02 hội nghị.", "215/349 đơn vị đã tổ chức 02 hội nghị.")]
    [InlineData("Chúng tôi tiếp tục quán triệt Chỉ thị số 33/CT-TTg.", "215/349 đơn vị tiếp tục quán triệt Chỉ thị số 33/CT-TTg.")]
    [InlineData("UBND xã cũng đã triển khai kế hoạch.", "215/349 đơn vị đã triển khai kế hoạch.")]
    [InlineData("Các đơn thư được phân loại, xử lý kịp thời.", "Tại 215/349 đơn vị, các đơn thư được phân loại, xử lý kịp thời.")]
    public void WithSubject_SelfReferenceReplaced_NeverCreditedToOthers(string written, string expected) =>
        Assert.Equal(expected, Phrasing.WithSubject("215/349 đơn vị", written));

    [Fact]
    public void Attributed_SentenceNamesItsUnit_NamedOnce()
    {
        string[] own = ["Ủy ban nhân dân xã An Bình", "UBND xã An Bình", "An Bình"];

        Assert.Equal("UBND xã An Bình đã ban hành 1 văn bản.", Phrasing.Attributed("UBND xã An Bình", "Trong tháng 12/2025, UBND xã An Bình đã ban hành 1 văn bản.", own));
        Assert.Equal("UBND xã An Bình tổ chức mô hình “Camera an ninh”.", Phrasing.Attributed("UBND xã An Bình", "Đơn vị tổ chức mô hình “Camera an ninh”.", own));
    }
}
