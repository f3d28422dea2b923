using DanVan.Core.OrgUnits;

namespace DanVan.Core.Decree30;

/// <summary>
/// An administrative document as Decree 30/2020 lays it out, with nothing DanVan-specific in it: a unit's report and
/// a consolidated report are both turned into one of these and printed by <see cref="Word.DocxWriter"/>.
/// </summary>
public sealed record OfficialDocument
{
    /// <summary>People's Committees (province, district, commune) issue collectively and number as "UBND".</summary>
    public static bool IsPeoplesCommittee(UnitKind kind) => kind is UnitKind.Province or UnitKind.District or UnitKind.Commune;

    /// <summary>The body the issuer reports to (cơ quan chủ quản), printed above the issuer; null for People's Committees.</summary>
    public string? ParentBody { get; init; }

    /// <summary>The issuing body, one printed line each ("ỦY BAN NHÂN DÂN", "XÃ TRÀ TÂN").</summary>
    public required IReadOnlyList<string> IssuingBody { get; init; }

    /// <summary>"05/BC-UBND"; before issue just the symbol ("/BC-UBND"), printed with room for the number.</summary>
    public required string Number { get; init; }

    public required string Place { get; init; }

    /// <summary>Null before issue: the line is printed with blanks for the day and month.</summary>
    public DateOnly? Date { get; init; }

    public required int Year { get; init; }

    /// <summary>"BÁO CÁO".</summary>
    public string Kind { get; init; } = "BÁO CÁO";

    /// <summary>The summary line (trích yếu) under the kind.</summary>
    public required string Summary { get; init; }

    /// <summary>"Kính gửi:" lines; empty for none.</summary>
    public IReadOnlyList<string> Addressees { get; init; } = [];

    public IReadOnlyList<DocumentBlock> Body { get; init; } = [];

    /// <summary>"Nơi nhận:" lines without the dash and the closing punctuation; the writer adds "- Lưu: …" last.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>What follows "Lưu:" ("VT, SNV"): the archive (văn thư) and the abbreviation of the drafting body.</summary>
    public string Filing { get; init; } = "VT";

    public required DocumentSigner Signer { get; init; }

    /// <summary>The issuer's name in running text ("Ủy ban nhân dân tỉnh Lâm Đồng"), for the appendices' "Kèm theo" line.</summary>
    public string? IssuerName { get; init; }

    /// <summary>Appendices, each printed on its own page after the signature.</summary>
    public IReadOnlyList<DocumentAppendix> Appendices { get; init; } = [];
}

/// <summary>"Phụ lục II" (<paramref name="Label"/> "II") with its title in capitals and its content.</summary>
public sealed record DocumentAppendix(string Label, string Title, IReadOnlyList<DocumentBlock> Blocks);

public abstract record DocumentBlock;

/// <summary>A numbered heading of the outline ("I. KẾT QUẢ THỰC HIỆN" level 1, "1. …" level 2, "a) …" level 3).</summary>
public sealed record DocumentHeading(string Text, int Level) : DocumentBlock;

/// <summary>
/// A body paragraph. Markers "[key]" in <paramref name="Text"/> whose key is in <paramref name="Notes"/> become Word
/// footnotes with that text, numbered in document order.
/// </summary>
public sealed record DocumentParagraph(string Text, IReadOnlyDictionary<string, string>? Notes = null) : DocumentBlock;

/// <summary>A bordered table; the first row is the bold, centred header. <paramref name="Widths"/> are relative column widths.</summary>
public sealed record DocumentTable(IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<int> Widths) : DocumentBlock;

/// <summary>
/// The signature block: authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), the signer's title ("PHÓ CHỦ TỊCH")
/// and name; a null name leaves the space for a draft.
/// </summary>
public sealed record DocumentSigner(IReadOnlyList<string> Authority, string Title, string? Name);
