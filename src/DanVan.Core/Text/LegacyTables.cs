namespace DanVan.Core.Text;

/// <summary>
/// Byte tables of the two legacy Vietnamese font encodings, cross-checked against Unikey's VnConv
/// (ukengine/data.cpp), xvnkb (tcvn.h, vni.h), GNU libiconv (lib/tcvn.h) and glibc's TCVN5712-1 converter.
/// </summary>
internal static class LegacyTables
{
    /// <summary>Windows-1252 characters of bytes 0x80–0x9F; the five bytes cp1252 leaves undefined map to themselves.</summary>
    private const string Cp1252High =
        "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F" +
        "\u0090‘’“”•–—˜™š›œ\u009DžŸ";

    /// <summary>
    /// TCVN3 (TCVN 5712:1993 VN3, the ".Vn" fonts) for bytes 0xA0–0xFF in byte order; '\0' = not a letter.
    /// VN3 has only the 67 lower-case letters outside ASCII plus Ă Â Ê Ô Ơ Ư Đ. The gaps hold toned capitals in the
    /// VN1/VN2 variants (libiconv, glibc), but Unikey never writes them for ".Vn" fonts, so they are left undecoded.
    /// </summary>
    private const string Tcvn3High =
        "\0ĂÂÊÔƠƯĐăâêôơưđ\0" +
        "\0\0\0\0\0àảãáạ\0ằẳẵắ\0" +
        "\0\0\0\0\0\0ặầẩẫấậè\0ẻẽ" +
        "éẹềểễếệìỉ\0\0\0ĩíịò" +
        "\0ỏõóọồổỗốộờởỡớợù" +
        "\0ủũúụừửữứựỳỷỹýỵ\0";

    private static readonly char[] Tcvn3 = BuildTcvn3();

    // VNI-Windows bytes that are a whole letter by themselves: đ, ơ, ư and the toned i/y that have no mark form.
    private static readonly char[] VniLetters = BuildVniLetters(
    [
        (0xF1, 'đ'), (0xD1, 'Đ'),
        (0xF4, 'ơ'), (0xD4, 'Ơ'),
        (0xF6, 'ư'), (0xD6, 'Ư'),
        (0xED, 'í'), (0xCD, 'Í'),
        (0xEC, 'ì'), (0xCC, 'Ì'),
        (0xE6, 'ỉ'), (0xC6, 'Ỉ'),
        (0xF3, 'ĩ'), (0xD3, 'Ĩ'),
        (0xF2, 'ị'), (0xD2, 'Ị'),
        (0xEE, 'ỵ'), (0xCE, 'Ỵ'),
    ]);

    // VNI-Windows mark bytes, lower-case form then capital form, with the combining marks they stand for.
    private static readonly VniMark?[] VniMarks = BuildVniMarks(
    [
        (0xF9, 0xD9, "\u0301", VniMarkKind.Tone),
        (0xF8, 0xD8, "\u0300", VniMarkKind.Tone),
        (0xFB, 0xDB, "\u0309", VniMarkKind.Tone),
        (0xF5, 0xD5, "\u0303", VniMarkKind.Tone),
        (0xEF, 0xCF, "\u0323", VniMarkKind.Tone),
        (0xE2, 0xC2, "\u0302", VniMarkKind.Circumflex),
        (0xE1, 0xC1, "\u0302\u0301", VniMarkKind.Circumflex | VniMarkKind.Tone),
        (0xE0, 0xC0, "\u0302\u0300", VniMarkKind.Circumflex | VniMarkKind.Tone),
        (0xE5, 0xC5, "\u0302\u0309", VniMarkKind.Circumflex | VniMarkKind.Tone),
        (0xE3, 0xC3, "\u0302\u0303", VniMarkKind.Circumflex | VniMarkKind.Tone),
        (0xE4, 0xC4, "\u0302\u0323", VniMarkKind.Circumflex | VniMarkKind.Tone),
        (0xEA, 0xCA, "\u0306", VniMarkKind.Breve),
        (0xE9, 0xC9, "\u0306\u0301", VniMarkKind.Breve | VniMarkKind.Tone),
        (0xE8, 0xC8, "\u0306\u0300", VniMarkKind.Breve | VniMarkKind.Tone),
        (0xFA, 0xDA, "\u0306\u0309", VniMarkKind.Breve | VniMarkKind.Tone),
        (0xFC, 0xDC, "\u0306\u0303", VniMarkKind.Breve | VniMarkKind.Tone),
        (0xEB, 0xCB, "\u0306\u0323", VniMarkKind.Breve | VniMarkKind.Tone),
    ]);

