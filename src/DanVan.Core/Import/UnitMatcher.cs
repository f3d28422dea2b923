using DanVan.Core.Text;

namespace DanVan.Core.Import;

/// <summary>A unit a Word report may come from: every name it has had, and its parent's name in the period.</summary>
public sealed record UnitCandidate(int Id, string Code, IReadOnlyList<string> Names, string? ParentName);

/// <summary>The units a file's issuer names: exactly one is a match; none is unknown; several are ambiguous.</summary>
public sealed record UnitMatch(IReadOnlyList<UnitCandidate> Units)
{
    public UnitCandidate? Unit => Units.Count == 1 ? Units[0] : null;
}

/// <summary>
/// Finds the unit that issued a Word report by the names in its header, among the units that report under a plan.
/// Headers write the same body many ways — "ỦY BAN NHÂN DÂN XÃ TRÀ TÂN", "UBND xã Trà Tân", "Uỷ ban nhân dân xã
/// Trà Tân" — so names are compared as words without case, marks or punctuation, with the usual abbreviations spelt
/// out. A department or board often writes only its own name under its parent ("SỞ NỘI VỤ" under "UBND TỈNH LÂM
/// ĐỒNG"), which names "Sở Nội vụ tỉnh Lâm Đồng". Two units of one name are told apart by the parent line, else the
/// match is ambiguous: a report is never put under a unit by a guess. Pure.
/// </summary>
public sealed class UnitMatcher
{
    private const string PeoplesCommittee = "uy ban nhan dan";

    private readonly Dictionary<string, List<UnitCandidate>> _byName = new(StringComparer.Ordinal);

    public UnitMatcher(IEnumerable<UnitCandidate> units)
    {
        foreach (var unit in units)
        {
            foreach (var key in unit.Names.Select(Key).Where(k => k.Length > 0).Distinct())
            {
                if (!_byName.TryGetValue(key, out var list))
                {
                    _byName[key] = list = [];
                }

                list.Add(unit);
            }
        }
    }

    public UnitMatch Match(string? issuer, string? parentIssuer)
    {
        var own = Key(issuer ?? "");
        if (own.Length == 0)
        {
            return new UnitMatch([]);
        }

        var parent = Key(parentIssuer ?? "");
        var keys = parent.Length == 0 ? [own] : new[] { own, $"{own} {Place(parent)}" };
        foreach (var key in keys)
        {
            if (!_byName.TryGetValue(key, out var found))
            {
                continue;
            }

            if (found.Count > 1 && parent.Length > 0 && found.Where(u => u.ParentName is { } p && Key(p) == parent).ToList() is [var under])
            {
                return new UnitMatch([under]);
            }

            return new UnitMatch(found);
        }

        return new UnitMatch([]);
    }

    /// <summary>A name as compared: folded words ("Đ" as "d"), punctuation as spaces, abbreviations spelt out.</summary>
    public static string Key(string name)
    {
        var words = new string(VietnameseText.Fold(name).Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Abbreviations.TryGetValue(w, out var full) ? full : w);
        return string.Join(' ', words);
    }

    /// <summary>"uy ban nhan dan tinh lam dong" → "tinh lam dong": the place a parent committee's name ends with.</summary>
    private static string Place(string parentKey) =>
        parentKey.StartsWith(PeoplesCommittee + " ", StringComparison.Ordinal) ? parentKey[(PeoplesCommittee.Length + 1)..] : parentKey;

    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["ubnd"] = PeoplesCommittee,
        ["tp"] = "thanh pho",
        ["tx"] = "thi xa",
        ["bql"] = "ban quan ly",
        ["bqlda"] = "ban quan ly du an",
    };
}
