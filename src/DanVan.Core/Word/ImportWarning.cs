namespace DanVan.Core.Word;

public enum ImportWarningCode
{
    TrackedChanges,
    CommentsIgnored,

    /// <summary>Args: the encodings found (tcvn3, vni or mixed).</summary>
    LegacyFonts,
    NoHeaderTable,
    PeriodNotRecognised,

    /// <summary>Args: the date as written.</summary>
    InvalidDate,
    NoNumberedHeadings,

    /// <summary>Args: the standard section's heading.</summary>
    StandardSectionMissing,
    ConvertedFromDoc,
}

/// <summary>
/// Something the reader noticed about a file that the user should check: a code and its arguments, so that the web
/// preview says it in Vietnamese or English and `danvan import` in English, from one text per language stated here.
/// </summary>
public sealed record ImportWarning(ImportWarningCode Code, params IReadOnlyList<string> Args)
{
    public string English => Text(english: true);

    public string Text(bool english)
    {
        var (vietnamese, inEnglish) = Code switch
        {
            ImportWarningCode.TrackedChanges => ("Tệp có theo dõi thay đổi (Track Changes); đã lấy nội dung như khi chấp nhận mọi thay đổi.", "The document has tracked changes; the text as if all changes were accepted was imported."),
            ImportWarningCode.CommentsIgnored => ("Các nhận xét (comment) trong tệp không được nhập.", "Comments in the document were ignored."),
            ImportWarningCode.LegacyFonts => ("Văn bản gõ bằng phông chữ cũ ({0}) đã được chuyển sang Unicode; hãy rà lại chính tả.", "Text typed in legacy Vietnamese fonts ({0}) was converted to Unicode; check the spelling."),
            ImportWarningCode.NoHeaderTable => ("Không thấy phần đầu văn bản theo Nghị định 30/2020 (bảng tên cơ quan, số, ngày); tên cơ quan được lấy từ câu mở đầu.", "No Decree 30 header table was found; the issuer was taken from the opening sentence."),
            ImportWarningCode.PeriodNotRecognised => ("Không nhận ra kỳ báo cáo trong trích yếu.", "The reporting period could not be recognised in the title."),
            ImportWarningCode.InvalidDate => ("Ngày văn bản \"{0}\" không hợp lệ.", "The document date \"{0}\" is not a valid date."),
            ImportWarningCode.NoNumberedHeadings => ("Không nhận ra các đề mục I., II., III.; toàn bộ nội dung được nhập thành một mục.", "No numbered headings (I., II., III.) were recognised; the text was imported as one section."),
            ImportWarningCode.StandardSectionMissing => ("Không thấy mục chuẩn \"{0}\" trong tệp.", "The standard section \"{0}\" was not found."),
            ImportWarningCode.ConvertedFromDoc => ("Tệp Word 97-2003 (.doc) đã được LibreOffice chuyển sang .docx trước khi đọc; hãy rà lại bảng và định dạng.", "Converted from Word 97-2003 .doc with LibreOffice before importing."),
            _ => (Code.ToString(), Code.ToString()),
        };
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, english ? inEnglish : vietnamese, [.. Args]);
    }

    /// <summary>The English text, as logs and the command line show it.</summary>
    public override string ToString() => English;

    public bool Equals(ImportWarning? other) => other is not null && Code == other.Code && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Code, Args.Count);
}
