using DanVan.Core.Text;

namespace DanVan.Tests.Text;

public sealed class LegacyVietnameseTests
{
    // Every Vietnamese vowel in tone order (none, sắc, huyền, hỏi, ngã, nặng), then đ: 73 letters per case.
    // The legacy spellings are transcribed row by row from Unikey's VnConv tables (ukengine/data.cpp) and xvnkb
    // (tcvn.h, vni.h), not from the byte-ordered tables in the implementation.
    public static readonly TheoryData<string, string, string> Tcvn3Rows = new()
    {
        { "a¸µ¶·¹", "aáàảãạ", "AÁÀẢÃẠ" },
        { "¨¾»¼½Æ", "ăắằẳẵặ", "ĂẮẰẲẴẶ" },
        { "©ÊÇÈÉË", "âấầẩẫậ", "ÂẤẦẨẪẬ" },
        { "eÐÌÎÏÑ", "eéèẻẽẹ", "EÉÈẺẼẸ" },
        { "ªÕÒÓÔÖ", "êếềểễệ", "ÊẾỀỂỄỆ" },
        { "iÝ×ØÜÞ", "iíìỉĩị", "IÍÌỈĨỊ" },
        { "oãßáâä", "oóòỏõọ", "OÓÒỎÕỌ" },
        { "«èåæçé", "ôốồổỗộ", "ÔỐỒỔỖỘ" },
        { "¬íêëìî", "ơớờởỡợ", "ƠỚỜỞỠỢ" },
        { "uóïñòô", "uúùủũụ", "UÚÙỦŨỤ" },
        { "\u00ADøõö÷ù", "ưứừửữự", "ƯỨỪỬỮỰ" },
        { "yýúûüþ", "yýỳỷỹỵ", "YÝỲỶỸỴ" },
        { "®", "đ", "Đ" },
    };

    public static readonly TheoryData<string[], string> VniRows = new()
    {
        { ["a", "aù", "aø", "aû", "aõ", "aï"], "aáàảãạ" },
        { ["aê", "aé", "aè", "aú", "aü", "aë"], "ăắằẳẵặ" },
        { ["aâ", "aá", "aà", "aå", "aã", "aä"], "âấầẩẫậ" },
        { ["e", "eù", "eø", "eû", "eõ", "eï"], "eéèẻẽẹ" },
        { ["eâ", "eá", "eà", "eå", "eã", "eä"], "êếềểễệ" },
        { ["i", "í", "ì", "æ", "ó", "ò"], "iíìỉĩị" },
        { ["o", "où", "oø", "oû", "oõ", "oï"], "oóòỏõọ" },
        { ["oâ", "oá", "oà", "oå", "oã", "oä"], "ôốồổỗộ" },
        { ["ô", "ôù", "ôø", "ôû", "ôõ", "ôï"], "ơớờởỡợ" },
        { ["u", "uù", "uø", "uû", "uõ", "uï"], "uúùủũụ" },
        { ["ö", "öù", "öø", "öû", "öõ", "öï"], "ưứừửữự" },
        { ["y", "yù", "yø", "yû", "yõ", "î"], "yýỳỷỹỵ" },
        { ["ñ"], "đ" },
        { ["A", "AÙ", "AØ", "AÛ", "AÕ", "AÏ"], "AÁÀẢÃẠ" },
        { ["AÊ", "AÉ", "AÈ", "AÚ", "AÜ", "AË"], "ĂẮẰẲẴẶ" },
        { ["AÂ", "AÁ", "AÀ", "AÅ", "AÃ", "AÄ"], "ÂẤẦẨẪẬ" },
        { ["E", "EÙ", "EØ", "EÛ", "EÕ", "EÏ"], "EÉÈẺẼẸ" },
        { ["EÂ", "EÁ", "EÀ", "EÅ", "EÃ", "EÄ"], "ÊẾỀỂỄỆ" },
        { ["I", "Í", "Ì", "Æ", "Ó", "Ò"], "IÍÌỈĨỊ" },
        { ["O", "OÙ", "OØ", "OÛ", "OÕ", "OÏ"], "OÓÒỎÕỌ" },
        { ["OÂ", "OÁ", "OÀ", "OÅ", "OÃ", "OÄ"], "ÔỐỒỔỖỘ" },
        { ["Ô", "ÔÙ", "ÔØ", "ÔÛ", "ÔÕ", "ÔÏ"], "ƠỚỜỞỠỢ" },
        { ["U", "UÙ", "UØ", "UÛ", "UÕ", "UÏ"], "UÚÙỦŨỤ" },
        { ["Ö", "ÖÙ", "ÖØ", "ÖÛ", "ÖÕ", "ÖÏ"], "ƯỨỪỬỮỰ" },
        { ["Y", "YÙ", "YØ", "YÛ", "YÕ", "Î"], "YÝỲỶỸỴ" },
        { ["Ñ"], "Đ" },
    };

