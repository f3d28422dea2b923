using System.Globalization;
using System.Text;
using DanVan.Core.Data;
using DanVan.Core.OrgUnits;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Decree30;

/// <summary>One body's register of reports for one calendar year: the last number it gave.</summary>
public sealed class DocumentCounter
{
    public int UnitId { get; set; }

    public int Year { get; set; }

    public int LastNumber { get; set; }
}

/// <summary>
/// Gives an issued report the next number in its body's register ("05/BC-UBND"). Decree 30/2020: numbers restart at 01
/// on 1 January and are unique per issuing body and year. The counter row is bumped with one atomic upsert inside the
/// transaction that saves the submit, so concurrent issuers queue on the row (PostgreSQL row lock, SQLite's single
/// writer) and a submit that fails rolls the number back: the register has no gaps.
/// </summary>
public sealed class DocumentRegister(DanVanDbContext db)
{
    public const string ReportType = "BC";

    /// <summary>
    /// Takes the body's next number for a document issued at <paramref name="issuedAtUtc"/> and runs
    /// <paramref name="saveNumbered"/> with it (number, issue date) in the same transaction: if the save fails the
    /// number is given back.
    /// </summary>
    public async Task IssueAsync(int unitId, DateTime issuedAtUtc, Func<string, DateOnly, CancellationToken, Task> saveNumbered, CancellationToken ct = default)
    {
        var issuedOn = VietnamTime.DateOf(issuedAtUtc);
        var symbol = await SymbolAsync(unitId, issuedOn, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = await NextAsync(unitId, issuedOn.Year, ct);
        await saveNumbered(Format(number, symbol), issuedOn, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// A report issued outside DanVan and imported with its number ("12/BC-UBND" of 2025): the body's register for
    /// that year continues after it, so the next report issued here does not take a number already on paper.
    /// </summary>
    public async Task RecordAsync(int unitId, DateOnly issuedOn, string documentNumber, CancellationToken ct = default)
    {
        var digits = documentNumber.TrimStart().TakeWhile(char.IsAsciiDigit).ToArray();
        if (digits.Length is 0 or > 6)
        {
            return;
        }

        var number = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var year = issuedOn.Year;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "DocumentCounters" ("UnitId", "Year", "LastNumber") VALUES ({unitId}, {year}, {number})
            ON CONFLICT ("UnitId", "Year") DO UPDATE SET "LastNumber" = CASE WHEN "DocumentCounters"."LastNumber" < {number} THEN {number} ELSE "DocumentCounters"."LastNumber" END
            """, ct);
    }

    /// <summary>"05/BC-UBND": two digits at least (Decree 30: a leading zero below 10), no spaces in the symbol.</summary>
    public static string Format(int number, string symbol) => string.Create(CultureInfo.InvariantCulture, $"{number:00}/{symbol}");

    /// <summary>"BC-UBND", "BC-SNV": the report type and the issuing body's abbreviation.</summary>
    public async Task<string> SymbolAsync(int unitId, DateOnly asOf, CancellationToken ct = default)
    {
        var kind = await db.Units.Where(u => u.Id == unitId).Select(u => u.Kind).FirstAsync(ct);
        var names = await db.UnitNames.AsNoTracking().Where(n => n.UnitId == unitId).ToListAsync(ct);
        var name = (names.Where(n => n.ValidFrom <= asOf).MaxBy(n => n.ValidFrom) ?? names.MinBy(n => n.ValidFrom))?.Name ?? "";
        return $"{ReportType}-{Abbreviation(kind, name)}";
    }

    /// <summary>
    /// People's Committees sign as "UBND" at every level; other bodies by the initials of their name without the
    /// place ("Sở Nội vụ tỉnh Lâm Đồng" → "SNV", "Ban Quản lý dự án giao thông tỉnh …" → "BQLDAGT"), which is how
    /// their registers are usually kept.
    /// </summary>
    public static string Abbreviation(UnitKind kind, string name)
    {
        if (OfficialDocument.IsPeoplesCommittee(kind))
        {
            return "UBND";
        }

        var initials = new StringBuilder();
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var word = Lower(words[i]);
            if (i > 0 && (PlaceWords.Contains(word) || (i + 1 < words.Length && PlaceWords.Contains(word + " " + Lower(words[i + 1])))))
            {
                break;
            }

            if (word != "và" && char.IsLetter(word[0]))
            {
                // Initials drop the tone and vowel marks ("án" → A) but keep Đ, which is a letter of its own.
                initials.Append(word[0] == 'đ' ? 'Đ' : char.ToUpperInvariant(Text.VietnameseText.Fold(word[..1])[0]));
            }
        }

        return initials.Length > 0 ? initials.ToString() : "UBND";
    }

    /// <summary>Where the place part of a name starts; with tones, since "quận" folds like "Quản lý".</summary>
    private static readonly HashSet<string> PlaceWords = new(["tỉnh", "huyện", "quận", "xã", "phường", "thành phố", "thị xã", "thị trấn", "đặc khu"], StringComparer.Ordinal);

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static string Lower(string word) => Text.VietnameseText.Nfc(word).ToLower(Vietnamese);

    /// <summary>One statement both engines run atomically: insert the year's first number or bump the last one.</summary>
    private async Task<int> NextAsync(int unitId, int year, CancellationToken ct)
    {
        var numbers = await db.Database.SqlQuery<int>($"""
            INSERT INTO "DocumentCounters" ("UnitId", "Year", "LastNumber") VALUES ({unitId}, {year}, 1)
            ON CONFLICT ("UnitId", "Year") DO UPDATE SET "LastNumber" = "DocumentCounters"."LastNumber" + 1
            RETURNING "LastNumber" AS "Value"
            """).ToListAsync(ct);
        return numbers.Single();
    }
}
