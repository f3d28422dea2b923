namespace DanVan.Core.Spreadsheets;

/// <summary>Writing CSV fields for spreadsheet programs (RFC 4180, opened by Excel and LibreOffice alike).</summary>
public static class Csv
{
    /// <summary>
    /// One field: quoted when it holds a comma, quote or line break; a leading = + - @ is neutralised with an apostrophe,
    /// so a spreadsheet never runs text a user typed (a unit's name, a figure's label) as a formula.
    /// </summary>
    public static string Field(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
