using DanVan.Core.Import;
using DanVan.Core.Reports;

namespace DanVan.Tests;

public sealed class UnitMatcherTests
{
    private static readonly UnitCandidate TraTan = new(1, "QNG-TRATAN", ["Ủy ban nhân dân xã Trà Tân"], "Ủy ban nhân dân huyện Trà Bồng");
    private static readonly UnitCandidate Snv = new(2, "LD-SNV", ["Sở Nội vụ tỉnh Lâm Đồng"], "Ủy ban nhân dân tỉnh Lâm Đồng");
    private static readonly UnitCandidate XuanHuong = new(3, "LD-XUANHUONG", ["Ủy ban nhân dân phường Xuân Hương - Đà Lạt"], "Ủy ban nhân dân tỉnh Lâm Đồng");
    private static readonly UnitCandidate AnBinhTay = new(4, "X-ANBINHTAY", ["Ủy ban nhân dân xã An Bình Tây"], null);
    private static readonly UnitCandidate Renamed = new(5, "X-MOI", ["Ủy ban nhân dân xã Tân Mới", "Ủy ban nhân dân xã Tân Cũ"], null);

    private static readonly UnitMatcher Matcher = new([TraTan, Snv, XuanHuong, AnBinhTay, Renamed]);

    [Theory]
    [InlineData("ỦY BAN NHÂN DÂN XÃ TRÀ TÂN", null)]
    [InlineData("UBND xã Trà Tân", null)]
    [InlineData("Uỷ ban nhân dân xã Trà Tân", "UBND HUYỆN TRÀ BỒNG")]
    [InlineData("UBND XA TRA TAN", null)]
    [InlineData("  UBND xã  Trà   Tân. ", null)]
    public void Match_PeoplesCommitteeWrittenAnyWay_TheCommune(string issuer, string? parent) =>
        Assert.Equal(TraTan, Matcher.Match(issuer, parent).Unit);

    [Fact]
    public void Match_DepartmentNamedWithoutItsPlace_ThePlaceComesFromTheParentLine() =>
        Assert.Equal(Snv, Matcher.Match("SỞ NỘI VỤ", "UBND TỈNH LÂM ĐỒNG").Unit);

    [Fact]
    public void Match_NameWithADash_Matches() =>
        Assert.Equal(XuanHuong, Matcher.Match("UBND PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT", "UBND TỈNH LÂM ĐỒNG").Unit);

    [Fact]
    public void Match_AnOldName_StillTheUnit() =>
        Assert.Equal(Renamed, Matcher.Match("UBND xã Tân Cũ", null).Unit);

    [Theory]
    [InlineData("UBND xã An Bình")]
    [InlineData("SỞ NỘI VỤ")]
    [InlineData("")]
    [InlineData(null)]
    public void Match_NoUnitOfThatName_None(string? issuer) =>
        Assert.Empty(Matcher.Match(issuer, null).Units);

    [Fact]
    public void Match_TwoUnitsOfOneName_TheParentLineChoosesElseAmbiguous()
    {
        var underTraBong = new UnitCandidate(10, "A", ["Ủy ban nhân dân xã Sơn Trà"], "Ủy ban nhân dân huyện Trà Bồng");
        var underSonHa = new UnitCandidate(11, "B", ["Ủy ban nhân dân xã Sơn Trà"], "Ủy ban nhân dân huyện Sơn Hà");
        var matcher = new UnitMatcher([underTraBong, underSonHa]);

        Assert.Equal(underSonHa, matcher.Match("UBND XÃ SƠN TRÀ", "UBND HUYỆN SƠN HÀ").Unit);
        Assert.Equal([underTraBong, underSonHa], matcher.Match("UBND XÃ SƠN TRÀ", null).Units);
        Assert.Equal([underTraBong, underSonHa], matcher.Match("UBND XÃ SƠN TRÀ", "UBND TỈNH QUẢNG NGÃI").Units);
    }
}
