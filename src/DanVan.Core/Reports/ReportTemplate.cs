using DanVan.Core.Periods;

namespace DanVan.Core.Reports;

public sealed record SectionTemplate(string Key, string Heading, int Level);

/// <summary>
/// The standard outline of a report on dân vận chính quyền (docs/domain.md, "The report and its outline"): results
/// with their usual numbered items, the general assessment, and the tasks for the next period.
/// </summary>
public static class ReportTemplate
{
    /// <summary>The outline key of "Phương hướng, nhiệm vụ kỳ tới", carried forward to the next period's report.</summary>
    public const string NextTasksKey = "III";

    public static IReadOnlyList<SectionTemplate> Default { get; } =
    [
        new("intro", "Mở đầu", 0),
        new("I", "I. KẾT QUẢ THỰC HIỆN", 1),
        new("I.1", "1. Công tác lãnh đạo, chỉ đạo", 2),
        new("I.2", "2. Công tác tuyên truyền, phổ biến, quán triệt", 2),
        new("I.3", "3. Phong trào thi đua \"Dân vận khéo\"", 2),
        new("I.4", "4. Cải cách hành chính", 2),
        new("I.5", "5. Kỷ luật, kỷ cương hành chính, đạo đức công vụ", 2),
        new("I.6", "6. Tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo", 2),
        new("I.7", "7. Phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", 2),
        new("I.8", "8. Thực hiện dân chủ ở cơ sở", 2),
        new("II", "II. ĐÁNH GIÁ CHUNG", 1),
        new("III", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", 1),
        new("closing", "Kết thúc", 0),
    ];

    public static string DefaultTitle(string periodVietnamese) =>
        $"Kết quả thực hiện công tác dân vận chính quyền {periodVietnamese} và phương hướng, nhiệm vụ kỳ tới";

    public static string ConsolidatedTitle(ReportingPeriod period) =>
        $"Tổng hợp kết quả thực hiện công tác dân vận chính quyền {period.ToVietnamese()} và phương hướng, nhiệm vụ {period.Next().ToVietnamese()}";

    /// <summary>
    /// A new report's sections: the plan's outline (with its guidance and required flags) between the opening and closing
    /// paragraphs; without a plan, the default outline. Empty, not yet written.
    /// </summary>
    public static List<ReportSection> Outline(Plans.Plan? plan)
    {
        if (plan is null || plan.Sections.Count == 0)
        {
            return Default
                .Select((t, i) => new ReportSection { Key = t.Key, Heading = t.Heading, Level = t.Level, Order = i })
                .ToList();
        }

        var intro = Default[0];
        var closing = Default[^1];
        return [
            new ReportSection { Key = intro.Key, Heading = intro.Heading, Level = 0, Order = 0 },
            .. plan.Sections.OrderBy(s => s.Order).Select((s, i) => new ReportSection
            {
                Key = s.Key, Heading = s.Heading, Level = s.Level, Order = i + 1, Guidance = s.Guidance, Required = s.Required,
            }),
            new ReportSection { Key = closing.Key, Heading = closing.Heading, Level = 0, Order = plan.Sections.Count + 1 },
        ];
    }
}
