using System.Text;
using DanVan.Core.Text;

namespace DanVan.Core.Consolidation;

/// <summary>One sentence a unit wrote in a section; <see cref="Unit"/> indexes the caller's list of units.</summary>
public readonly record struct UnitSentence(int Unit, string Text, double Position = 0);

/// <summary>
/// Sentences that say the same thing. <see cref="Shared"/>: text copied by several units (a directive, the province's
/// boilerplate), shown once with the units that wrote it; otherwise one unit's own sentence (its facts), kept as written.
/// <see cref="Position"/> is the members' average place in their sections (0 first, 1 last), to keep the usual order;
/// <see cref="Members"/> index the sentences grouped, so every sentence can be traced to the paragraph that stands for it.
/// </summary>
public sealed record SentenceGroup(string Text, IReadOnlyList<int> Units, bool Shared, double Position, IReadOnlyList<int> Members);

/// <summary>
/// Near-duplicate grouping of sentences across many units' reports, in time near-linear in the amount of text. Pure.
/// </summary>
/// <remarks>
/// Each sentence is reduced to a key: folded words (no tones, lower case), numbers masked as "#", the writing unit's
/// own place name masked, so that "UBND xã An Bình tổ chức 3 buổi" and "UBND xã Tân Lộc tổ chức 5 buổi" look alike.
/// Equal keys group at once (a dictionary); the distinct keys, far fewer than the sentences, are clustered by MinHash
/// over word 3-grams with LSH buckets, each key joining the most frequent similar key (Jaccard ≥ 0.5 on the 3-grams,
/// checked exactly) so clusters never chain. Inside a cluster the sentences' facts — their numbers and capitalised names —
/// decide: a variant written by at least two units is shared when it is the majority or when the cluster's numbers all
/// agree (light wording edits, the same directive); every other sentence is a unit's own fact, kept and attributed.
/// </remarks>
public static class NearDuplicates
{
    public const double Threshold = 0.5;

    /// <summary>Shown instead of a unit's own name in text shared by many units.</summary>
    public const string OwnNamePlaceholder = "(tên đơn vị)";

    private const int Hashes = 32;
    private const int RowsPerBand = 2;
    private const char OwnMark = '\u0001';

    /// <summary>
    /// Splits a section's text into sentences: at line ends, and after ".", "!" or "?" followed by a capital letter. A
    /// line's list marker ("1.", "a)", "-", "+", "*") is not a sentence of its own, nor is anything without a letter.
    /// </summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        var result = new List<string>();
        // Spans until a sentence is kept: a province's sections are split by the tens of thousands.
        for (var rest = text.AsSpan(); ;)
        {
            var end = rest.IndexOf('\n');
            var line = WithoutListMarker((end < 0 ? rest : rest[..end]).Trim());
            var start = 0;
            for (var i = 0; i < line.Length - 2; i++)
            {
                if (line[i] is '.' or '!' or '?' && line[i + 1] == ' ' && (char.IsUpper(line[i + 2]) || line[i + 2] is '"' or '“')
                    && !Abbreviation(line, i))
                {
                    Add(line[start..(i + 1)]);
                    start = i + 2;
                }
            }

            Add(line[start..]);
            if (end < 0)
            {
                return result;
            }

            rest = rest[(end + 1)..];
        }

