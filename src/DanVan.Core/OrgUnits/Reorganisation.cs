using System.Globalization;
using System.Text.RegularExpressions;

namespace DanVan.Core.OrgUnits;

/// <summary>A unit a row takes over, whole (merged) or in part (split, with the share of its figures it passes on).</summary>
public sealed record Predecessor(string Code, decimal? Share = null);

/// <summary>
/// One resulting unit of an arrangement, as a province's resolution lists them: a new code with predecessors is a merge
/// into a new unit (several rows naming parts of one predecessor split it); an existing code may take predecessors
/// (merge into an existing unit), a new name (rename) or a new parent (move); <see cref="Dissolve"/> ends a unit with
/// no successor. <see cref="Row"/> is the line of the file (0 for a single change from the form).
/// </summary>
public sealed record ReorganisationRow
{
    public int Row { get; init; }

    public string Code { get; init; } = "";

    public string? Name { get; init; }

    /// <summary>The kind as written: the enum name or its Vietnamese word ("xã", "phường", "tỉnh" …).</summary>
    public string? Kind { get; init; }

    public string? PlaceName { get; init; }

    public string? ParentCode { get; init; }

    public DateOnly? EffectiveOn { get; init; }

    public IReadOnlyList<Predecessor> Predecessors { get; init; } = [];

    public string? LegalBasis { get; init; }

    public bool Dissolve { get; init; }
}

public sealed record ReorganisationError(int Row, string Message, string English)
{
    public string Text => Row == 0 ? Message : $"Dòng {Row}: {Message}";

    public string EnglishText => Row == 0 ? English : $"Row {Row}: {English}";
}

/// <summary>The whole arrangement was refused; <see cref="Errors"/> lists every reason, by row.</summary>
public sealed class ReorganisationException(IReadOnlyList<ReorganisationError> errors)
    : DomainException("Rows", string.Join("\n", errors.Select(e => e.Text)))
{
    public IReadOnlyList<ReorganisationError> Errors { get; } = errors;
}

/// <summary>An existing unit as the check needs it: its code, lifetime, current name and parent links over time.</summary>
public sealed record ExistingUnit(int Id, string Code, UnitKind Kind, string Name, DateOnly CreatedOn, DateOnly? ClosedOn, DateOnly NameFrom, DateOnly? ParentFrom);

/// <summary>A unit the arrangement ends: merged into a successor, split (all shares given away) or dissolved.</summary>
public sealed record Closure(int Row, string Code, DateOnly On, string? SuccessorCode, bool Split);

/// <summary>A part of a unit passed to a successor; the origin closes only when its shares add up to 100 %.</summary>
public sealed record SplitPart(int Row, string OriginCode, string SuccessorCode, decimal Share, DateOnly On);

/// <summary>One row, checked and resolved: what the service writes for it.</summary>
public sealed record PlannedUnit(
    int Row, string Code, bool IsNew, string? Name, UnitKind Kind, string? PlaceName, string? ParentCode, DateOnly On, string LegalBasis, bool Renames, bool Moves, bool Dissolves);

/// <summary>
/// An arrangement checked as a whole against the units as they are: the same rules for the form, the upload, the CLI
/// and the API. Pure: the caller loads <see cref="ExistingUnit"/>s and parent links, this says what is wrong, row by
/// row, or what to write. Checks the tree on every day the arrangement takes effect, so a loop or a unit left under a
/// closed parent is refused before anything is saved.
/// </summary>
public sealed partial class Reorganisation
{
    public const int MaxLegalBasisLength = 500;

    private readonly List<ReorganisationError> errors = [];
    private readonly List<PlannedUnit> units = [];
    private readonly List<Closure> closures = [];
    private readonly List<SplitPart> splits = [];

    /// <summary>Every reason, by row: the file's order, so the administrator reads them top to bottom.</summary>
    public IReadOnlyList<ReorganisationError> Errors => errors.OrderBy(e => e.Row).ToList();

    public IReadOnlyList<PlannedUnit> Units => units;

    public IReadOnlyList<Closure> Closures => closures;

    public IReadOnlyList<SplitPart> Splits => splits;

