using DanVan.Core.Citations;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Admin.LegalDocuments;

/// <summary>The legal-document registry: every document with its status, and one form to add or correct an entry.</summary>
public sealed class IndexModel(LegalDocumentService documents, TimeProvider clock) : PageModel
{
    public sealed class DocumentInput
    {
        public string? Number { get; set; }

        public string? Type { get; set; }

        public string? Title { get; set; }

        public DateOnly? IssuedOn { get; set; }

        public string? Issuer { get; set; }

        public string? SupersededBy { get; set; }

        public DateOnly? SupersededFrom { get; set; }

        public string? Source { get; set; }
    }

    [BindProperty]
    public DocumentInput Input { get; set; } = new();

    /// <summary>The number of the entry the form corrects; null when it adds one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Edit { get; set; }

    public IReadOnlyList<LegalDocumentRow> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Edit is not null)
        {
            if (Rows.FirstOrDefault(r => string.Equals(r.Document.Number, CitationParser.NormaliseNumber(Edit), StringComparison.OrdinalIgnoreCase))?.Document is not { } d)
            {
                return NotFound();
            }

            (Edit, Input) = (d.Number, new DocumentInput
            {
                Number = d.Number,
                Type = d.Type,
                Title = d.Title,
                IssuedOn = d.IssuedOn,
                Issuer = d.Issuer,
                SupersededBy = d.SupersededBy,
                SupersededFrom = d.SupersededFrom,
                Source = d.Source,
            });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var saved = await documents.SaveAsync(new LegalDocumentInput
        {
            Number = Edit ?? Input.Number ?? "",
            Type = Input.Type ?? "",
            Title = Input.Title ?? "",
            IssuedOn = Input.IssuedOn,
            Issuer = Input.Issuer ?? "",
            SupersededBy = Input.SupersededBy,
            SupersededFrom = Input.SupersededFrom,
            Source = Input.Source ?? "",
        }, Edit, HttpContext.Actor(), ct);
        TempData["Flash"] = Edit is null ? Bilingual.Text("Đã thêm văn bản {0} vào danh mục.", saved.Number) : Bilingual.Text("Đã lưu văn bản {0}.", saved.Number);
        return Redirect("/admin/legal-documents");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await documents.ListAsync(ct);
        Today = Core.VietnamTime.Today(clock);
    }
}
