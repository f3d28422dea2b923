using System.Collections.Concurrent;
using DanVan.Core.Text;

namespace DanVan.Core.Consolidation;

/// <summary>
/// A number a unit wrote and what it counts: "tổ chức 02 buổi đối thoại" is 2, measure "buổi", activity "dialogue".
/// <see cref="Activity"/> is null when the sentence says what was counted in words no <see cref="Activities"/> entry
/// knows; <see cref="Start"/> and <see cref="Length"/> locate the number in the sentence.
/// </summary>
public sealed record Quantity(decimal Value, string Measure, Activity? Activity, int Start, int Length)
{
    /// <summary>Rates are never added up (range and mean instead).</summary>
    public bool IsRate => Measure == Measures.Percent;
}

/// <summary>The measures quantities are added up in: only like with like ("buổi" with "buổi", never with "lượt").</summary>
public static class Measures
{
    public const string Percent = "%";
    public const string Sessions = "buổi";
    public const string Attendances = "lượt";
    public const string Petitions = "đơn";
    public const string Cases = "vụ việc";
    public const string Documents = "văn bản";
    public const string Files = "hồ sơ";
    public const string Models = "mô hình";
    public const string Classes = "lớp";
    public const string Campaigns = "đợt";
    public const string Articles = "tin, bài";
    public const string Materials = "tài liệu";
    public const string MillionDong = "triệu đồng";
    public const string SquareMetres = "m²";
    public const string Hectares = "ha";
    public const string Kilometres = "km";
    public const string Households = "hộ";
    public const string Works = "công trình";
    public const string WorkDays = "ngày công";

    /// <summary>
    /// The words after a number that say what it counts (folded), longest first, with the measure and a factor
    /// ("2 tỷ đồng" is 2.000 triệu đồng). Counting words for one occasion — buổi, cuộc, hội nghị, lần — are one measure,
    /// as a consolidator adds "02 buổi đối thoại" and "3 hội nghị đối thoại" together.
    /// </summary>
    internal static readonly (string[] Words, string Measure, decimal Factor)[] Table = Build(
    [
        ("luot nguoi dan", Attendances), ("luot nguoi", Attendances), ("luot", Attendances), ("nguoi", Attendances),
        ("can bo cong chuc", Attendances), ("can bo", Attendances), ("hoc vien", Attendances), ("dai bieu", Attendances),
        ("buoi", Sessions), ("cuoc", Sessions), ("hoi nghi", Sessions), ("lan", Sessions), ("phien", Sessions),
        ("dot", Campaigns), ("lop", Classes),
        ("don thu", Petitions), ("don", Petitions), ("vu viec", Cases), ("vu", Cases),
        ("van ban", Documents), ("cong van", Documents), ("ke hoach", Documents), ("quyet dinh", Documents), ("huong dan", Documents),
        ("ho so", Files), ("mo hinh", Models),
        ("tin bai", Articles), ("tin", Articles), ("bai", Articles), ("tai lieu", Materials), ("to roi", Materials), ("cuon", Materials),
        ("trieu dong", MillionDong), ("trieu", MillionDong), ("m2", SquareMetres), ("m²", SquareMetres), ("met vuong", SquareMetres),
        ("ha", Hectares), ("km", Kilometres), ("ho gia dinh", Households), ("ho", Households),
        ("cong trinh", Works), ("ngay cong", WorkDays), ("phan tram", Percent),
    ]);

    private static (string[], string, decimal)[] Build((string Words, string Measure)[] rows) =>
        rows.Select(r => (r.Words.Split(' '), r.Measure, 1m))
            .Append((["ty", "dong"], MillionDong, 1000m))
            .OrderByDescending(r => r.Item1.Length)
            .ToArray();
}

