using DanVan.Core.Decree30;

namespace DanVan.Core.Word;

/// <summary>What the importer recognised in a Word report; serialised as the `danvan import --json` schema.</summary>
public sealed class ImportedReport
{
    public string Title { get; set; } = "";

    public string? Issuer { get; set; }

    public string? ParentIssuer { get; set; }

    public string? DocumentNumber { get; set; }

    public string? Place { get; set; }

    public DateOnly? Date { get; set; }

    /// <summary>"Kính gửi:" lines (the header's recipients), without the dash and the closing punctuation.</summary>
    public List<string> Addressees { get; set; } = [];

    public ImportedPeriod? Period { get; set; }

    public ImportedPeriod? NextPeriod { get; set; }

    public List<ImportedSection> Sections { get; set; } = [];

    /// <summary>The closing paragraphs ("Trên đây là báo cáo …/."), between the last section and "Nơi nhận".</summary>
    public List<string> Closing { get; set; } = [];

    public List<string> Footnotes { get; set; } = [];

    public List<string> Recipients { get; set; } = [];

    public ImportedSigner? Signer { get; set; }

    public List<ImportedCitation> Citations { get; set; } = [];

    /// <summary>unicode, tcvn3, vni or mixed: which encodings the text was typed in.</summary>
    public string SourceEncoding { get; set; } = "unicode";

    public List<ImportWarning> Warnings { get; set; } = [];

    /// <summary>
    /// Every section, depth first, for callers that do not care about nesting. Built by plain recursion: the import's
    /// citation search walks it for every file, and nested iterators would allocate an enumerator per section.
    /// </summary>
    public List<ImportedSection> AllSections()
    {
        var all = new List<ImportedSection>();
        foreach (var section in Sections)
        {
            section.AddSelfAndDescendants(all);
        }

        return all;
    }
}

/// <summary>type is month, quarter, half, nine-months or year.</summary>
public sealed record ImportedPeriod(string Type, int Index, int Year)
{
    public static ImportedPeriod From(Periods.ReportingPeriod p) => new(
        p.Type switch
        {
            Periods.PeriodType.Month => "month",
            Periods.PeriodType.Quarter => "quarter",
            Periods.PeriodType.Half => "half",
            Periods.PeriodType.NineMonths => "nine-months",
            _ => "year",
        },
        p.Index,
        p.Year);

    public Periods.ReportingPeriod ToPeriod() => Periods.ReportingPeriod.Create(
        Type switch
        {
            "month" => Periods.PeriodType.Month,
            "quarter" => Periods.PeriodType.Quarter,
            "half" => Periods.PeriodType.Half,
            "nine-months" => Periods.PeriodType.NineMonths,
            _ => Periods.PeriodType.Year,
        },
        Year,
        Index);
}

public sealed class ImportedSection
{
    public string Heading { get; set; } = "";

    public int Level { get; set; }

    public List<string> Paragraphs { get; set; } = [];

    public List<List<List<string>>> Tables { get; set; } = [];

    public List<ImportedSection> Sections { get; set; } = [];

    internal void AddSelfAndDescendants(List<ImportedSection> all)
    {
        all.Add(this);
        foreach (var section in Sections)
        {
            section.AddSelfAndDescendants(all);
        }
    }
}

public sealed record ImportedCitation(string Text, string Type, string Number, DateOnly? Date, string? Issuer, IReadOnlyList<string> Problems);

public enum ImportFailure
{
    Empty,
    NotZip,
    Truncated,
    TooLarge,
    Encrypted,
    LegacyDoc,
    NotWord,
    Corrupt,
}

/// <summary>The file cannot be read as a Word report; the message is one English line, the kind maps to a Vietnamese one in the UI.</summary>
public sealed class DocumentImportException(ImportFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public ImportFailure Failure { get; } = failure;
}