    /// <summary>
    /// The byte a legacy font sees for a character stored in a .docx: Latin-1 code points are the byte itself and
    /// Word stores bytes 0x80–0x9F as their Windows-1252 characters. -1 for any other character.
    /// </summary>
    public static int ToByte(char c) => c switch
    {
        <= '\u00FF' => c,
        '\u20AC' => 0x80,
        '\u201A' => 0x82,
        '\u0192' => 0x83,
        '\u201E' => 0x84,
        '\u2026' => 0x85,
        '\u2020' => 0x86,
        '\u2021' => 0x87,
        '\u02C6' => 0x88,
        '\u2030' => 0x89,
        '\u0160' => 0x8A,
        '\u2039' => 0x8B,
        '\u0152' => 0x8C,
        '\u017D' => 0x8E,
        '\u2018' => 0x91,
        '\u2019' => 0x92,
        '\u201C' => 0x93,
        '\u201D' => 0x94,
        '\u2022' => 0x95,
        '\u2013' => 0x96,
        '\u2014' => 0x97,
        '\u02DC' => 0x98,
        '\u2122' => 0x99,
        '\u0161' => 0x9A,
        '\u203A' => 0x9B,
        '\u0153' => 0x9C,
        '\u017E' => 0x9E,
        '\u0178' => 0x9F,
        _ => -1,
    };

    /// <summary>What a byte that is not a letter of the font shows: its Windows-1252 character.</summary>
    public static char Cp1252(int b) => b is >= 0x80 and <= 0x9F ? Cp1252High[b - 0x80] : (char)b;

    /// <summary>The TCVN3 letter of a byte, or '\0' when the byte is not a Vietnamese letter there.</summary>
    public static char Tcvn3Letter(int b) => Tcvn3[b];

    /// <summary>The VNI letter a byte stands for by itself, or '\0' (ASCII letters are not listed).</summary>
    public static char VniLetter(int b) => VniLetters[b];

    public static VniMark? VniMarkOf(int b) => VniMarks[b];

    /// <summary>Which VNI marks may follow a decoded base letter.</summary>
    public static VniMarkKind VniAccepts(char letter) => letter switch
    {
        'a' or 'A' => VniMarkKind.Tone | VniMarkKind.Circumflex | VniMarkKind.Breve,
        'e' or 'E' or 'o' or 'O' => VniMarkKind.Tone | VniMarkKind.Circumflex,
        'u' or 'U' or 'y' or 'Y' or 'ơ' or 'Ơ' or 'ư' or 'Ư' => VniMarkKind.Tone,
        _ => VniMarkKind.None,
    };

    private static char[] BuildTcvn3()
    {
        var table = new char[256];
        for (var i = 0; i < Tcvn3High.Length; i++)
        {
            table[0xA0 + i] = Tcvn3High[i];
        }

        return table;
    }

    private static char[] BuildVniLetters((int Byte, char Letter)[] letters)
    {
        var table = new char[256];
        foreach (var (b, letter) in letters)
        {
            table[b] = letter;
        }

        return table;
    }

    private static VniMark?[] BuildVniMarks((int Lower, int Upper, string Combining, VniMarkKind Kind)[] marks)
    {
        var table = new VniMark?[256];
        foreach (var (lower, upper, combining, kind) in marks)
        {
            table[lower] = new VniMark(combining, kind);
            table[upper] = new VniMark(combining, kind);
        }

        return table;
    }
}

[Flags]
internal enum VniMarkKind
{
    None = 0,
    Tone = 1,
    Circumflex = 2,
    Breve = 4,
}

/// <summary>A VNI mark byte: the combining marks it adds and what kind of base it needs.</summary>
internal sealed record VniMark(string Combining, VniMarkKind Kind)
{
    /// <summary>Whether this mark can follow a base that accepts <paramref name="accepts"/>.</summary>
    public bool Fits(VniMarkKind accepts)
    {
        var needs = Kind & (VniMarkKind.Circumflex | VniMarkKind.Breve);
        return needs == VniMarkKind.None ? (accepts & VniMarkKind.Tone) != 0 : (accepts & needs) == needs;
    }

    /// <summary>What the base still accepts after this mark: a tone after a bare circumflex or breve, else nothing.</summary>
    public VniMarkKind Leaves => (Kind & VniMarkKind.Tone) != 0 ? VniMarkKind.None : VniMarkKind.Tone;
}