    // Windows-1252 characters Word stores for bytes 0x80–0x9F.
    public static readonly TheoryData<char, int> Cp1252Specials = new()
    {
        { '€', 0x80 }, { '‚', 0x82 }, { 'ƒ', 0x83 }, { '„', 0x84 }, { '…', 0x85 }, { '†', 0x86 }, { '‡', 0x87 },
        { 'ˆ', 0x88 }, { '‰', 0x89 }, { 'Š', 0x8A }, { '‹', 0x8B }, { 'Œ', 0x8C }, { 'Ž', 0x8E }, { '‘', 0x91 },
        { '’', 0x92 }, { '“', 0x93 }, { '”', 0x94 }, { '•', 0x95 }, { '–', 0x96 }, { '—', 0x97 }, { '˜', 0x98 },
        { '™', 0x99 }, { 'š', 0x9A }, { '›', 0x9B }, { 'œ', 0x9C }, { 'ž', 0x9E }, { 'Ÿ', 0x9F },
    };

    [Theory]
    [MemberData(nameof(Tcvn3Rows))]
    public void Decode_Tcvn3EachLetter_GivesUnicodeLetter(string legacy, string lower, string upper)
    {
        _ = upper;
        for (var i = 0; i < legacy.Length; i++)
        {
            Assert.Equal(lower[i].ToString(), LegacyVietnamese.Decode(legacy[i].ToString(), LegacyEncoding.Tcvn3));
        }

        Assert.Equal(lower, LegacyVietnamese.Decode(legacy, LegacyEncoding.Tcvn3));
    }

    [Theory]
    [MemberData(nameof(Tcvn3Rows))]
    public void Decode_Tcvn3CapitalFontEachLetter_GivesCapital(string legacy, string lower, string upper)
    {
        _ = lower;
        for (var i = 0; i < legacy.Length; i++)
        {
            Assert.Equal(upper[i].ToString(), LegacyVietnamese.Decode(legacy[i].ToString(), LegacyEncoding.Tcvn3, capitalFont: true));
        }
    }

    [Fact]
    public void Decode_Tcvn3PlainCapitals_GivesCapitalsInBothFonts()
    {
        Assert.Equal("ĂÂÊÔƠƯĐ", LegacyVietnamese.Decode("¡¢£¤¥¦§", LegacyEncoding.Tcvn3));
        Assert.Equal("ĂÂÊÔƠƯĐ", LegacyVietnamese.Decode("¡¢£¤¥¦§", LegacyEncoding.Tcvn3, capitalFont: true));
    }

    [Theory]
    [MemberData(nameof(VniRows))]
    public void Decode_VniEachLetter_GivesUnicodeLetter(string[] legacy, string expected)
    {
        for (var i = 0; i < legacy.Length; i++)
        {
            var decoded = LegacyVietnamese.Decode(legacy[i], LegacyEncoding.Vni);
            Assert.Equal(expected[i].ToString(), decoded);
            Assert.True(decoded.IsNormalized());
        }

        Assert.Equal(expected, LegacyVietnamese.Decode(string.Concat(legacy), LegacyEncoding.Vni));
    }

