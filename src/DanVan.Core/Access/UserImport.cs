using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DanVan.Core.Spreadsheets;
using DanVan.Core.Text;

namespace DanVan.Core.Access;

/// <summary>A unit as the users workbook may name it: by code or by its current name.</summary>
public sealed record ImportUnit(int Id, string Code, string Name, bool Closed);

/// <summary>What is wrong with one cell; <see cref="Row"/> is Excel's row number, <see cref="Column"/> the header as written.</summary>
public sealed record UserImportError(int Row, string Column, string Message, string English)
{
    public string Text => Column.Length == 0 ? $"Dòng {Row}: {Message}" : $"Dòng {Row}, cột {Column}: {Message}";

    public string EnglishText => Column.Length == 0 ? $"Row {Row}: {English}" : $"Row {Row}, column {Column}: {English}";
}

/// <summary>One row of the workbook as read, with the unit and role it resolved to when they are right.</summary>
public sealed record UserImportRow(int Row, string UserName, string FullName, string Unit, string Role, string Email, string JobTitle)
{
    public int? UnitId { get; init; }

    public string? RoleCode { get; init; }

    public IReadOnlyList<UserImportError> Errors { get; init; } = [];
}

public sealed record UserImportCheck(IReadOnlyList<UserImportRow> Rows, IReadOnlyList<UserImportError> FileErrors)
{
    public bool Valid => FileErrors.Count == 0 && Rows.All(r => r.Errors.Count == 0);

    public IEnumerable<UserImportError> AllErrors => FileErrors.Concat(Rows.SelectMany(r => r.Errors));
}

/// <summary>
/// The users workbook: a header row naming the columns (in any order), then one account per row. Checking is pure:
/// every row is checked against the units, the existing user names and the other rows, so one upload shows every
/// mistake at once.
/// </summary>
public static partial class UserImport
{
    public const string UserNameHeader = "Tên đăng nhập";
    public const string FullNameHeader = "Họ và tên";
    public const string UnitCodeHeader = "Mã đơn vị";
    public const string UnitHeader = "Đơn vị";
    public const string RoleHeader = "Vai trò";
    public const string EmailHeader = "Email";
    public const string JobTitleHeader = "Chức danh";

    /// <summary>The template's columns; the unit may be given by code or by its exact name.</summary>
    public static IReadOnlyList<SheetColumn> TemplateColumns { get; } =
        [new(UserNameHeader, 20), new(FullNameHeader, 28), new(UnitHeader, 40), new(RoleHeader, 20), new(EmailHeader, 30), new(JobTitleHeader, 24)];

    /// <summary>The export's columns: the same, with the unit's code and name apart so it reads back.</summary>
    public static IReadOnlyList<SheetColumn> ExportColumns { get; } =
        [new(UserNameHeader, 20), new(FullNameHeader, 28), new(UnitCodeHeader, 14), new(UnitHeader, 40), new(RoleHeader, 20), new(EmailHeader, 30), new(JobTitleHeader, 24)];

    private static readonly Dictionary<string, string> Headers = new()
    {
        ["ten dang nhap"] = UserNameHeader,
        ["ho va ten"] = FullNameHeader,
        ["ho ten"] = FullNameHeader,
        ["ma don vi"] = UnitCodeHeader,
        ["don vi"] = UnitHeader,
        ["vai tro"] = RoleHeader,
        ["email"] = EmailHeader,
        ["e-mail"] = EmailHeader,
        ["thu dien tu"] = EmailHeader,
        ["chuc danh"] = JobTitleHeader,
    };

    public static UserImportCheck Check(IReadOnlyList<SheetRow> sheet, IReadOnlyList<ImportUnit> units, IReadOnlySet<string> existingUserNames)
    {
        var header = sheet.FirstOrDefault(r => !r.IsBlank);
        if (header is null)
        {
            return new([], [new(1, "", "Bảng tính không có dữ liệu. Dùng tệp mẫu: dòng đầu là tiêu đề cột, mỗi dòng sau là một tài khoản.", "The sheet is empty; use the template: a header row, then one account per row.")]);
        }

        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            if (Headers.TryGetValue(HeaderKey(header[i]), out var name))
            {
                columns.TryAdd(name, i);
            }
        }

        var missing = new[] { UserNameHeader, FullNameHeader, RoleHeader }.Where(h => !columns.ContainsKey(h)).ToList();
        if (!columns.ContainsKey(UnitHeader) && !columns.ContainsKey(UnitCodeHeader))
        {
            missing.Add(UnitHeader);
        }

        if (missing.Count > 0)
        {
            return new([], [new(header.Number, "", $"Thiếu cột {string.Join(", ", missing)}. Dòng đầu phải là tiêu đề cột như trong tệp mẫu.", $"The header row lacks the column(s) {string.Join(", ", missing)}; start from the template.")]);
        }

        string Cell(SheetRow row, string column) => columns.TryGetValue(column, out var i) ? Clean(row[i]) : "";

