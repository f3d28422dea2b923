using System.Globalization;
using System.Text;
using DanVan.Core.Text;

namespace DanVan.Core.Consolidation;

/// <summary>
/// How a unit's sentence reads once it stands in the consolidated report, away from its own report: no connector
/// pointing at the unit's previous sentence, no self-reference ("đơn vị", "chúng tôi") credited to others, the unit
/// named once, no punctuation left over. Pure.
/// </summary>
public static class Phrasing
{
    /// <summary>Openings that point back at the sentence before them in the unit's own report (folded, without the comma).</summary>
    private static readonly string[] Connectors =
    [
        "ben canh do", "ngoai ra", "dong thoi", "do do", "vi vay", "vi the", "tuy nhien", "mat khac", "tiep theo", "sau do", "theo do",
        "qua do", "tren co so do", "ngoai nhung ket qua tren", "ngoai nhung ket qua dat duoc", "nhin chung", "noi chung", "cu the", "trong do",
        "hon nua", "them vao do", "tom lai", "nhu vay", "chinh vi vay", "ben canh nhung ket qua dat duoc", "ben canh nhung ket qua tren",
        "trong ky", "trong thang", "trong quy", "trong nam", "trong ky bao cao", "trong thoi gian qua", "thoi gian qua", "nhin chung",
        "ngoai nhung ket qua neu tren",
    ];

    /// <summary>Time phrases a unit opens with ("Trong tháng 12/2025,"): the consolidated report names its period once.</summary>
    private static readonly string[] TimePrefixes = ["trong thang ", "trong quy ", "trong nam ", "trong ky ", "trong 6 thang ", "trong 9 thang ", "tu dau nam ", "thang ", "quy "];

    /// <summary>Phrases for the next period a unit writes ("trong tháng tới"): the consolidated report names the period instead.</summary>
    private static readonly string[] NextPeriodPhrases =
    [
        "trong thoi gian toi", "thoi gian toi", "trong ky toi", "ky toi", "trong thang toi", "thang toi", "trong quy toi", "quy toi",
        "trong nam toi", "nam toi", "trong 6 thang cuoi nam", "trong thoi gian den", "ky tiep theo", "thang tiep theo", "quy tiep theo",
    ];

    /// <summary>How units call themselves as the subject of a sentence (folded).</summary>
    private static readonly string[] SelfReferences =
    [
        "uy ban nhan dan xa", "uy ban nhan dan phuong", "uy ban nhan dan", "ubnd xa", "ubnd phuong", "ubnd", "ban quan ly", "chung toi", "don vi",
        "co quan", "ban", "so", "xa", "phuong", "lanh dao don vi", "lanh dao ubnd", "dia phuong", "uy ban nhan dan xa", "chinh quyen dia phuong",
    ];

    /// <summary>First words of a sentence that begins with what was done, so a subject can go before it.</summary>
    private static readonly string[] Verbs =
    [
        "to chuc", "trien khai", "thuc hien", "ban hanh", "tiep", "tuyen truyen", "dang ky", "xay dung", "phoi hop", "van dong", "duy tri",
        "day manh", "tang cuong", "kien toan", "ra soat", "cong khai", "niem yet", "giai quyet", "hoa giai", "ky ket", "khen thuong",
        "bieu duong", "ho tro", "trao", "da", "tiep tuc", "chu dong", "quan triet", "pho bien", "nang cao", "hoan thanh", "dat", "doi thoai",
        "lay y kien", "mo", "huy dong", "kiem tra", "lan dau", "thuong xuyen", "kip thoi", "nhan rong", "phat dong", "ra quan", "chi dao",
        "quan tam", "luon", "dua", "chua", "khong", "van", "da va dang", "dang", "ap dung", "su dung", "cung co", "hoan thien", "ket hop", "long ghep", "da dang hoa", "cung",
    ];

    /// <summary>The sentence without a leading connector, capitalised, with single punctuation at the end.</summary>
    public static string Clean(string sentence)
    {
        var s = Tidy(VietnameseText.Nfc(sentence));
        for (var again = true; again;)
        {
            again = false;
            var comma = s.IndexOf(',', StringComparison.Ordinal);
            if (comma is > 0 and < 40 && Fold(s[..comma]) is var opening && (Connectors.Contains(opening) || TimePrefixes.Any(t => opening.StartsWith(t, StringComparison.Ordinal) && opening.Any(char.IsDigit))))
            {
                s = s[(comma + 1)..].TrimStart();
                again = true;
            }
        }

        // "Khách quan: Điều kiện địa lý …": a one- or two-word label before the colon is the unit's own layout.
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon is > 0 and < 20 && s.AsSpan(0, colon).Count(' ') <= 1 && colon + 2 < s.Length && char.IsUpper(s[colon + 2]))
        {
            s = s[(colon + 2)..];
        }

