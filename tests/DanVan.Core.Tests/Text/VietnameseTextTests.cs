using DanVan.Core.Text;

namespace DanVan.Tests.Text;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Vie\u0323\u0302t Nam", "Việt Nam")]
    [InlineData("Vie\u0302\u0323t Nam", "Việt Nam")]
    [InlineData("Vi\u00EA\u0323t Nam", "Việt Nam")]
    [InlineData("Đa\u0309ng u\u0309y", "Đảng ủy")]
    [InlineData("Việt Nam", "Việt Nam")]
    public void Nfc_DecomposedInput_GivesPrecomposed(string input, string expected)
    {
        var nfc = VietnameseText.Nfc(input);

        Assert.Equal(expected, nfc);
        Assert.Equal(expected.Length, nfc.Length);
    }

    [Theory]
    [InlineData("Đảng ủy Dân vận khéo hoà", "dang uy dan van kheo hoa")]
    [InlineData("ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH", "doan thanh nien cong san ho chi minh")]
    [InlineData("Nơi nhận:", "noi nhan:")]
    [InlineData("Ðảng", "dang")]
    public void Fold_VietnameseText_LowerCaseWithoutMarks(string input, string expected) =>
        Assert.Equal(expected, VietnameseText.Fold(input));

    [Theory]
    [InlineData("Tiếp công dân\u000Bđịnh kỳ", "Tiếp công dân\nđịnh kỳ")]
    [InlineData("a\u0001b\u001Fc\tđ\r\n", "abc\tđ\r\n")]
    [InlineData("a\uFFFEb\uFFFF", "ab")]
    [InlineData("cặp \uD83D\uDE00 đủ", "cặp \uD83D\uDE00 đủ")]
    [InlineData("trang\u000Cmới", "trang\nmới")]
    public void WithoutInvalidCharacters_KeepsWhatXmlAndNormalisationAccept(string input, string expected) =>
        Assert.Equal(expected, VietnameseText.WithoutInvalidCharacters(input));

    [Fact]
    public void WithoutInvalidCharacters_HalfASurrogatePair_Dropped() =>
        Assert.Equal("lẻ  nửa", VietnameseText.WithoutInvalidCharacters("lẻ " + '\uD800' + " nửa"));

    [Fact]
    public void Nfc_NoncharacterInDecomposedText_ComposesInsteadOfThrowing() =>
        Assert.Equal("ệ", VietnameseText.Nfc("e\u0323\u0302\uFFFE"));

    [Fact]
    public void Fold_DecomposedInput_SameAsPrecomposed() =>
        Assert.Equal(VietnameseText.Fold("Việt Nam"), VietnameseText.Fold("Vie\u0323\u0302t Nam"));

    [Theory]
    [InlineData("a\u00A0\u00A0b   c", "a b c")]
    [InlineData("x\u200By\u200C\u200Dz\u2060\uFEFF", "xyz")]
    [InlineData("a\u2003\u202Fb", "a b")]
    [InlineData(" lề ", " lề ")]
    [InlineData("dòng 1\ndòng\t2", "dòng 1\ndòng\t2")]
    public void CleanWordText_SpacesAndZeroWidth_Tidied(string input, string expected) =>
        Assert.Equal(expected, VietnameseText.CleanWordText(input));

    [Fact]
    public void CleanWordText_SoftHyphen_Kept() =>
        Assert.Equal("c\u00ADêng", VietnameseText.CleanWordText("c\u00ADêng"));

    [Fact]
    public void CleanWordText_CharactersSearchedFor_AreTheRuntimesSpaceSeparatorsAndZeroWidthCharacters()
    {
        for (var c = '\u0080'; c < '\uFFFF'; c++)
        {
            var cleaned = c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'
                || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpaceSeparator;

            Assert.True(cleaned == VietnameseText.Unclean.Contains(c), $"U+{(int)c:X4}");
        }
    }
}