        // The code column, when the file has one (an export read back), names the unit; otherwise the unit column does.
        var unitColumn = columns.ContainsKey(UnitCodeHeader) ? UnitCodeHeader : UnitHeader;
        var byCode = units.ToDictionary(u => u.Code.ToUpperInvariant());
        var byName = units.ToLookup(u => NameKey(u.Name));
        var firstRowOf = new Dictionary<string, int>();
        var rows = new List<UserImportRow>();
        foreach (var row in sheet.Where(r => r.Number > header.Number && !r.IsBlank))
        {
            var errors = new List<UserImportError>();
            void Error(string column, string message, string english) => errors.Add(new(row.Number, column, message, english));

            var userName = Cell(row, UserNameHeader).ToLowerInvariant();
            if (userName.Length == 0)
            {
                Error(UserNameHeader, "chưa nhập tên đăng nhập.", "the user name is empty.");
            }
            else if (userName.Length > 256 || !UserNamePattern().IsMatch(userName))
            {
                Error(UserNameHeader, $"'{userName}' không hợp lệ: tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các ký tự . _ - @ (tối đa 256 ký tự).", $"'{userName}' is not a valid user name (letters without accents, digits and . _ - @; at most 256 characters).");
            }
            else if (existingUserNames.Contains(userName))
            {
                Error(UserNameHeader, $"đã có tài khoản '{userName}'. Chọn tên khác hoặc bỏ dòng này.", $"an account '{userName}' already exists.");
            }
            else if (!firstRowOf.TryAdd(userName, row.Number))
            {
                Error(UserNameHeader, $"'{userName}' trùng với dòng {firstRowOf[userName]}.", $"'{userName}' repeats row {firstRowOf[userName]}.");
            }

            var fullName = Cell(row, FullNameHeader);
            if (fullName.Length == 0)
            {
                Error(FullNameHeader, "chưa nhập họ và tên.", "the full name is empty.");
            }
            else if (fullName.Length > 200)
            {
                Error(FullNameHeader, "dài quá 200 ký tự.", "longer than 200 characters.");
            }

            var unitText = Cell(row, unitColumn);
            int? unitId = null;
            if (unitText.Length == 0)
            {
                Error(unitColumn, "chưa nhập đơn vị (mã hoặc tên đầy đủ).", "the unit (code or full name) is empty.");
            }
            else
            {
                var named = byCode.TryGetValue(unitText.ToUpperInvariant(), out var unit) ? [unit] : byName[NameKey(unitText)].ToList();
                var open = named.Where(u => !u.Closed).ToList();
                if (named.Count == 0)
                {
                    Error(unitColumn, $"không có đơn vị mã/tên '{unitText}'.", $"no unit has the code or name '{unitText}'.");
                }
                else if (open.Count == 0)
                {
                    Error(unitColumn, $"đơn vị '{unitText}' đã giải thể hoặc sáp nhập.", $"the unit '{unitText}' is closed.");
                }
                else if (open.Count > 1)
                {
                    Error(unitColumn, $"có {open.Count} đơn vị tên '{unitText}' ({string.Join(", ", open.Select(u => u.Code))}); ghi mã đơn vị.", $"{open.Count} units are named '{unitText}' ({string.Join(", ", open.Select(u => u.Code))}); give the code.");
                }
                else
                {
                    unitId = open[0].Id;
                }
            }

            var roleText = Cell(row, RoleHeader);
            var role = RoleOf(roleText);
            if (role is null)
            {
                var choices = string.Join(", ", Roles.All.Select(Roles.Vietnamese));
                Error(RoleHeader, roleText.Length == 0 ? $"chưa nhập vai trò ({choices})." : $"không có vai trò '{roleText}'; ghi một trong: {choices}.", roleText.Length == 0 ? "the role is empty." : $"unknown role '{roleText}'; use {string.Join(", ", Roles.All)} or their Vietnamese names.");
            }

            var email = Cell(row, EmailHeader);
            if (email.Length > 0 && !IsEmail(email))
            {
                Error(EmailHeader, $"'{email}' không phải địa chỉ thư điện tử hợp lệ.", $"'{email}' is not a valid e-mail address.");
            }

            var jobTitle = Cell(row, JobTitleHeader);
            if (jobTitle.Length > 200)
            {
                Error(JobTitleHeader, "dài quá 200 ký tự.", "longer than 200 characters.");
            }

            rows.Add(new UserImportRow(row.Number, userName, fullName, unitText, roleText, email, jobTitle) { UnitId = unitId, RoleCode = role, Errors = errors });
        }

        return rows.Count == 0
            ? new(rows, [new(header.Number, "", "Chưa có tài khoản nào dưới dòng tiêu đề.", "There are no accounts below the header row.")])
            : new(rows, []);
    }

    /// <summary>A role by its code ("Staff") or Vietnamese name ("Cán bộ"), in any case, with or without tone marks.</summary>
    public static string? RoleOf(string text)
    {
        var key = VietnameseText.Fold(text.Trim());
        return Roles.All.FirstOrDefault(r => VietnameseText.Fold(r) == key || VietnameseText.Fold(Roles.Vietnamese(r)) == key);
    }

    /// <summary>A one-time password Identity's rules accept (upper, lower, digit, 8+), without look-alike characters.</summary>
    public static string NewPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        while (true)
        {
            var chars = RandomNumberGenerator.GetItems<char>(upper + lower + digits, 12);
            if (chars.Any(upper.Contains) && chars.Any(lower.Contains) && chars.Any(digits.Contains))
            {
                // Groups of four read out and type more easily.
                return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
            }
        }
    }

    public static bool IsEmail(string text) =>
        text.Length <= 256 && EmailPattern().IsMatch(text) && MailAddress.TryCreate(text, out var address) && address.Address == text;

    private static string Clean(string text) => WhiteSpace().Replace(VietnameseText.Nfc(text), " ").Trim();

    private static string HeaderKey(string text) => VietnameseText.Fold(Clean(text)).TrimEnd('*', ':', ' ');

    private static string NameKey(string name) => Clean(name).ToLower(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    [GeneratedRegex(@"^[a-z0-9._@+\-]+$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