        void Add(ReadOnlySpan<char> s)
        {
            s = s.Trim();
            foreach (var c in s)
            {
                if (char.IsLetter(c))
                {
                    result.Add(CollapseSpaces(s.ToString()));
                    return;
                }
            }
        }
    }

    /// <summary>"1. Tiếp tục …", "a) …", "- …", "+ …", "* …" without their marker.</summary>
    private static ReadOnlySpan<char> WithoutListMarker(ReadOnlySpan<char> line)
    {
        var i = 0;
        if (line.Length > 1 && line[0] is '-' or '+' or '*' or '•' or '–' or '−')
        {
            i = 1;
        }
        else
        {
            while (i < line.Length && i < 3 && char.IsAsciiDigit(line[i]))
            {
                i++;
            }

            if (i == 0 && line.Length > 2 && char.IsLower(line[0]) && line[1] == ')')
            {
                i = 1;
            }

            if (i == 0 || i >= line.Length || line[i] is not ('.' or ')'))
            {
                return line;
            }

            i++;
        }

        return i < line.Length && line[i] == ' ' ? line[(i + 1)..].TrimStart() : i == line.Length ? [] : line;
    }

    /// <summary>"TP. Hồ Chí Minh", "Tp. Huế": a dot after a short capitalised abbreviation does not end a sentence.</summary>
    private static bool Abbreviation(ReadOnlySpan<char> line, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && char.IsLetter(line[wordStart - 1]))
        {
            wordStart--;
        }

        return dot - wordStart is > 0 and <= 3 && char.IsUpper(line[wordStart]) && (wordStart == 0 || line[wordStart - 1] == ' ');
    }

    /// <summary>Groups the sentences; <paramref name="ownNames"/> gives, per unit, the names it calls itself (masked when comparing).</summary>
    public static IReadOnlyList<SentenceGroup> Group(IReadOnlyList<UnitSentence> sentences, Func<int, IReadOnlyList<string>>? ownNames = null)
    {
        // 1. A key per sentence; equal keys share an entry.
        var keys = new Dictionary<string, KeyInfo>(StringComparer.Ordinal);
        var analysed = new Analysed[sentences.Count];
        // Units copy one another's sentences: each distinct text is normalised, and each masked text analysed, once.
        var normalised = new Dictionary<string, string>(StringComparer.Ordinal);
        var analyses = new Dictionary<string, (KeyInfo Info, string Numbers, string Facts)>(StringComparer.Ordinal);
        // Longest first, so "UBND xã An Bình" is masked before "An Bình"; sorted once per unit, not per sentence.
        var masks = new Dictionary<int, string[]>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var s = sentences[i];
            if (!normalised.TryGetValue(s.Text, out var text))
            {
                normalised[s.Text] = text = CollapseSpaces(VietnameseText.Nfc(s.Text.Trim()));
            }

            string[]? names = null;
            if (ownNames is not null && !masks.TryGetValue(s.Unit, out names))
            {
                masks[s.Unit] = names = LongestFirst(ownNames(s.Unit));
            }

            var masked = Mask(text, names);
            if (!analyses.TryGetValue(masked, out var analysis))
            {
                var (key, written, named) = Analyse(masked);
                if (!keys.TryGetValue(key, out var found))
                {
                    keys[key] = found = new KeyInfo(key);
                }

                analyses[masked] = analysis = (found, written, named);
            }

            var (info, numbers, facts) = analysis;
            info.Count++;
            analysed[i] = new Analysed(i, s.Unit, text, masked, info, numbers, facts, s.Position);
        }

        // 2. Cluster the distinct keys, most frequent first, each joining the best similar leader.
        var leaders = new List<KeyInfo>();
        var buckets = new Dictionary<(int Band, ulong Hash), List<KeyInfo>>();
        foreach (var info in keys.Values.OrderByDescending(k => k.Count).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            info.Shingles = Shingles(info.Key);
            var signature = MinHash(info.Shingles);
            KeyInfo? best = null;
            var bestScore = Threshold;
            var seen = new HashSet<KeyInfo>();
            for (var band = 0; band < Hashes / RowsPerBand; band++)
            {
                if (!buckets.TryGetValue((band, BandHash(signature, band)), out var candidates))
                {
                    continue;
                }

                foreach (var leader in candidates)
                {
                    if (seen.Add(leader) && Jaccard(info.Shingles, leader.Shingles!) is var score && score >= bestScore)
                    {
                        (best, bestScore) = (leader, score);
                    }
                }
            }

            if (best is not null)
            {
                info.Leader = best;
                continue;
            }

            info.Leader = info;
            leaders.Add(info);
            for (var band = 0; band < Hashes / RowsPerBand; band++)
            {
                var bucket = (band, BandHash(signature, band));
                if (!buckets.TryGetValue(bucket, out var list))
                {
                    buckets[bucket] = list = [];
                }

                list.Add(info);
            }
        }

        // 3. Inside each cluster, shared variants versus units' own facts.
        var groups = new List<SentenceGroup>();
        foreach (var cluster in analysed.GroupBy(a => a.Key.Leader!).OrderBy(g => g.Key.Key, StringComparer.Ordinal))
        {
            var members = cluster.ToList();
            var numbersAgree = members.All(m => m.Numbers == members[0].Numbers);
            var units = members.Select(m => m.Unit).Distinct().Count();
            var sharedSentences = new HashSet<Analysed>(ReferenceEqualityComparer.Instance);
            foreach (var variant in members.GroupBy(m => m.Facts, StringComparer.Ordinal).OrderByDescending(v => v.Count()))
            {
                var writers = variant.Select(v => v.Unit).Distinct().OrderBy(u => u).ToList();
                if (writers.Count < 2 || !(numbersAgree || writers.Count * 2 > units))
                {
                    continue;
                }

                // The wording most units used; a unit's own name in it becomes a placeholder.
                var shown = variant.GroupBy(v => v.Masked, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
                groups.Add(new SentenceGroup(shown.Replace(OwnMark.ToString(), OwnNamePlaceholder, StringComparison.Ordinal), writers, true, variant.Average(v => v.Position), variant.Select(v => v.Index).ToList()));
                sharedSentences.UnionWith(variant);
            }

            groups.AddRange(members.Where(m => !sharedSentences.Contains(m)).Select(m => new SentenceGroup(m.Text, [m.Unit], false, m.Position, [m.Index])));
        }

        return groups;
    }

    /// <summary>The names of more than one letter, longest first, in their given order among equals (a unit has two or three).</summary>
    private static string[] LongestFirst(IReadOnlyList<string> names)
    {
        var result = new List<string>(names.Count);
        foreach (var name in names)
        {
            if (name.Length > 1)
            {
                var at = result.Count;
                while (at > 0 && result[at - 1].Length < name.Length)
                {
                    at--;
                }

                result.Insert(at, name);
            }
        }

        return [.. result];
    }

    private static string Mask(string text, string[]? names)
    {
        if (names is null)
        {
            return text;
        }

        foreach (var name in names)
        {
            text = text.Replace(name, OwnMark.ToString(), StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The comparison key (folded words, "#" for numbers), the numbers, and the facts (numbers and names) of a sentence.</summary>
    private static (string Key, string Numbers, string Facts) Analyse(string text)
    {
        var key = new StringBuilder(text.Length);
        var numbers = new StringBuilder();
        var facts = new StringBuilder();
        // Folded at once: composed text folds letter for letter, so each word's folded form is at the same place.
        var folded = VietnameseText.Fold(text);
        var aligned = folded.Length == text.Length;
        var first = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == OwnMark)
            {
                key.Append("@ ");
                i++;
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            var start = i;
            var digit = false;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || ((text[i] is '/' or '.' or ',') && digit && i + 1 < text.Length && char.IsDigit(text[i + 1]))))
            {
                digit |= char.IsDigit(text[i]);
                i++;
            }

            if (digit)
            {
                var word = text.AsSpan(start, i - start);
                key.Append("# ");
                numbers.Append(word).Append('|');
                facts.Append(word).Append('|');
            }
            else
            {
                var word = aligned ? folded.AsSpan(start, i - start) : VietnameseText.Fold(text[start..i]);
                key.Append(word).Append(' ');
                if (!first && char.IsUpper(text[start]))
                {
                    facts.Append(word).Append('|');
                }
            }

            first = false;
        }

        return (key.ToString(), numbers.ToString(), facts.ToString());
    }

    private static HashSet<ulong> Shingles(string key)
    {
        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hashes = words.Select(Hash).ToArray();
        var result = new HashSet<ulong>();
        if (hashes.Length < 3)
        {
            result.UnionWith(hashes);
            return result;
        }

        for (var i = 0; i + 2 < hashes.Length; i++)
        {
            result.Add(Mix((hashes[i] * 31) ^ (hashes[i + 1] * 17) ^ hashes[i + 2]));
        }

        return result;
    }

    private static ulong[] MinHash(HashSet<ulong> shingles)
    {
        var signature = new ulong[Hashes];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var s in shingles)
        {
            for (var h = 0; h < Hashes; h++)
            {
                var v = Mix(s ^ Seeds[h]);
                if (v < signature[h])
                {
                    signature[h] = v;
                }
            }
        }

        return signature;
    }

    private static ulong BandHash(ulong[] signature, int band)
    {
        var h = 14695981039346656037UL;
        for (var r = 0; r < RowsPerBand; r++)
        {
            h = Mix(h ^ signature[(band * RowsPerBand) + r]);
        }

        return h;
    }

    private static double Jaccard(HashSet<ulong> a, HashSet<ulong> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = small.Count(large.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    /// <summary>FNV-1a over the characters: stable across runs and processes, unlike string.GetHashCode.</summary>
    private static ulong Hash(string word)
    {
        var h = 14695981039346656037UL;
        foreach (var c in word)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }

    /// <summary>SplitMix64 finaliser.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static readonly ulong[] Seeds = Enumerable.Range(1, Hashes).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();

    private static string CollapseSpaces(string s)
    {
        if (!s.Contains("  ", StringComparison.Ordinal) && !s.Contains('\t', StringComparison.Ordinal))
        {
            return s;
        }

        return string.Join(' ', s.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed class KeyInfo(string key)
    {
        public string Key { get; } = key;

        public int Count { get; set; }

        public HashSet<ulong>? Shingles { get; set; }

        public KeyInfo? Leader { get; set; }
    }

    private sealed record Analysed(int Index, int Unit, string Text, string Masked, KeyInfo Key, string Numbers, string Facts, double Position);
}