    public bool Valid => errors.Count == 0;

    /// <summary>The days the arrangement takes effect on, earliest first.</summary>
    public IReadOnlyList<DateOnly> Days => units.Select(u => u.On).Distinct().Order().ToList();

    private Reorganisation()
    {
    }

    /// <param name="links">Every parent link (unit id, parent id, from); the tree of any day is read from them.</param>
    public static Reorganisation Check(IReadOnlyList<ReorganisationRow> rows, IReadOnlyCollection<ExistingUnit> existing, IReadOnlyCollection<(int UnitId, int ParentId, DateOnly From)> links)
    {
        var plan = new Reorganisation();
        plan.Run(rows, existing, links);
        return plan;
    }

    private void Run(IReadOnlyList<ReorganisationRow> rows, IReadOnlyCollection<ExistingUnit> existing, IReadOnlyCollection<(int UnitId, int ParentId, DateOnly From)> links)
    {
        if (rows.Count == 0)
        {
            Error(0, "Chưa có thay đổi nào. Điền biểu mẫu hoặc tải lên tệp phương án sắp xếp.", "The arrangement has no rows.");
            return;
        }

        var byCode = existing.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var byId = existing.ToDictionary(u => u.Id);
        var rowOfCode = new Dictionary<string, ReorganisationRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var code = Normalise(row.Code);
            if (code.Length == 0)
            {
                Error(row.Row, "Thiếu mã đơn vị.", "The unit code is missing.");
            }
            else if (!IsCode(code))
            {
                Error(row.Row, $"Mã \"{row.Code.Trim()}\" chỉ được gồm chữ cái không dấu, chữ số và dấu gạch (-, _, .), tối đa 50 ký tự.", $"Code \"{row.Code.Trim()}\" may hold only ASCII letters, digits, '-', '_' and '.', at most 50 characters.");
            }
            else if (!rowOfCode.TryAdd(code, row))
            {
                Error(row.Row, $"Mã {code} đã có ở dòng {rowOfCode[code].Row}. Mỗi đơn vị chỉ ghi một dòng.", $"Code {code} is already on row {rowOfCode[code].Row}; one row per unit.");
            }
        }

        // Every mention of a predecessor, to find a unit merged twice and the shares of a split.
        var mentions = new Dictionary<string, List<(int Row, string Successor, decimal? Share)>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var code = Normalise(row.Code);
            if (!IsCode(code) || rowOfCode[code] != row)
            {
                continue;
            }