        return EndWith(UpperFirst(s), '.');
    }

    /// <summary>A heading or lead-in the unit laid out, not a statement: "Nguyên nhân", "Ưu điểm:", "… nhiệm vụ trọng tâm sau:".</summary>
    public static bool IsLabel(string sentence)
    {
        var s = sentence.AsSpan().Trim();
        var words = s.Count(' ') + 1;
        return words <= 3 || (s.EndsWith(':') && words <= 16);
    }

    /// <summary>A task for the next period, without "trong tháng tới" and the like (the heading names the period).</summary>
    public static string Task(string sentence)
    {
        var s = Clean(sentence);
        var folded = Fold(s);
        foreach (var phrase in NextPeriodPhrases)
        {
            var at = folded.IndexOf(phrase, StringComparison.Ordinal);
            if (at >= 0 && (at == 0 || folded[at - 1] == ' ') && (at + phrase.Length == folded.Length || !char.IsLetterOrDigit(folded[at + phrase.Length])))
            {
                var end = at + phrase.Length;
                while (end < s.Length && s[end] is ',' or ' ')
                {
                    end++;
                }

                s = (s[..at] + s[end..]).Trim();
                break;
            }
        }

        return EndWith(UpperFirst(Tidy(s)), '.');
    }

    /// <summary>
    /// The sentence with its self-reference subject ("Đơn vị đã tổ chức …", "Chúng tôi …") taken off, lower-cased,
    /// ready for another subject: "đã tổ chức …". Null when it does not start with a self-reference or a verb.
    /// </summary>
    public static string? Predicate(string sentence, IReadOnlyList<string>? ownNames = null)
    {
        var s = Clean(sentence);
        var folded = Fold(s);
        foreach (var name in (ownNames ?? []).Select(Fold).Where(n => n.Length > 1).OrderByDescending(n => n.Length).Concat(SelfReferences))
        {
            if (folded.StartsWith(name + " ", StringComparison.Ordinal) && Verbs.Any(v => StartsWithWords(folded.AsSpan(name.Length + 1), v)))
            {
                // "UBND xã cũng đã triển khai …": "cũng" pointed at another subject in the unit's report.
                var predicate = s[(name.Length + 1)..];
                return LowerFirst(predicate.StartsWith("cũng ", StringComparison.OrdinalIgnoreCase) ? predicate[5..] : predicate);
            }
        }

        return StartsWithVerb(folded) ? LowerFirst(s) : null;
    }

    /// <summary>A sentence with a subject put before it: "215/349 đơn vị" + "tổ chức …" or "Tại 215/349 đơn vị, lãnh đạo …".</summary>
    public static string WithSubject(string subject, string sentence, IReadOnlyList<string>? ownNames = null) =>
        Predicate(sentence, ownNames) is { } predicate
            ? $"{UpperFirst(subject)} {predicate}"
            : $"Tại {subject}, {LowerFirstUnlessName(Clean(sentence))}";

    /// <summary>
    /// One unit's sentence as an example in the consolidated report, the unit named once: as written when it names
    /// itself, its name in place of "Đơn vị …", else before it.
    /// </summary>
    public static string Attributed(string unitName, string sentence, IReadOnlyList<string> ownNames)
    {
        var s = Clean(sentence);
        var folded = Fold(s);
        if (ownNames.Select(Fold).Any(n => n.Length > 1 && folded.Contains(n, StringComparison.Ordinal)))
        {
            return s;
        }

        // "Lần đầu tiên, Ủy ban nhân dân xã tổ chức …": the unit's own subject after an opening phrase takes its name.
        var comma = s.IndexOf(", ", StringComparison.Ordinal);
        if (comma is > 0 and < 40 && Predicate(s[(comma + 2)..], ownNames) is { } rest && !StartsWithVerb(Fold(s[(comma + 2)..])))
        {
            return $"{s[..comma]}, {unitName} {rest}";
        }

        return WithSubject(unitName, s, ownNames);
    }

    /// <summary>"a, b và c".</summary>
    public static string List(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} và {items[^1]}";

    /// <summary>Whole numbers with dots between thousands, decimals with a comma: "6.712", "95,5".</summary>
    public static string Number(decimal value) => value.ToString("#,##0.#", Vi);

    public static string Count(int n) => n.ToString("N0", Vi);

    public static string Fold(string s) => VietnameseText.Fold(s).Trim();

    public static string UpperFirst(string s) => s.Length == 0 ? s : char.ToUpper(s[0], Vi) + s[1..];

    public static string LowerFirst(string s) => s.Length == 0 ? s : char.ToLower(s[0], Vi) + s[1..];

    /// <summary>Removes the punctuation left over when sentences are cut and joined: ". (", "..", "”..", "; (", doubled spaces.</summary>
    public static string Tidy(string s)
    {
        var text = s.Trim().Replace('\t', ' ');
        var b = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var last = b.Length > 0 ? b[^1] : '\0';
            if (c == ' ' && last == ' ')
            {
                continue;
            }

            if (c is '.' or ',' or ';' or ':' && last == ' ')
            {
                b.Length--;
                last = b.Length > 0 ? b[^1] : '\0';
            }

            if (c is '.' or ',' or ';' or ':' && last is '.' or ',' or ';' or ':')
            {
                // ".." → ".", "; ." → ".", ",." → "."; the later mark wins unless it is a comma.
                if (c != ',')
                {
                    b[^1] = c;
                }

                continue;
            }

            if (c == '(' && last == ' ' && b.Length > 1 && b[^2] is '.' or ';')
            {
                // ". (" and "; (": a note belongs before the sentence's own end.
                b.Length -= 2;
                b.Append(" (");
                continue;
            }

            b.Append(c);
        }

        var result = b.ToString().Trim();
        // "”.." and ".”." after a quotation: one full stop.
        return result.Replace("”..", "”.", StringComparison.Ordinal).Replace(".”.", "”.", StringComparison.Ordinal).Replace("\"..", "\".", StringComparison.Ordinal);
    }

    public static string EndWith(string s, char mark)
    {
        s = s.TrimEnd();
        if (s.Length == 0)
        {
            return s;
        }

        return s[^1] is '.' or ';' or ':' or '!' or '?' or ',' ? s[..^1].TrimEnd() + mark : s + mark;
    }

    private static bool StartsWithVerb(string folded) => Verbs.Any(v => StartsWithWords(folded, v));

    private static bool StartsWithWords(ReadOnlySpan<char> folded, string words) =>
        folded.StartsWith(words, StringComparison.Ordinal) && (folded.Length == words.Length || !char.IsLetterOrDigit(folded[words.Length]));

    /// <summary>Lower-cases the first letter unless the sentence starts with a name ("Ủy ban …", "Mặt trận …", "Nhân dân").</summary>
    private static string LowerFirstUnlessName(string s)
    {
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        var acronym = s.Length > 1 && char.IsUpper(s[0]) && char.IsUpper(s[1]);
        return acronym || (space > 0 && space + 1 < s.Length && char.IsUpper(s[space + 1])) ? s : LowerFirst(s);
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
}