/// <summary>
/// A kind of activity units report with numbers, as a consolidator names it in the summary, e.g. "tổ chức đối thoại
/// với Nhân dân" counted in buổi and lượt người tham dự. A rule as data: the words that say it (folded, any order of
/// the sentence), the measures it is counted in and how each is named.
/// </summary>
public sealed record Activity(string Key, string Phrase, IReadOnlyList<string> Keywords, IReadOnlyDictionary<string, string> Measures)
{
    /// <summary>The measure's name in a summary of this activity ("lượt công dân" for citizens received).</summary>
    public string MeasureName(string measure) => Measures.GetValueOrDefault(measure, measure);
}

/// <summary>The activities the consolidation recognises, in the order a report usually states them.</summary>
public static class Activities
{
    public static IReadOnlyList<Activity> All { get; } =
    [
        A("documents", "ban hành văn bản lãnh đạo, chỉ đạo, hướng dẫn", ["ban hanh", "xay dung", "trien khai", "chi dao"], (Measures.Documents, "văn bản")),
        A("propaganda", "tổ chức tuyên truyền, phổ biến, quán triệt", ["tuyen truyen", "pho bien", "quan triet", "dang tai", "phat thanh"],
            (Measures.Sessions, "buổi"), (Measures.Attendances, "lượt người tham dự"), (Measures.Campaigns, "đợt"), (Measures.Articles, "tin, bài"), (Measures.Materials, "tài liệu")),
        A("training", "mở lớp tập huấn, bồi dưỡng nghiệp vụ", ["tap huan", "boi duong", "dao tao"],
            (Measures.Classes, "lớp"), (Measures.Sessions, "buổi"), (Measures.Attendances, "lượt học viên")),
        A("models", "đăng ký, xây dựng mô hình \"Dân vận khéo\"", ["dan van kheo", "mo hinh", "dang ky"], (Measures.Models, "mô hình")),
        A("dialogue", "tổ chức đối thoại với Nhân dân", ["doi thoai"], (Measures.Sessions, "buổi"), (Measures.Attendances, "lượt người tham dự")),
        A("meetings", "tổ chức họp dân, lấy ý kiến Nhân dân", ["hop dan", "hop thon", "hop to dan pho", "lay y kien", "hoi nghi nhan dan"],
            (Measures.Sessions, "buổi"), (Measures.Attendances, "lượt người tham dự")),
        A("reception", "tổ chức tiếp công dân", ["tiep cong dan", "tiep dan", "tiep cong dan dinh ky", "tiep nguoi dan"],
            (Measures.Sessions, "buổi tiếp công dân"), (Measures.Attendances, "lượt công dân")),
        A("petitions", "tiếp nhận đơn khiếu nại, tố cáo, kiến nghị, phản ánh", ["tiep nhan", "nhan duoc", "kien nghi", "phan anh", "khieu nai", "to cao"],
            (Measures.Petitions, "đơn"), (Measures.Cases, "vụ việc")),
        A("petitions-resolved", "đã giải quyết đơn thư", ["giai quyet", "xu ly xong", "da xu ly"], (Measures.Petitions, "đơn"), (Measures.Cases, "vụ việc")),
        A("petitions-pending", "còn đơn thư đang xem xét, giải quyết", ["dang xem xet", "dang giai quyet", "ton dong", "con lai", "con"], (Measures.Petitions, "đơn")),
        A("mediation", "hòa giải thành các vụ việc ở cơ sở", ["hoa giai"], (Measures.Cases, "vụ việc")),
        A("files", "tiếp nhận, giải quyết hồ sơ thủ tục hành chính", ["ho so", "thu tuc hanh chinh", "tiep nhan", "giai quyet"], (Measures.Files, "hồ sơ")),
        A("inspections", "tổ chức kiểm tra, giám sát", ["kiem tra", "thanh tra", "giam sat"], (Measures.Sessions, "cuộc"), (Measures.Campaigns, "đợt")),
        A("land", "vận động Nhân dân hiến đất, giải phóng mặt bằng", ["hien dat", "hien", "giai phong mat bang", "mat bang"],
            (Measures.SquareMetres, "m² đất"), (Measures.Hectares, "ha"), (Measures.Households, "hộ")),
        A("contributions", "vận động Nhân dân đóng góp, ủng hộ", ["ung ho", "dong gop", "huy dong", "van dong"],
            (Measures.MillionDong, "triệu đồng"), (Measures.WorkDays, "ngày công"), (Measures.Households, "hộ")),
        A("roads", "làm đường giao thông, công trình dân sinh", ["duong giao thong", "be tong", "cong trinh", "duong"], (Measures.Kilometres, "km"), (Measures.Works, "công trình")),
        A("rate-on-time", "tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", ["dung han", "truoc han", "dung va truoc han"], (Measures.Percent, "%")),
        A("rate-online", "tỷ lệ hồ sơ tiếp nhận, giải quyết trực tuyến", ["truc tuyen"], (Measures.Percent, "%")),
        A("rate-satisfaction", "tỷ lệ người dân hài lòng", ["hai long"], (Measures.Percent, "%")),
    ];

