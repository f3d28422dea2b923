using DanVan.Core.Consolidation;
using DanVan.Core.Reports;
using DanVan.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanVan.Web.Pages.Consolidation;

/// <summary>
/// The consolidated report being drafted: each paragraph of every section with the units (and reports) it came from,
/// what the consolidator has changed, and an editor per section. POST without a handler (the dashboard's "Lập báo cáo
/// tổng hợp" button) drafts or refreshes it.
/// </summary>
public sealed class DraftModel(ConsolidationService consolidation) : PageModel
{
    public sealed class SectionInput
    {
        public string? Key { get; set; }

        public string? Text { get; set; }

        public int Version { get; set; }
    }

    [BindProperty]
    public SectionInput Input { get; set; } = new();

    public Report? Report { get; private set; }

    public ConsolidationContent? Draft { get; private set; }

    /// <summary>Each drafted part by its text, so lines of the (edited) report can be traced to their sources.</summary>
    public IReadOnlyDictionary<string, DraftPart> Parts { get; private set; } = new Dictionary<string, DraftPart>();

    /// <summary>The units by code, as parts name them.</summary>
    public IReadOnlyDictionary<string, DraftUnit> Units { get; private set; } = new Dictionary<string, DraftUnit>();

    /// <summary>Sources listed per part on the page; the rest are in the appendices and the JSON of `danvan consolidate`.</summary>
    public const int SourcesShown = 100;

    public static string KindText(PartKind kind) => kind switch
    {
        PartKind.Summary => "Tình hình chung",
        PartKind.Aggregate => "Số liệu cộng dồn từ báo cáo các đơn vị",
        PartKind.Shared => "Nội dung nhiều đơn vị cùng nêu",
        PartKind.Example => "Kết quả nổi bật của đơn vị",
        _ => "Nội dung riêng của đơn vị",
    };

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int plan, string? period, bool overwrite, CancellationToken ct)
    {
        var result = await consolidation.ConsolidateAsync(new Consolidate { PlanId = plan, Period = period ?? "", Overwrite = overwrite }, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text(result.Created ? "Đã lập dự thảo báo cáo tổng hợp." : "Đã cập nhật dự thảo báo cáo tổng hợp.")
            + (result.Kept.Count > 0 ? " " + Bilingual.Text("Giữ nguyên các mục đã được sửa: {0} (chọn \"Ghi đè cả các mục đã sửa\" để thay bằng bản tổng hợp mới).", string.Join("; ", result.Kept)) : "");
        return Redirect($"/consolidation/draft/{result.ReportId}");
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var key = Input.Key ?? "";
        await consolidation.SaveSectionAsync(new SaveSection { ReportId = id, Key = key, Text = Input.Text ?? "", ExpectedVersion = Input.Version }, HttpContext.Actor(), ct);
        TempData["Flash"] = Bilingual.Text("Đã lưu mục của báo cáo tổng hợp.");
        return Redirect($"/consolidation/draft/{id}#section-{key}");
    }

    public static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        (Report, Draft) = await consolidation.DraftAsync(id, HttpContext.Actor(), ct);
        if (Draft is not null)
        {
            var parts = new Dictionary<string, DraftPart>(StringComparer.Ordinal);
            foreach (var part in Draft.Sections.SelectMany(s => s.Parts))
            {
                parts.TryAdd(part.Text, part);
            }

            Parts = parts;
            Units = Draft.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        }
    }
}