    [Theory]
    [InlineData("C«ng t¸c d©n vËn", "Công tác dân vận")]
    [InlineData("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam")]
    [InlineData("nh©n d©n", "nhân dân")]
    [InlineData("c\u00ADêng", "cường")]
    [InlineData("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("B¸o c¸o sè 12/BC-DV ngµy 05/7/2024", "Báo cáo số 12/BC-DV ngày 05/7/2024")]
    public void Decode_Tcvn3Sentence_GivesUnicode(string legacy, string expected) =>
        Assert.Equal(expected, LegacyVietnamese.Decode(legacy, LegacyEncoding.Tcvn3));

    [Theory]
    [InlineData("CéNG HßA", "CỘNG HÒA")]
    [InlineData("x· héi chñ nghÜa viÖt nam", "XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    [InlineData("§¶NG Bé", "ĐẢNG BỘ")]
    public void Decode_Tcvn3CapitalFont_GivesCapitals(string legacy, string expected) =>
        Assert.Equal(expected, LegacyVietnamese.Decode(legacy, LegacyEncoding.Tcvn3, capitalFont: true));

    [Theory]
    [InlineData("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam")]
    [InlineData("Ñaûng uûy", "Đảng ủy")]
    [InlineData("Vieät Nam", "Việt Nam")]
    [InlineData("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("ngöôøi daân", "người dân")]
    [InlineData("COÄNG HOØA XAÕ HOÄI", "CỘNG HÒA XÃ HỘI")]
    public void Decode_VniSentence_GivesUnicode(string legacy, string expected) =>
        Assert.Equal(expected, LegacyVietnamese.Decode(legacy, LegacyEncoding.Vni));

    [Fact]
    public void Decode_VniCircumflexThenSeparateTone_StacksOnOneLetter() =>
        Assert.Equal("ấ Ấ", LegacyVietnamese.Decode("aâù AÂÙ", LegacyEncoding.Vni));

    [Fact]
    public void Decode_VniMarkWithoutBase_PassesThrough() =>
        Assert.Equal("cù x", LegacyVietnamese.Decode("cù x", LegacyEncoding.Vni));

    [Theory]
    [MemberData(nameof(Cp1252Specials))]
    public void Decode_Cp1252Special_SameAsItsByte(char special, int b)
    {
        Assert.Equal(b, LegacyTables.ToByte(special));
        foreach (var encoding in new[] { LegacyEncoding.Tcvn3, LegacyEncoding.Vni })
        {
            // Neither encoding puts letters at 0x80–0x9F, so the byte keeps its Windows-1252 meaning whichever way
            // it was stored (a C1 control character means a tool read the bytes as Latin-1).
            Assert.Equal(special.ToString(), LegacyVietnamese.Decode(special.ToString(), encoding));
            Assert.Equal(special.ToString(), LegacyVietnamese.Decode(((char)b).ToString(), encoding));
        }
    }

    [Fact]
    public void Decode_Tcvn3WithSmartQuotes_KeepsQuotes()
    {
        Assert.Equal("“Công tác” – dân vận…", LegacyVietnamese.Decode("“C«ng t¸c” – d©n vËn…", LegacyEncoding.Tcvn3));
        Assert.Equal("“Công”", LegacyVietnamese.Decode("\u0093C«ng\u0094", LegacyEncoding.Tcvn3));
    }

    [Theory]
    [InlineData(LegacyEncoding.Tcvn3)]
    [InlineData(LegacyEncoding.Vni)]
    public void Decode_CharacterOutsideAnyByte_PassesThrough(LegacyEncoding encoding) =>
        Assert.Equal("Việt ≥ 漢 😀", LegacyVietnamese.Decode("Việt ≥ 漢 😀", encoding));

    [Fact]
    public void Decode_DecomposedPassThrough_ComesOutNfc() =>
        Assert.Equal("Việt", LegacyVietnamese.Decode("Vie\u0323\u0302t", LegacyEncoding.Tcvn3));

    [Theory]
    [InlineData(".VnTime", LegacyEncoding.Tcvn3)]
    [InlineData(".VnArial", LegacyEncoding.Tcvn3)]
    [InlineData(".VnTimeH", LegacyEncoding.Tcvn3)]
    [InlineData(".VnCentury Schoolbook", LegacyEncoding.Tcvn3)]
    [InlineData("  .vntime ", LegacyEncoding.Tcvn3)]
    [InlineData("VNI-Times", LegacyEncoding.Vni)]
    [InlineData("VNI-Helve", LegacyEncoding.Vni)]
    [InlineData("VNI-Aptima", LegacyEncoding.Vni)]
    [InlineData(" vni-times", LegacyEncoding.Vni)]
    public void EncodingOfFont_LegacyFont_GivesEncoding(string font, LegacyEncoding expected) =>
        Assert.Equal(expected, LegacyVietnamese.EncodingOfFont(font));

    [Theory]
    [InlineData("Times New Roman")]
    [InlineData("Arial")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void EncodingOfFont_UnicodeFontOrNone_IsNull(string? font) =>
        Assert.Null(LegacyVietnamese.EncodingOfFont(font));

    [Theory]
    [InlineData(".VnTimeH", true)]
    [InlineData(".VnArialH", true)]
    [InlineData(".VnCentury SchoolbookH", true)]
    [InlineData(".VnTime", false)]
    [InlineData("VNI-Times", false)]
    [InlineData("Times New Roman", false)]
    [InlineData(null, false)]
    public void IsCapitalFont_FontName_TrueOnlyForVnH(string? font, bool expected) =>
        Assert.Equal(expected, LegacyVietnamese.IsCapitalFont(font));

    [Theory]
    [InlineData("C«ng t¸c d©n vËn")]
    [InlineData("Céng hßa x· héi chñ nghÜa ViÖt Nam")]
    [InlineData("Ban D©n vËn HuyÖn ñy b¸o c¸o kÕt qu¶ c«ng t¸c th¸ng 7")]
    [InlineData("Uû ban nh©n d©n")]
    public void Guess_Tcvn3Mojibake_IsTcvn3(string text) =>
        Assert.Equal(LegacyEncoding.Tcvn3, LegacyVietnamese.Guess(text));

    [Theory]
    [InlineData("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")]
    [InlineData("Ñaûng uûy")]
    [InlineData("Ban Daân vaän Huyeän uûy baùo caùo keát quaû coâng taùc thaùng 7")]
    public void Guess_VniMojibake_IsVni(string text) =>
        Assert.Equal(LegacyEncoding.Vni, LegacyVietnamese.Guess(text));

    [Theory]
    [InlineData("Cộng hòa xã hội chủ nghĩa Việt Nam")]
    [InlineData("Hoà bình, khoá học, thuỷ lợi")]
    [InlineData("Công tác dân vận")]
    [InlineData("Report for July 2024 © DanVan")]
    [InlineData("Société générale à Paris, leçon numéro 5")]
    [InlineData("Größe über Straße")]
    [InlineData("")]
    public void Guess_UnicodeOrOtherLanguage_IsNull(string text) =>
        Assert.Null(LegacyVietnamese.Guess(text));
}
