using System.Globalization;

namespace DanVan.Core.Plans;

/// <summary>A number as written, and whether it could also be read another way ("1.234": 1234 or 1,234).</summary>
public readonly record struct WrittenNumber(decimal Value, bool Ambiguous);

/// <summary>
/// Every rule a figure's value obeys, wherever the value comes from: the figures page, the API, a Word file's tables
/// and the consolidator's reading of sentences all read numbers and check values here. Pure.
/// </summary>
public static class FigureValue
{
    /// <summary>Values are stored as numeric(18, 4): 14 digits before the decimal mark, 4 after.</summary>
    public const decimal Limit = 100_000_000_000_000m;

    public const int MaxDecimals = 4;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A figure counted in "%" is a percentage, so it lies in 0–100.</summary>
    public static bool IsPercentage(string? unitOfMeasure) => (unitOfMeasure ?? "").Trim() == "%";

    /// <summary>
    /// Reads "02", "1.234", "1.234,5", "95,5" and "95.5" as Vietnamese write them: a comma marks decimals, dots
    /// group thousands, and a single dot before other than three digits can only be a decimal point. A single dot
    /// before three digits ("1.234") is read as thousands but flagged <see cref="WrittenNumber.Ambiguous"/>. Null when
    /// the text is not a plain number (spaces, letters, "1.2.3").
    /// </summary>
    public static WrittenNumber? Read(string text)
    {
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0]) || !char.IsAsciiDigit(digits[^1])
            || !digits.All(c => char.IsAsciiDigit(c) || c is '.' or ','))
        {
            return null;
        }

        var dots = digits.Count(c => c == '.');
        var commas = digits.Count(c => c == ',');
        string? plain;
        var ambiguous = false;
        if (dots > 0 && commas > 0)
        {
            // "1.234,5", or "1,234.5" as spreadsheets print it: the last mark is the decimal one, the other groups.
            var mark = digits.LastIndexOfAny(['.', ',']);
            var group = digits[mark] == ',' ? '.' : ',';
            plain = digits.IndexOf(digits[mark], StringComparison.Ordinal) == mark && Grouped(digits[..mark], group)
                ? digits[..mark].Replace(group.ToString(), "", StringComparison.Ordinal) + "." + digits[(mark + 1)..]
                : null;
        }
        else if (dots + commas > 1)
        {
            // "12.345.678": only a thousands separator repeats.
            var group = dots > 0 ? '.' : ',';
            plain = Grouped(digits, group) ? digits.Replace(group.ToString(), "", StringComparison.Ordinal) : null;
        }
        else if (commas == 1)
        {
            plain = digits.Replace(',', '.');
        }
        else if (dots == 1)
        {
            ambiguous = Grouped(digits, '.');
            plain = ambiguous ? digits.Replace(".", "", StringComparison.Ordinal) : digits;
        }
        else
        {
            plain = digits;
        }

        if (plain is null || !decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return new WrittenNumber(negative ? -value : value, ambiguous);
    }

    /// <summary>
    /// What a user typed for a figure of this kind and unit: the value, or why it is refused (without the figure's
    /// name, which the caller puts in front). Spaces are ignored; a percentage may end in "%".
    /// </summary>
    public static (decimal? Value, Refusal? Error) Parse(string? text, FigureKind kind, string? unitOfMeasure)
    {
        var typed = (text ?? "").Trim();
        var compact = string.Concat(typed.Where(c => !char.IsWhiteSpace(c)));
        if (IsPercentage(unitOfMeasure) && compact.EndsWith('%'))
        {
            compact = compact[..^1];
        }

        if (Read(compact) is not { } number)
        {
            return (null, kind == FigureKind.WholeNumber
                ? new($"\"{typed}\" không phải là số nguyên (ví dụ: 12 hoặc 1.234).", $"\"{typed}\" is not a whole number (e.g. 12 or 1.234).")
                : new($"\"{typed}\" không phải là số (ví dụ: 12; 95,5 hoặc 95.5; 1.234,5).", $"\"{typed}\" is not a number (e.g. 12; 95,5 or 95.5; 1.234,5)."));
        }

        // For a whole number "1.234" can only mean 1234; for a decimal figure it may be 1234 or 1,234.
        if (number.Ambiguous && kind != FigureKind.WholeNumber)
        {
            var asDecimal = Read(compact.Replace('.', ','))!.Value.Value;
            return (null, new(
                $"\"{typed}\" không rõ là số nghìn hay số thập phân: viết {Format(number.Value)} nếu là số nghìn, {Format(asDecimal)} nếu là số thập phân.",
                $"\"{typed}\" may be thousands or decimals: write {Format(number.Value)} for thousands, {Format(asDecimal)} for decimals."));
        }

        return Check(number.Value, kind, unitOfMeasure, $"\"{typed}\"") is { } error ? (null, error) : (number.Value, null);
    }

    /// <summary>The rules on a value already read (the API sends numbers): null when it may be stored.</summary>
    public static Refusal? Check(decimal value, FigureKind kind, string? unitOfMeasure) => Check(value, kind, unitOfMeasure, Show(value));

    private static Refusal? Check(decimal value, FigureKind kind, string? unitOfMeasure, string shown)
    {
        if (kind == FigureKind.Text)
        {
            return null;
        }

        if (Math.Abs(value) >= Limit)
        {
            return new($"{shown} quá lớn.", $"{shown} is too large.");
        }

        if (kind == FigureKind.WholeNumber && value != decimal.Truncate(value))
        {
            return new($"{shown} không phải là số nguyên; chỉ tiêu này nhập số nguyên (ví dụ: 12 hoặc 1.234).", $"{shown} is not a whole number; this figure takes whole numbers (e.g. 12 or 1.234).");
        }

        if (decimal.Round(value, MaxDecimals) != value)
        {
            return new($"{shown} có quá {MaxDecimals} chữ số sau dấu phẩy.", $"{shown} has more than {MaxDecimals} decimal places.");
        }

        if (IsPercentage(unitOfMeasure) && value is < 0 or > 100)
        {
            return new($"{shown} không phải là tỷ lệ phần trăm: nhập từ 0 đến 100 (ví dụ: 95,5).", $"{shown} is not a percentage: enter 0 to 100 (e.g. 95,5).");
        }

        return null;
    }

    /// <summary>A value as the figures form shows it for editing: no thousands dots, so it reads back unambiguously.</summary>
    public static string Format(decimal value) => Show(value, grouped: false);

    private static string Show(decimal value, bool grouped = true) =>
        value.ToString(grouped ? "#,##0.##########" : "0.##########", Vietnamese);

    /// <summary>"12.345.678": a first group of one to three digits not led by a nought, then groups of three.</summary>
    private static bool Grouped(string text, char separator)
    {
        var groups = text.Split(separator);
        return groups[0].Length is >= 1 and <= 3 && groups[0][0] != '0' && groups.All(g => g.All(char.IsAsciiDigit))
            && groups.Skip(1).All(g => g.Length == 3);
    }
}
