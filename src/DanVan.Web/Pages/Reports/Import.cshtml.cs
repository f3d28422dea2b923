using DanVan.Core;
using DanVan.Core.Export;
using DanVan.Core.Import;
using DanVan.Core.Reports;
using DanVan.Core.Word;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Reports;

/// <summary>"Nhập từ file Word": upload → preview mapped onto the outline → confirm; nothing is saved before confirming.</summary>
// The request may be much larger than a file we accept, so that a file over the limit reaches the handler and is
// refused with its reason; the form spools to disk, so this bounds disk, not memory.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ImportModel(ReportService reports, ReportStandingService states, ReportImportService importer, ImportStaging staging, PdfConverter libreOffice) : PageModel
{
    public const int MaxUploadBytes = (int)ReportAttachment.MaxBytes;

    public const int MaxRequestBytes = 200 * 1024 * 1024;

    public sealed class ConfirmInput
    {
        public string? Token { get; set; }

        public int Version { get; set; }

        public List<string> Targets { get; set; } = [];

        /// <summary>One <see cref="ImportCorrections"/> choice per paragraph of the file as read.</summary>
        public List<string> Paragraphs { get; set; } = [];

        public List<int> Figures { get; set; } = [];
    }

    [BindProperty]
    public ConfirmInput Input { get; set; } = new();

    public Report Report { get; private set; } = null!;

    /// <summary>The file as read, with the user's corrections applied.</summary>
    public ImportedReport? Preview { get; private set; }

    /// <summary>The file's sections and paragraphs as read, which the corrections refer to.</summary>
    public IReadOnlyList<ImportedSection> ReadSections { get; private set; } = [];

    public IReadOnlyList<ImportedParagraph> ReadParagraphs { get; private set; } = [];

    public IReadOnlyList<SectionMapping> Mapping { get; private set; } = [];

    public IReadOnlyList<FigureInput> FoundFigures { get; private set; } = [];

    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return await states.MayEditUnitAsync(Report, HttpContext.Actor(), ct) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await RequireEditableAsync(ct);
        if (file is null)
        {
            throw new DomainException("File", "Chọn tệp Word (.docx) cần nhập.") { English = "Choose the Word file (.docx) to import." };
        }

        if (file.Length == 0)
        {
            throw new DomainException("File", $"Tệp \"{file.FileName}\" rỗng (0 byte). Chọn lại tệp báo cáo.") { English = $"\"{file.FileName}\" is empty (0 bytes). Choose the report file again." };
        }

        if (file.Length > MaxUploadBytes)
        {
            throw new DomainException("File", $"Tệp \"{file.FileName}\" lớn hơn {MaxUploadBytes / 1024 / 1024} MB. Báo cáo thường chỉ vài trăm KB; xóa bớt ảnh rồi thử lại.")
            {
                English = $"\"{file.FileName}\" is larger than {MaxUploadBytes / 1024 / 1024} MB. A report is usually a few hundred KB; remove some pictures and try again.",
            };
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        WordFile read;
        try
        {
            read = await WordFile.ReadAsync(buffer.ToArray(), libreOffice, ct);
        }
        catch (Exception ex) when (ex is DocumentImportException or ExternalToolException)
        {
            HttpContext.RequestServices.GetRequiredService<ILogger<ImportModel>>().LogWarning("Import of {File} refused: {Reason}", file.FileName, ex.Message);
            throw new DomainException("File", $"Không đọc được tệp \"{file.FileName}\": {(ex is DocumentImportException d ? ReportImportService.Explain(d.Failure) : ((ExternalToolException)ex).Vietnamese)}")
            {
                English = $"Cannot read \"{file.FileName}\": {ex.Message}",
            };
        }

        // A .doc is kept as the .docx LibreOffice made of it: that is what the preview read and the import applies.
        var fileName = read.Converted ? Path.ChangeExtension(file.FileName, ".docx") : file.FileName;
        Show(read.Report, fileName);
        Input.Token = await staging.StageAsync(read.Docx, fileName, HttpContext.Actor().UserId, ct);
        Input.Version = Report.Version;
        Input.Targets = [.. ReportImportService.DefaultTargets(Mapping)];
        Input.Figures = Enumerable.Range(0, FoundFigures.Count).ToList();
        return Page();
    }

    /// <summary>"Cập nhật xem trước": the paragraph corrections applied, the sections matched again; nothing saved.</summary>
    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await RequireEditableAsync(ct);
        var staged = await staging.LoadAsync(Input.Token, HttpContext.Actor().UserId, ct)
            ?? throw new DomainException("File", "Tệp tải lên đã hết hạn hoặc không còn. Tải tệp lên lại.") { English = "The uploaded file has expired or is gone. Upload it again." };
        ReadPreview(staged.Content, staged.FileName);
        Input.Targets = [.. ReportImportService.DefaultTargets(Mapping)];
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await RequireEditableAsync(ct);
        var staged = await staging.LoadAsync(Input.Token, HttpContext.Actor().UserId, ct)
            ?? throw new DomainException("File", "Tệp tải lên đã hết hạn hoặc không còn. Tải tệp lên lại.") { English = "The uploaded file has expired or is gone. Upload it again." };
        ReadPreview(staged.Content, staged.FileName);
        await importer.ApplyAsync(
            new ApplyImport
            {
                ReportId = id,
                ExpectedVersion = Input.Version,
                FileName = staged.FileName,
                Content = staged.Content,
                Paragraphs = Input.Paragraphs,
                Targets = Input.Targets,
                Figures = Input.Figures.Where(i => i >= 0 && i < FoundFigures.Count).Distinct().Select(i => FoundFigures[i]).ToList(),
            },
            HttpContext.Actor(),
            ct);
        await staging.RemoveAsync(Input.Token!, HttpContext.Actor().UserId, ct);
        TempData["Flash"] = Bilingual.Text("Đã nhập nội dung từ tệp \"{0}\". Tệp gốc được lưu kèm báo cáo.", staged.FileName);
        return Redirect($"/reports/{id}");
    }

    /// <summary>The importer's warnings (English, as in `danvan import --json` and the logs) as the page shows them.</summary>
    public static string WarningText(string warning)
    {
        if (Bilingual.IsEnglish)
        {
            return warning;
        }

        foreach (var (pattern, vietnamese) in Warnings)
        {
            if (pattern.Match(warning) is { Success: true } m)
            {
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, vietnamese, m.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray());
            }
        }

        return warning;
    }

    private static readonly (System.Text.RegularExpressions.Regex Pattern, string Vietnamese)[] Warnings =
    [
        (new("^The document has tracked changes"), "Tệp có theo dõi thay đổi (Track Changes); đã lấy nội dung như khi chấp nhận mọi thay đổi."),
        (new("^Comments in the document were ignored"), "Các nhận xét (comment) trong tệp không được nhập."),
        (new(@"^Text typed in legacy Vietnamese fonts \((.+)\)"), "Văn bản gõ bằng phông chữ cũ ({0}) đã được chuyển sang Unicode; hãy rà lại chính tả."),
        (new("^No Decree 30 header table was found"), "Không thấy phần đầu văn bản theo Nghị định 30/2020 (bảng tên cơ quan, số, ngày); tên cơ quan được lấy từ câu mở đầu."),
        (new("^The reporting period could not be recognised"), "Không nhận ra kỳ báo cáo trong trích yếu."),
        (new("^No numbered headings"), "Không nhận ra các đề mục I., II., III.; toàn bộ nội dung được nhập thành một mục."),
        (new("^The standard section \"(.+)\" was not found"), "Không thấy mục chuẩn \"{0}\" trong tệp."),
        (new("^The document date \"(.+)\" is not a valid date"), "Ngày văn bản \"{0}\" không hợp lệ."),
        (new("^Converted from Word 97-2003 .doc"), "Tệp Word 97-2003 (.doc) đã được LibreOffice chuyển sang .docx trước khi đọc; hãy rà lại bảng và định dạng."),
    ];

    public static string ProblemText(string problem) => Bilingual.Text(problem switch
    {
        "malformed-date" => "ngày viết sai",
        "superseded" => "đã hết hiệu lực, bị thay thế",
        "unknown-type" => "không rõ loại văn bản",
        "type-mismatch" => "loại văn bản không khớp ký hiệu",
        _ => problem,
    });

    /// <summary>The staged .docx (read once at upload, so it reads) with the posted corrections.</summary>
    private void ReadPreview(byte[] content, string fileName)
    {
        using var stream = new MemoryStream(content, writable: false);
        Show(DocxReader.Read(stream), fileName);
    }

    private void Show(ImportedReport read, string fileName)
    {
        FileName = fileName;
        ReadSections = read.AllSections();
        ReadParagraphs = ImportCorrections.Paragraphs(read);
        if (Input.Paragraphs.Count == 0)
        {
            Input.Paragraphs = [.. Enumerable.Repeat(ImportCorrections.Keep, ReadParagraphs.Count)];
        }

        Preview = ImportCorrections.Apply(read, Input.Paragraphs);
        Mapping = OutlineMatcher.Map(Preview, Report.Sections.Select(s => new OutlineTarget(s.Key, s.Heading, s.Level)).ToList());
        FoundFigures = FigureExtractor.FromTables(Preview);
    }

    /// <summary>The same check every edit passes (role, status, lock), so a file is not read for a report it cannot change.</summary>
    private async Task RequireEditableAsync(CancellationToken ct) => await states.RequireEditableAsync(Report, HttpContext.Actor(), ct);

    private async Task LoadAsync(int id, CancellationToken ct) => Report = await reports.GetAsync(id, HttpContext.Actor(), ct);
}
