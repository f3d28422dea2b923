using DanVan.Core.Text;

namespace DanVan.Core.Citations;

/// <summary>
/// The fixed list of document types a citation can have. Each type is the lower-case Vietnamese name; it is what
/// <see cref="Citation.Type"/> holds and what the "type" key of legal-documents.json must be.
/// </summary>
/// <remarks>
/// Words mapped onto a type: "Văn bản"/"Công văn" → công văn; "Bộ luật" → luật; "Nghị quyết liên tịch" → nghị quyết;
/// "Thông tư liên tịch" → thông tư; "Thông báo kết luận" → thông báo; "Chương trình hành động" → chương trình;
/// "Quy chế phối hợp" → quy chế; "qui" is read as "quy". Reports also write the abbreviation instead of the word
/// ("QĐ số 12/QĐ-UBND"), so the abbreviations below are accepted as type words too (upper case only).
/// </remarks>
public static class DocumentTypes
{
    public const string NghiQuyet = "nghị quyết";
    public const string QuyetDinh = "quyết định";
    public const string ChiThi = "chỉ thị";
    public const string KeHoach = "kế hoạch";
    public const string ChuongTrinh = "chương trình";
    public const string ChuongTrinhPhoiHop = "chương trình phối hợp";
    public const string CongVan = "công văn";
    public const string Luat = "luật";
    public const string PhapLenh = "pháp lệnh";
    public const string NghiDinh = "nghị định";
    public const string ThongTu = "thông tư";
    public const string HuongDan = "hướng dẫn";
    public const string ThongBao = "thông báo";
    public const string BaoCao = "báo cáo";
    public const string QuyChe = "quy chế";
    public const string QuyDinh = "quy định";
    public const string DeAn = "đề án";
    public const string PhuongAn = "phương án";
    public const string ToTrinh = "tờ trình";
    public const string CongDien = "công điện";
    public const string KetLuan = "kết luận";
    public const string GiayMoi = "giấy mời";

    /// <summary>A number/symbol cited after "số" with no recognised type word before it.</summary>
    public const string Unknown = "unknown";

    public static IReadOnlyList<string> All { get; } =
    [
        NghiQuyet, QuyetDinh, ChiThi, KeHoach, ChuongTrinh, ChuongTrinhPhoiHop, CongVan, Luat, PhapLenh, NghiDinh,
        ThongTu, HuongDan, ThongBao, BaoCao, QuyChe, QuyDinh, DeAn, PhuongAn, ToTrinh, CongDien, KetLuan, GiayMoi,
    ];

    // Each type word as reports write it, lower case, and the type it names; then the abbreviations written instead of
    // the word ("QĐ số 12/QĐ-UBND"), upper case. The one list the citation readers take their words from: a word
    // added here is found by CitationParser and CitationScanner alike.
    private static readonly (string Word, string Type)[] Spellings =
    [
        ("nghị quyết", NghiQuyet),
        ("nghị quyết liên tịch", NghiQuyet),
        ("quyết định", QuyetDinh),
        ("chỉ thị", ChiThi),
        ("kế hoạch", KeHoach),
        ("chương trình", ChuongTrinh),
        ("chương trình hành động", ChuongTrinh),
        ("chương trình phối hợp", ChuongTrinhPhoiHop),
        ("công văn", CongVan),
        ("văn bản", CongVan),
        ("luật", Luat),
        ("bộ luật", Luat),
        ("pháp lệnh", PhapLenh),
        ("nghị định", NghiDinh),
        ("thông tư", ThongTu),
        ("thông tư liên tịch", ThongTu),
        ("hướng dẫn", HuongDan),
        ("thông báo", ThongBao),
        ("thông báo kết luận", ThongBao),
        ("báo cáo", BaoCao),
        ("quy chế", QuyChe),
        ("quy chế phối hợp", QuyChe),
        ("quy định", QuyDinh),
        ("đề án", DeAn),
        ("phương án", PhuongAn),
        ("tờ trình", ToTrinh),
        ("công điện", CongDien),
        ("kết luận", KetLuan),
        ("giấy mời", GiayMoi),
        ("NQ", NghiQuyet),
        ("QĐ", QuyetDinh),
        ("NĐ", NghiDinh),
        ("CT", ChiThi),
        ("CTr", ChuongTrinh),
        ("KH", KeHoach),
        ("CV", CongVan),
        ("TB", ThongBao),
        ("HD", HuongDan),
        ("BC", BaoCao),
        ("KL", KetLuan),
        ("QC", QuyChe),
        ("TTr", ToTrinh),
        ("TT", ThongTu),
        ("ĐA", DeAn),
        ("PA", PhuongAn),
        ("CĐ", CongDien),
    ];

    private static readonly Dictionary<string, string> Words = Spellings.ToDictionary(s => s.Word, s => s.Type, StringComparer.Ordinal);

    /// <summary>
    /// The type words to look for in text, each "quy …" also as "qui …", every phrase before the shorter phrases it
    /// begins or ends with ("thông báo kết luận" before "thông báo" and "kết luận"): the readers take the first phrase
    /// that fits, reading forwards or backwards.
    /// </summary>
    internal static IReadOnlyList<string> Phrases { get; } =
    [
        .. Spellings.Select(s => s.Word).Where(w => char.IsLower(w[0]))
            .SelectMany(w => w.StartsWith("quy ", StringComparison.Ordinal) ? new[] { w, string.Concat("qui", w.AsSpan(3)) } : [w])
            .OrderByDescending(w => w.Count(c => c == ' ')),
    ];