/// <summary>
/// A kind of difficulty or proposal units raise in their own words, as the consolidated report names it: "kinh phí
/// còn hạn chế" for "thiếu kinh phí", "nguồn kinh phí cấp cho hoạt động còn ít". A rule as data.
/// </summary>
public sealed record Theme(string Key, string Phrase, IReadOnlyList<string> Keywords)
{
    public bool In(string folded) => Keywords.Any(k => Contains(folded, k));

    private static bool Contains(string folded, string keyword)
    {
        for (var at = folded.IndexOf(keyword, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(keyword, at + 1, StringComparison.Ordinal))
        {
            var end = at + keyword.Length;
            if ((at == 0 || !char.IsLetterOrDigit(folded[at - 1])) && (end == folded.Length || !char.IsLetterOrDigit(folded[end])))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The difficulties and proposals the consolidation groups, in the words a Sở Nội vụ uses.</summary>
public static class Themes
{
    /// <summary>A sentence of section II that states a limitation or a difficulty (folded words).</summary>
    public static readonly Theme Limitation = new("limitation", "", ["han che", "kho khan", "chua", "con", "con thieu", "thieu", "vuong mac", "bat cap", "ton tai", "yeu kem", "cham", "xao tron", "anh huong", "khong thuan loi"]);

    public static readonly Theme Cause = new("cause", "", ["nguyen nhan", "do la", "boi vi"]);

    public static readonly Theme Proposal = new("proposal", "", ["kien nghi", "de nghi", "de xuat", "kien nghi de xuat"]);

    public static IReadOnlyList<Theme> Difficulties { get; } =
    [
        new("staff", "đội ngũ cán bộ làm công tác dân vận còn thiếu, phần lớn kiêm nhiệm", ["bien che", "thieu can bo", "kiem nhiem", "nhan su", "doi ngu can bo", "thieu nguoi", "so luong can bo", "can bo con thieu", "so luong cong chuc", "cong chuc it"]),
        new("funding", "kinh phí, nguồn lực cho công tác dân vận còn hạn chế", ["kinh phi", "nguon luc", "ngan sach", "nguon von"]),
        new("skills", "năng lực, kỹ năng vận động quần chúng của một số cán bộ còn hạn chế", ["nang luc", "ky nang", "trinh do", "kinh nghiem", "nghiep vu"]),
        new("participation", "nhận thức, sự tham gia của một bộ phận Nhân dân còn hạn chế", ["su tham gia", "chua tich cuc", "y thuc", "nhan thuc", "nguoi dan chua", "nhan dan chua", "thoi quen"]),
        new("infrastructure", "hạ tầng công nghệ thông tin, trang thiết bị chưa đáp ứng yêu cầu", ["ha tang", "cong nghe thong tin", "internet", "duong truyen", "trang thiet bi", "may tinh", "phan mem", "co so vat chat", "dich vu cong truc tuyen"]),
        new("land", "khiếu nại, tranh chấp về đất đai, bồi thường, giải phóng mặt bằng còn phức tạp", ["dat dai", "tranh chap", "giai phong mat bang", "boi thuong", "khieu nai dong nguoi", "keo dai"]),
        new("terrain", "địa bàn rộng, địa hình phức tạp, đi lại khó khăn", ["dia ban rong", "dia hinh", "dia ly", "thoi tiet", "vung sau", "vung xa", "di lai", "vung cao", "dan cu phan tan", "thien tai", "mua lu"]),
        new("workload", "khối lượng công việc lớn, nhiều nhiệm vụ đột xuất", ["khoi luong cong viec", "qua tai", "nhieu nhiem vu", "dot xuat", "ap luc"]),
        new("reorganisation", "việc sắp xếp tổ chức bộ máy, vận hành chính quyền địa phương hai cấp còn mới, có lúc lúng túng", ["sap xep", "sap nhap", "to chuc bo may", "hai cap", "kien toan bo may", "moi thanh lap"]),
        new("propaganda", "công tác tuyên truyền có lúc chưa thường xuyên, hình thức chưa đa dạng", ["tuyen truyen"]),
        new("coordination", "sự phối hợp giữa các cơ quan, đơn vị có lúc chưa chặt chẽ", ["phoi hop"]),
        new("slow", "một số nội dung, nhiệm vụ triển khai còn chậm", ["cham", "chua kip thoi", "chua dung tien do"]),
    ];

    public static IReadOnlyList<Theme> Proposals { get; } =
    [
        new("funding", "bố trí kinh phí, hỗ trợ nguồn lực cho công tác dân vận và các mô hình \"Dân vận khéo\"", ["kinh phi", "ho tro", "nguon luc", "ngan sach", "cap kinh phi"]),
        new("training", "mở lớp tập huấn, bồi dưỡng kỹ năng, nghiệp vụ công tác dân vận cho cán bộ", ["tap huan", "boi duong", "dao tao", "ky nang"]),
        new("guidance", "ban hành văn bản hướng dẫn cụ thể, thống nhất", ["huong dan", "van ban", "quy dinh", "thong nhat", "cu the"]),
        new("staff", "bổ sung biên chế, cán bộ làm công tác dân vận", ["bien che", "bo sung can bo", "nhan su", "can bo chuyen trach"]),
        new("equipment", "đầu tư hạ tầng công nghệ thông tin, trang thiết bị", ["trang thiet bi", "cong nghe thong tin", "ha tang", "may tinh", "phan mem", "dau tu"]),
        new("policy", "có chế độ, chính sách, phụ cấp cho người làm công tác dân vận", ["che do", "chinh sach", "phu cap", "dai ngo", "khen thuong"]),
        new("land", "sớm giải quyết dứt điểm các vụ việc đất đai, bồi thường, giải phóng mặt bằng", ["dat dai", "giai phong mat bang", "boi thuong", "tranh chap"]),
    ];
}