    /// <summary>Rates recomputed from two added-up activities: đơn giải quyết ÷ đơn tiếp nhận.</summary>
    public static IReadOnlyList<(string Part, string Whole, string Measure)> Ratios { get; } = [("petitions-resolved", "petitions", Measures.Petitions)];

    public static Activity? Find(string key) => All.FirstOrDefault(a => a.Key == key);

    private static Activity A(string key, string phrase, string[] keywords, params (string Measure, string Name)[] measures) =>
        new(key, phrase, keywords, measures.ToDictionary(m => m.Measure, m => m.Name, StringComparer.Ordinal));
}

/// <summary>
/// Reads the quantities in a unit's sentence. Pure. Numbers are read the Vietnamese way — "02" is 2, "1.234" is one
/// thousand two hundred thirty-four, "1,5" and "95,5" are decimals (a dot before 1–2 digits is a decimal typed the
/// English way) — and a number counts only when a measure follows it, so dates, years, document numbers ("số
/// 33/CT-TTg"), "thôn 3" and "tháng 12" are not quantities.
/// </summary>
public static class FactReader
{
    private static readonly HashSet<string> NotCounts = new(StringComparer.Ordinal)
    {
        "so", "thon", "to", "khu", "pho", "ap", "ban", "xom", "dieu", "khoan", "muc", "thang", "quy", "ngay", "nam", "khoa", "lan thu", "doi", "tuan", "giai doan", "phuong", "xa", "nghi dinh", "thu",
    };

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["mot"] = 1,
        ["hai"] = 2,
        ["ba"] = 3,
        ["bon"] = 4,
        ["nam"] = 5,
        ["sau"] = 6,
        ["bay"] = 7,
        ["tam"] = 8,
        ["chin"] = 9,
        ["muoi"] = 10,
    };

    /// <summary>The quantities of the sentence, in order.</summary>
    public static IReadOnlyList<Quantity> Read(string sentence)
    {
        // Most sentences hold no digit at all, and a count written in words needs one of few words.
        if (!sentence.AsSpan().ContainsAnyInRange('0', '9') && !NumberWordsIn(sentence))
        {
            return [];
        }

        var tokens = Tokenize(sentence);
        var found = new List<(decimal Value, string Measure, int Token, int End, int Start, int Length)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            decimal? value = t.Kind == TokenKind.Number ? t.Value
                : t.Kind == TokenKind.Word && NumberWords.TryGetValue(t.Folded, out var w) && (i == 0 || tokens[i - 1].Kind != TokenKind.Number) ? w
                : null;
            if (value is null || (i > 0 && NotCounts.Contains(tokens[i - 1].Folded)) || (i > 1 && NotCounts.Contains(tokens[i - 2].Folded + " " + tokens[i - 1].Folded)))
            {
                continue;
            }

            if (t.Kind == TokenKind.Number && t.Text.Length == 4 && value is >= 1900 and <= 2100 && !t.Text.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            if (MeasureAt(tokens, i + 1) is not { } m)
            {
                continue;
            }

            // "một số", "hai bên": number words count only before a counting word proper, not before "người" alone.
            if (t.Kind == TokenKind.Word && m.Measure is Measures.Attendances && tokens[i + 1].Folded == "nguoi")
            {
                continue;
            }

            found.Add((value.Value * m.Factor, m.Measure, i, m.End, t.Start, t.Length));
        }

        if (found.Count == 0)
        {
            return [];
        }

        // The skeleton is the sentence's words without its quantities, where activities are looked for.
        var counted = new bool[tokens.Count];
        foreach (var f in found)
        {
            for (var k = f.Token; k < f.End; k++)
            {
                counted[k] = true;
            }
        }

        var result = new List<Quantity>(found.Count);
        foreach (var f in found)
        {
            result.Add(new Quantity(f.Value, f.Measure, ActivityOf(tokens, counted, f.Token, f.End, f.Measure), f.Start, f.Length));
        }

        return result;
    }

    /// <summary>
    /// The activity whose words stand nearest the number, within its clause (up to ";") first, then in the whole
    /// sentence ("Đối thoại với nhân dân: 1 cuộc, 120 lượt người"). The words after the measure weigh a little more
    /// than those before: "3 buổi tiếp công dân" counts sessions of reception.
    /// </summary>
    private static Activity? ActivityOf(List<Token> tokens, bool[] counted, int number, int end, string measure)
    {
        var (clauseStart, clauseEnd) = (number, end);
        while (clauseStart > 0 && tokens[clauseStart - 1].Text != ";")
        {
            clauseStart--;
        }

        while (clauseEnd < tokens.Count && tokens[clauseEnd].Text != ";")
        {
            clauseEnd++;
        }

        return Nearest(clauseStart, clauseEnd) ?? Nearest(0, tokens.Count);

        Activity? Nearest(int from, int to)
        {
            // After the number the words run to the next punctuation ("đã giải quyết 6 đơn, còn 4 đơn": "còn" belongs to 4).
            var stop = end;
            while (stop < to && tokens[stop].Kind != TokenKind.Other)
            {
                stop++;
            }

            var words = new List<(string Word, int Token)>();
            for (var k = from; k < to; k++)
            {
                if (!counted[k] && tokens[k].Kind == TokenKind.Word && (k < number || k < stop))
                {
                    words.Add((tokens[k].Folded, k));
                }
            }

            Activity? best = null;
            var bestDistance = double.MaxValue;
            foreach (var (activity, keywords) in KeywordWords)
            {
                if (!activity.Measures.ContainsKey(measure))
                {
                    continue;
                }

                foreach (var parts in keywords)
                {
                    for (var k = 0; k + parts.Length <= words.Count; k++)
                    {
                        var match = true;
                        for (var p = 0; p < parts.Length && match; p++)
                        {
                            match = words[k + p].Word == parts[p];
                        }

                        if (!match)
                        {
                            continue;
                        }

                        // After the measure weighs a little more than before; a longer keyword, more specific, wins a tie.
                        var at = words[k].Token;
                        var distance = (at >= end ? at - end : number - words[k + parts.Length - 1].Token + 0.5) - (parts.Length * 0.1);
                        if (distance < bestDistance)
                        {
                            (best, bestDistance) = (activity, distance);
                        }
                    }
                }
            }

            return best;
        }
    }

    /// <summary>Each activity's keywords split into words, once.</summary>
    private static readonly (Activity Activity, string[][] Keywords)[] KeywordWords =
        Activities.All.Select(a => (a, a.Keywords.Select(k => k.Split(' ')).ToArray())).ToArray();

    private static (string Measure, decimal Factor, int End)? MeasureAt(List<Token> tokens, int i)
    {
        if (i < tokens.Count && tokens[i].Text == "%")
        {
            return (Measures.Percent, 1, i + 1);
        }

        foreach (var (words, measure, factor) in Measures.Table)
        {
            var k = i;
            var match = true;
            foreach (var word in words)
            {
                // "tin, bài": a comma may stand between the words of a measure.
                if (k < tokens.Count && tokens[k].Text == "," && word != words[0])
                {
                    k++;
                }

                if (k >= tokens.Count || tokens[k].Folded != word)
                {
                    match = false;
                    break;
                }

                k++;
            }

            if (match)
            {
                return (measure, factor, k);
            }
        }

        return null;
    }

    private static bool NumberWordsIn(string sentence)
    {
        foreach (var word in NumberWordSpellings)
        {
            if (sentence.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number words as written (with their tones), to tell quickly that a sentence has none.</summary>
    private static readonly string[] NumberWordSpellings = ["một ", "hai ", "ba ", "bốn ", "năm ", "sáu ", "bảy ", "tám ", "chín ", "mười ", "mot ", "bon ", "nam ", "sau ", "bay ", "tam ", "chin ", "muoi "];

    /// <summary>Reads "02", "1.234", "1,5", "95.5" as written in Vietnamese text; null when it is not a plain number.</summary>
    public static decimal? ParseNumber(string text) =>
        text.Length > 0 && char.IsAsciiDigit(text[0]) ? Plans.FigureValue.Read(text)?.Value : null;

    private enum TokenKind
    {
        Word,
        Number,
        Other,
    }

    private readonly record struct Token(TokenKind Kind, string Text, string Folded, int Start, int Length, decimal Value);

    /// <summary>
    /// Words met, with their folded forms. Reports are written in a few thousand syllables, so once a word is known a
    /// sentence's words cost no new strings; a province's sentences are read this way on every consolidation. Bounded,
    /// so text made of endless distinct words cannot grow it without end.
    /// </summary>
    private static readonly ConcurrentDictionary<string, string> Words = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> WordLookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int wordCount;

    private const int MaxWords = 200_000;

    private static (string Text, string Folded) Word(ReadOnlySpan<char> span)
    {
        if (WordLookup.TryGetValue(span, out var known, out var folded))
        {
            return (known, folded);
        }

        var text = span.ToString();
        folded = VietnameseText.Fold(text);
        if (Volatile.Read(ref wordCount) < MaxWords && Words.TryAdd(text, folded))
        {
            Interlocked.Increment(ref wordCount);
        }

        return (text, folded);
    }

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>(s.Length / 4);
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || (s[i] is '.' or ',' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))))
                {
                    i++;
                }

                // "33/CT-TTg", "26/11/2021", "2021-2030", "10/2022/QH15": part of a reference or a date, not a count.
                if (i < s.Length && (s[i] is '/' or '-' || char.IsLetter(s[i])) && !(i + 1 < s.Length && s[i] == 'm' && s[i + 1] is '2' or '²'))
                {
                    while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not (',' or ';' or ')'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Other, s[start..i], "", start, i - start, 0));
                    continue;
                }

                var text = s[start..i];
                tokens.Add(ParseNumber(text) is { } v ? new Token(TokenKind.Number, text, text, start, i - start, v) : new Token(TokenKind.Other, text, "", start, i - start, 0));
                continue;
            }

            if (char.IsLetter(c) || c == '²')
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '²'))
                {
                    i++;
                }

                var (word, folded) = Word(s.AsSpan(start, i - start));
                tokens.Add(new Token(TokenKind.Word, word, folded, start, i - start, 0));
                continue;
            }

            var mark = Word(s.AsSpan(start, 1)).Text;
            tokens.Add(new Token(TokenKind.Other, mark, mark, start, 1, 0));
            i++;
        }

        return tokens;
    }
}