    /// <summary>The abbreviations accepted as type words, matched case-sensitively, longer ones first.</summary>
    internal static IReadOnlyList<string> Abbreviations { get; } =
        [.. Spellings.Select(s => s.Word).Where(w => !char.IsLower(w[0])).OrderByDescending(w => w.Length)];

    // The type abbreviation at the head of a symbol (Decree 30/2020/NĐ-CP, Appendix III; Party documents use the
    // same letters before "/TW", "/TU"...). Keys are upper case because numbers are compared normalised. A Party
    // "Quy định" carries "QĐ" (97-QĐ/TW), and a quy chế/quy định is usually promulgated by a quyết định, so "QĐ"
    // contradicts none of the three. Laws and resolutions of the National Assembly both end in "/QH15".
    private static readonly Dictionary<string, string[]> SymbolCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NQ"] = [NghiQuyet],
        ["NQLT"] = [NghiQuyet],
        ["QĐ"] = [QuyetDinh, QuyDinh, QuyChe],
        ["QYĐ"] = [QuyDinh],
        ["CT"] = [ChiThi],
        ["QC"] = [QuyChe],
        ["TB"] = [ThongBao],
        ["HD"] = [HuongDan],
        ["CTR"] = [ChuongTrinh, ChuongTrinhPhoiHop],
        ["CTPH"] = [ChuongTrinhPhoiHop, ChuongTrinh],
        ["KH"] = [KeHoach],
        ["PA"] = [PhuongAn],
        ["ĐA"] = [DeAn],
        ["BC"] = [BaoCao],
        ["TTR"] = [ToTrinh],
        ["CĐ"] = [CongDien],
        ["GM"] = [GiayMoi],
        ["KL"] = [KetLuan],
        ["NĐ"] = [NghiDinh],
        ["TT"] = [ThongTu],
        ["TTLT"] = [ThongTu],
        ["PL"] = [PhapLenh],
        ["QH"] = [Luat, NghiQuyet],
        ["CV"] = [CongVan],
    };

    /// <summary>The type for a type word as written ("Chỉ thị", "CHỈ THỊ", "Văn bản", "QĐ"), or null.</summary>
    public static string? FromWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var collapsed = VietnameseText.CollapseWhiteSpace(word);
        if (Words.TryGetValue(collapsed, out var type))
        {
            return type;
        }

        // Type words are mostly written as a sentence starts ("Kế hoạch"): lower-casing the first letter finds them
        // without a full (ICU) case mapping; keys are lower case, so this gives what ToLowerInvariant would.
        if (collapsed.Length > 1 && collapsed[0] is (>= 'A' and <= 'Z') or 'Đ')
        {
            ReadOnlySpan<char> first = [collapsed[0] == 'Đ' ? 'đ' : (char)(collapsed[0] | 0x20)];
            if (Words.TryGetValue(string.Concat(first, collapsed.AsSpan(1)), out type))
            {
                return type;
            }
        }

        var lower = collapsed.ToLowerInvariant();
        if (lower.StartsWith("qui ", StringComparison.Ordinal))
        {
            lower = string.Concat("quy", lower.AsSpan(3));
        }

        return Words.GetValueOrDefault(lower);
    }

    /// <summary>"Văn bản số …" names no particular type: the symbol says which document it is.</summary>
    internal static bool IsGenericWord(string word) =>
        string.Equals(VietnameseText.CollapseWhiteSpace(word), "văn bản", StringComparison.OrdinalIgnoreCase);

    /// <summary>The types a symbol's type abbreviation allows, or null when the symbol has none (a công văn).</summary>
    internal static IReadOnlyList<string>? ForSymbol(string normalisedNumber)
    {
        var code = SymbolCode(normalisedNumber);
        return code is not null && SymbolCodes.TryGetValue(code, out var types) ? types : null;
    }

    /// <summary>
    /// The first part of the symbol: "QĐ" in "217-QĐ/TW" (Party form), "KH" in "2040/KH-UBND", "PL" in
    /// "34/2007/PL-UBTVQH11", "QH" in "10/2022/QH15", "UBND" in "9372/UBND-VX2".
    /// </summary>
    internal static string? SymbolCode(string normalisedNumber)
    {
        var slash = normalisedNumber.IndexOf('/', StringComparison.Ordinal);
        var dash = normalisedNumber.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0 && (slash < 0 || dash < slash))
        {
            return slash > dash ? normalisedNumber[(dash + 1)..slash] : null;
        }

        if (slash < 0)
        {
            return null;
        }

        var rest = normalisedNumber.AsSpan(slash + 1);
        if (rest.Length > 5 && rest[4] == '/' && char.IsAsciiDigit(rest[0]) && char.IsAsciiDigit(rest[3]))
        {
            rest = rest[5..];
        }

        var end = rest.IndexOfAny('-', '/');
        var code = (end < 0 ? rest : rest[..end]).TrimEnd("0123456789");
        return code.IsEmpty ? null : code.ToString();
    }
}