            CheckRow(row, code, byCode, rowOfCode, mentions);
        }

        foreach (var (origin, list) in mentions)
        {
            var whole = list.Where(m => m.Share is null).ToList();
            if (list.Count > 1 && whole.Count > 0)
            {
                var first = list.OrderBy(m => m.Row).First();
                foreach (var again in list.OrderBy(m => m.Row).Skip(1))
                {
                    Error(again.Row, $"Đơn vị {origin} đã được sáp nhập/chia tách ở dòng {first.Row}. Một đơn vị chỉ sáp nhập vào một đơn vị; khi chia tách, ghi tỉ lệ cho từng phần, ví dụ {origin} (40%).", $"Unit {origin} is already merged or split on row {first.Row}; a unit merges into one unit, or is split with a share on each part, e.g. {origin} (40%).");
                }

                continue;
            }

            var on = rowOfCode[list[0].Successor].EffectiveOn ?? default;
            if (whole.Count == 1)
            {
                closures.Add(new Closure(whole[0].Row, origin, on, whole[0].Successor, false));
                continue;
            }

            var total = list.Sum(m => m.Share!.Value);
            if (total > 1m)
            {
                Error(list.Max(m => m.Row), $"Tổng tỉ lệ chia tách của {origin} là {total * 100:0.##}%, vượt quá 100%.", $"The shares of {origin} add up to {total * 100:0.##}%, more than 100%.");
                continue;
            }

            splits.AddRange(list.Select(m => new SplitPart(m.Row, origin, m.Successor, m.Share!.Value, rowOfCode[m.Successor].EffectiveOn ?? default)));
            if (total == 1m && !rowOfCode.ContainsKey(origin))
            {
                // Every part given away: the origin ends on the earliest day a part leaves.
                var last = list.MinBy(m => rowOfCode[m.Successor].EffectiveOn)!;
                closures.Add(new Closure(last.Row, origin, rowOfCode[last.Successor].EffectiveOn ?? default, null, true));
            }
        }

        foreach (var closure in closures.Where(c => rowOfCode.ContainsKey(c.Code)).ToList())
        {
            Error(closure.Row, $"Đơn vị {closure.Code} được sáp nhập ở dòng này nhưng có dòng riêng (dòng {rowOfCode[closure.Code].Row}). Bỏ một trong hai.", $"Unit {closure.Code} is merged here but has its own row {rowOfCode[closure.Code].Row}; remove one.");
        }

        if (errors.Count > 0)
        {
            return;
        }

        closures.AddRange(units.Where(u => u.Dissolves).Select(u => new Closure(u.Row, u.Code, u.On, null, false)));
        CheckTrees(byCode, byId, links);
    }

    private void CheckRow(ReorganisationRow row, string code, Dictionary<string, ExistingUnit> byCode, Dictionary<string, ReorganisationRow> rowOfCode, Dictionary<string, List<(int Row, string Successor, decimal? Share)>> mentions)
    {
        var before = errors.Count;
        var legal = row.LegalBasis?.Trim() ?? "";
        if (legal.Length == 0)
        {
            Error(row.Row, "Nhập căn cứ pháp lý, ví dụ: Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025.", "The legal basis is missing, e.g. \"Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025\".");
        }
        else if (legal.Length > MaxLegalBasisLength)
        {
            Error(row.Row, $"Căn cứ pháp lý tối đa {MaxLegalBasisLength} ký tự.", $"The legal basis is longer than {MaxLegalBasisLength} characters.");
        }

        if (row.EffectiveOn is not { } on)
        {
            Error(row.Row, "Nhập ngày có hiệu lực (dd/mm/yyyy).", "The effective date is missing (dd/mm/yyyy or yyyy-mm-dd).");
            return;
        }

        var name = string.IsNullOrWhiteSpace(row.Name) ? null : row.Name.Trim();
        if (name is { Length: > 300 })
        {
            Error(row.Row, "Tên đơn vị tối đa 300 ký tự.", "The name is longer than 300 characters.");
        }

        byCode.TryGetValue(code, out var unit);
        UnitKind kind;
        if (row.Dissolve)
        {
            if (unit is null)
            {
                Error(row.Row, $"Không có đơn vị mã {code} để giải thể.", $"No unit has code {code} to dissolve.");
                return;
            }

            if (row.Predecessors.Count > 0 || name is not null || !string.IsNullOrWhiteSpace(row.ParentCode))
            {
                Error(row.Row, "Dòng giải thể chỉ ghi mã đơn vị, ngày và căn cứ pháp lý.", "A dissolution row gives only the code, the date and the legal basis.");
            }

            kind = unit.Kind;
        }
        else if (unit is null)
        {
            if (name is null)
            {
                Error(row.Row, $"Nhập tên của đơn vị mới {code}.", $"New unit {code} needs a name.");
            }

            if (string.IsNullOrWhiteSpace(row.Kind))
            {
                Error(row.Row, $"Nhập loại của đơn vị mới {code} (xã, phường, tỉnh, sở …).", $"New unit {code} needs a kind (Commune, Province, Department …).");
                kind = UnitKind.Other;
            }
            else if (ParseKind(row.Kind) is { } parsed)
            {
                kind = parsed;
            }
            else
            {
                Error(row.Row, $"Loại đơn vị \"{row.Kind.Trim()}\" không hợp lệ. Dùng: tỉnh, sở, huyện, xã, phường, ban, khác.", $"Unknown unit kind \"{row.Kind.Trim()}\"; use Province, Department, District, Commune, Board or Other.");
                kind = UnitKind.Other;
            }
        }
        else
        {
            kind = unit.Kind;
            if (unit.ClosedOn is { } closed)
            {
                Error(row.Row, $"Đơn vị {code} đã ngừng hoạt động từ {closed:dd/MM/yyyy}.", $"Unit {code} closed on {closed:yyyy-MM-dd}.");
            }

            if (on < unit.CreatedOn)
            {
                Error(row.Row, $"Ngày hiệu lực {on:dd/MM/yyyy} trước ngày đơn vị {code} được thành lập ({unit.CreatedOn:dd/MM/yyyy}).", $"The date {on:yyyy-MM-dd} is before unit {code} was created ({unit.CreatedOn:yyyy-MM-dd}).");
            }
            else if (name is not null && name != unit.Name && on < unit.NameFrom)
            {
                Error(row.Row, $"Ngày đổi tên phải từ {unit.NameFrom:dd/MM/yyyy} (ngày tên hiện tại có hiệu lực) trở đi.", $"A rename must take effect on or after {unit.NameFrom:yyyy-MM-dd}, when the current name began.");
            }

            if (!string.IsNullOrWhiteSpace(row.ParentCode) && unit.ParentFrom is { } parentFrom && on < parentFrom)
            {
                Error(row.Row, $"Ngày chuyển cấp trên phải từ {parentFrom:dd/MM/yyyy} (ngày trực thuộc hiện tại có hiệu lực) trở đi.", $"A move must take effect on or after {parentFrom:yyyy-MM-dd}, when the current parent link began.");
            }

            if (!string.IsNullOrWhiteSpace(row.Kind) && ParseKind(row.Kind) != unit.Kind)
            {
                Error(row.Row, $"Đơn vị {code} đã có loại {unit.Kind}; không đổi loại đơn vị khi sắp xếp.", $"Unit {code} is a {unit.Kind}; an arrangement does not change a unit's kind.");
            }
        }

        string? parent = null;
        if (!string.IsNullOrWhiteSpace(row.ParentCode))
        {
            parent = Normalise(row.ParentCode);
            if (parent == code)
            {
                Error(row.Row, $"Đơn vị {code} không thể trực thuộc chính nó.", $"Unit {code} cannot be its own parent.");
            }
            else if (rowOfCode.TryGetValue(parent, out var parentRow) && !byCode.ContainsKey(parent))
            {
                if (parentRow.EffectiveOn is { } parentFrom && parentFrom > on)
                {
                    Error(row.Row, $"Đơn vị cấp trên {parent} chỉ được thành lập từ {parentFrom:dd/MM/yyyy}, sau ngày hiệu lực {on:dd/MM/yyyy}.", $"Parent {parent} is created only on {parentFrom:yyyy-MM-dd}, after {on:yyyy-MM-dd}.");
                }
            }
            else if (!byCode.TryGetValue(parent, out var existingParent))
            {
                Error(row.Row, $"Không có đơn vị cấp trên mã {parent}.", $"No parent unit has code {parent}.");
            }
            else if (existingParent.ClosedOn is { } parentClosed && parentClosed <= on)
            {
                Error(row.Row, $"Đơn vị cấp trên {parent} đã ngừng hoạt động từ {parentClosed:dd/MM/yyyy}.", $"Parent {parent} closed on {parentClosed:yyyy-MM-dd}.");
            }
            else if (on < existingParent.CreatedOn)
            {
                Error(row.Row, $"Ngày hiệu lực {on:dd/MM/yyyy} trước ngày đơn vị cấp trên {parent} được thành lập ({existingParent.CreatedOn:dd/MM/yyyy}).", $"The date {on:yyyy-MM-dd} is before parent {parent} was created ({existingParent.CreatedOn:yyyy-MM-dd}).");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var predecessor in row.Predecessors)
        {
            var origin = Normalise(predecessor.Code);
            if (!seen.Add(origin))
            {
                Error(row.Row, $"Đơn vị {origin} được ghi hai lần trong cùng dòng.", $"Predecessor {origin} is listed twice on the row.");
                continue;
            }

            if (predecessor.Share is { } share && (share <= 0m || share > 1m))
            {
                Error(row.Row, $"Tỉ lệ của {origin} phải lớn hơn 0% và không quá 100%.", $"The share of {origin} must be more than 0% and at most 100%.");
                continue;
            }

            if (!byCode.TryGetValue(origin, out var old))
            {
                Error(row.Row, rowOfCode.ContainsKey(origin)
                    ? $"Đơn vị {origin} là đơn vị mới trong cùng phương án; đơn vị được sáp nhập phải là đơn vị đã có."
                    : $"Không có đơn vị mã {origin} (đơn vị được sáp nhập/chia tách).", rowOfCode.ContainsKey(origin)
                    ? $"Predecessor {origin} is itself new in this arrangement; predecessors must exist already."
                    : $"Unknown predecessor: no unit has code {origin}.");
                continue;
            }

            if (origin == code && predecessor.Share is null)
            {
                Error(row.Row, $"Đơn vị {code} không thể sáp nhập vào chính nó.", $"Unit {code} cannot merge into itself.");
                continue;
            }

            if (old.ClosedOn is { } oldClosed)
            {
                Error(row.Row, $"Đơn vị {origin} đã ngừng hoạt động từ {oldClosed:dd/MM/yyyy}.", $"Predecessor {origin} closed on {oldClosed:yyyy-MM-dd}.");
                continue;
            }

            if (on < old.CreatedOn)
            {
                Error(row.Row, $"Ngày hiệu lực {on:dd/MM/yyyy} trước ngày đơn vị {origin} được thành lập ({old.CreatedOn:dd/MM/yyyy}).", $"The date {on:yyyy-MM-dd} is before predecessor {origin} was created ({old.CreatedOn:yyyy-MM-dd}).");
                continue;
            }

            if (!mentions.TryGetValue(origin, out var list))
            {
                mentions[origin] = list = [];
            }

            list.Add((row.Row, code, predecessor.Share));
        }

        if (errors.Count > before)
        {
            return;
        }

        var renames = unit is not null && name is not null && name != unit.Name;
        var moves = parent is not null && unit is not null;
        units.Add(new PlannedUnit(row.Row, code, unit is null, name, kind, unit is null ? (string.IsNullOrWhiteSpace(row.PlaceName) ? PlaceNameOf(name!) : row.PlaceName.Trim()) : null,
            parent, on, legal, renames, moves, row.Dissolve));
    }

    /// <summary>
    /// On each day the arrangement takes effect, with every change of that day and before applied: no unit is its own
    /// ancestor, and no open unit stays under a unit closed by then (its reports would drop out of every scope).
    /// </summary>
    private void CheckTrees(Dictionary<string, ExistingUnit> byCode, Dictionary<int, ExistingUnit> byId, IReadOnlyCollection<(int UnitId, int ParentId, DateOnly From)> links)
    {
        foreach (var day in Days)
        {
            var parents = ParentsOn(day, byCode, byId, links);
            var closed = new HashSet<string>(byCode.Values.Where(u => u.ClosedOn is { } c && c <= day).Select(u => u.Code), StringComparer.Ordinal);
            closed.UnionWith(closures.Where(c => c.On <= day).Select(c => c.Code));
            foreach (var unit in units.Where(u => u.On <= day && u.ParentCode is not null))
            {
                var path = new List<string> { unit.Code };
                var seen = new HashSet<string>(StringComparer.Ordinal) { unit.Code };
                for (var current = unit.ParentCode; current is not null; current = parents.GetValueOrDefault(current))
                {
                    path.Add(current);
                    if (current == unit.Code)
                    {
                        var loop = string.Join(" → ", path);
                        Error(unit.Row, $"Tạo vòng lặp trực thuộc từ {day:dd/MM/yyyy}: {loop}.", $"Makes a loop from {day:yyyy-MM-dd}: {loop}.");
                        break;
                    }

                    if (!seen.Add(current))
                    {
                        break;
                    }
                }
            }

            var existingOn = byCode.Values.Where(u => u.CreatedOn <= day).Select(u => u.Code).Concat(units.Where(u => u.IsNew && u.On <= day).Select(u => u.Code));
            foreach (var child in existingOn)
            {
                if (!closed.Contains(child) && parents.TryGetValue(child, out var parent) && closed.Contains(parent))
                {
                    var closure = closures.FirstOrDefault(c => c.Code == parent);
                    var row = closure?.Row ?? units.FirstOrDefault(u => u.Code == child)?.Row ?? 0;
                    Error(row, $"Đơn vị {child} vẫn trực thuộc {parent}, đơn vị ngừng hoạt động từ {day:dd/MM/yyyy}. Chuyển hoặc sáp nhập {child} trong cùng phương án.", $"Unit {child} would stay under {parent}, closed from {day:yyyy-MM-dd}; move or merge {child} in the same arrangement.");
                }
            }
        }
    }

    /// <summary>Each unit's parent code on a day, the arrangement's changes of that day and before applied.</summary>
    public Dictionary<string, string> ParentsOn(DateOnly day, IReadOnlyDictionary<string, ExistingUnit> byCode, IReadOnlyDictionary<int, ExistingUnit> byId, IReadOnlyCollection<(int UnitId, int ParentId, DateOnly From)> links)
    {
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in links.Where(l => l.From <= day).GroupBy(l => l.UnitId).Select(g => g.MaxBy(l => l.From)))
        {
            if (byId.TryGetValue(link.UnitId, out var unit) && byId.TryGetValue(link.ParentId, out var parent))
            {
                parents[unit.Code] = parent.Code;
            }
        }

        foreach (var unit in units.Where(u => u.On <= day && u.ParentCode is not null).OrderBy(u => u.On))
        {
            parents[unit.Code] = unit.ParentCode!;
        }

        return parents;
    }

    private void Error(int row, string message, string english) => errors.Add(new ReorganisationError(row, message, english));

    public static string Normalise(string? code) => (code ?? "").Trim().ToUpperInvariant();

    private static bool IsCode(string code) =>
        code.Length is > 0 and <= 50 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The enum name, or the Vietnamese word a resolution uses; null when neither.</summary>
    public static UnitKind? ParseKind(string? text)
    {
        var t = (text ?? "").Trim();
        if (Enum.TryParse<UnitKind>(t, true, out var kind) && !int.TryParse(t, out _))
        {
            return kind;
        }

        return t.ToLower(CultureInfo.GetCultureInfo("vi-VN")).Normalize() switch
        {
            "tỉnh" or "thành phố" => UnitKind.Province,
            "sở" or "ngành" => UnitKind.Department,
            "huyện" or "quận" or "thị xã" => UnitKind.District,
            "xã" or "phường" or "thị trấn" or "đặc khu" => UnitKind.Commune,
            "ban" => UnitKind.Board,
            "khác" => UnitKind.Other,
            _ => null,
        };
    }

    /// <summary>"Ủy ban nhân dân xã Trà Tân" → "Trà Tân": the place for the document's date line.</summary>
    public static string PlaceNameOf(string name)
    {
        var place = PlacePrefix().Replace(name.Trim().Normalize(), "");
        return place.Length == 0 ? name.Trim() : place;
    }

    /// <summary>Parses "QNG-A; QNG-B (40%)": codes separated by ';', ',' or lines; a share in brackets marks a part of a split.</summary>
    public static IReadOnlyList<Predecessor>? ParsePredecessors(string? text, out string? error)
    {
        error = null;
        var result = new List<Predecessor>();
        foreach (var part in Separator().Split(text ?? "").Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var match = PredecessorPattern().Match(part);
            if (!match.Success)
            {
                error = part;
                return null;
            }

            decimal? share = null;
            if (match.Groups["share"].Success)
            {
                share = decimal.Parse(match.Groups["share"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) / 100m;
            }

            result.Add(new Predecessor(match.Groups["code"].Value.ToUpperInvariant(), share));
        }

        return result;
    }

    // A comma before a digit belongs to a share written the Vietnamese way ("40,5%").
    [GeneratedRegex(@"[;\n]|,(?!\d)")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(?<code>[A-Za-z0-9._-]+)\s*(\(\s*(?<share>\d{1,3}(?:[.,]\d{1,4})?)\s*%\s*\))?$")]
    private static partial Regex PredecessorPattern();

    [GeneratedRegex(@"^(?:(?:Ủy|Uỷ) ban nhân dân|UBND)?\s*(?:(?:xã|phường|thị trấn|đặc khu|tỉnh|thành phố|huyện|quận|thị xã)\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex PlacePrefix();
}

public enum ChangeKind
{
    Create,
    Rename,
    Move,
    Merge,
    Split,
    Dissolve,
}

/// <summary>
/// One change as the admin form states it, turned into the rows of an arrangement: a merge names its predecessors
/// ("QNG-A; QNG-B"), a split its parts, one per line ("QNG-X1; Xã Mới Một; 60%").
/// </summary>
public sealed record ReorganisationChange
{
    public ChangeKind Action { get; init; }

    public string? Code { get; init; }

    public string? Name { get; init; }

    public string? Kind { get; init; }

    public string? ParentCode { get; init; }

    public DateOnly? EffectiveOn { get; init; }

    public string? LegalBasis { get; init; }

    public string? Predecessors { get; init; }

    public string? Parts { get; init; }

    public IReadOnlyList<ReorganisationRow> ToRows(out IReadOnlyList<ReorganisationError> errors)
    {
        var problems = new List<ReorganisationError>();
        errors = problems;
        void Require(string? value, string message, string english)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new ReorganisationError(0, message, english));
            }
        }

        var row = new ReorganisationRow { Code = Code ?? "", EffectiveOn = EffectiveOn, LegalBasis = LegalBasis };
        switch (Action)
        {
            case ChangeKind.Rename:
                Require(Name, "Nhập tên mới.", "The new name is missing.");
                return [row with { Name = Name }];
            case ChangeKind.Move:
                Require(ParentCode, "Chọn đơn vị cấp trên mới.", "The new parent is missing.");
                return [row with { ParentCode = ParentCode }];
            case ChangeKind.Dissolve:
                return [row with { Dissolve = true }];
            case ChangeKind.Merge:
                var predecessors = Reorganisation.ParsePredecessors(Predecessors, out var bad);
                if (predecessors is null)
                {
                    problems.Add(new ReorganisationError(0, $"Không đọc được đơn vị được sáp nhập \"{bad}\"; ghi mã, cách nhau bằng dấu chấm phẩy.", $"Cannot read predecessor \"{bad}\"."));
                    return [];
                }

                if (predecessors.Count == 0)
                {
                    problems.Add(new ReorganisationError(0, "Nhập mã các đơn vị được sáp nhập.", "The units to merge are missing."));
                }

                return [row with { Name = Name, Kind = Kind, ParentCode = ParentCode, Predecessors = predecessors }];
            case ChangeKind.Split:
                Require(Code, "Chọn đơn vị được chia tách.", "The unit to split is missing.");
                var rows = new List<ReorganisationRow>();
                var lines = (Parts ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < lines.Length; i++)
                {
                    var cells = lines[i].Split(';', StringSplitOptions.TrimEntries);
                    var share = cells.Length > 2 ? cells[2].TrimEnd('%').Trim().Replace(',', '.') : "";
                    if (cells.Length != 3 || !decimal.TryParse(share, NumberStyles.Number, CultureInfo.InvariantCulture, out var percent))
                    {
                        problems.Add(new ReorganisationError(i + 1, $"Viết mỗi phần một dòng: mã; tên; tỉ lệ, ví dụ: QNG-X1; Ủy ban nhân dân xã Mới; 60%.", "Write one part a line: code; name; share, e.g. QNG-X1; Xã Mới; 60%."));
                        continue;
                    }

                    rows.Add(new ReorganisationRow
                    {
                        Row = i + 1,
                        Code = cells[0],
                        Name = cells[1],
                        Kind = Kind,
                        ParentCode = ParentCode,
                        EffectiveOn = EffectiveOn,
                        LegalBasis = LegalBasis,
                        Predecessors = [new Predecessor(Code ?? "", percent / 100m)],
                    });
                }

                if (lines.Length == 0)
                {
                    problems.Add(new ReorganisationError(0, "Nhập các đơn vị sau chia tách, mỗi đơn vị một dòng: mã; tên; tỉ lệ.", "The parts of the split are missing."));
                }

                return rows;
            default:
                return [row with { Name = Name, Kind = Kind, ParentCode = ParentCode }];
        }
    }
}
