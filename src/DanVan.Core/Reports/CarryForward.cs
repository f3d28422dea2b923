using System.Text.RegularExpressions;

namespace DanVan.Core.Reports;

/// <summary>Splits a "Phương hướng, nhiệm vụ" section into the tasks the unit answers next period.</summary>
public static partial class CarryForward
{
    public const int MaxTasks = 50;

    /// <summary>One task per non-empty line, without its bullet or number ("- ", "+ ", "1.", "a)").</summary>
    public static IReadOnlyList<string> Tasks(string text) =>
        text.Split('\n')
            .Select(line => Bullet().Replace(line.Trim(), "").Trim())
            .Where(line => line.Length >= 3)
            .Take(MaxTasks)
            .ToList();

    /// <summary>How a report states a task's outcome, on the page and in the issued document.</summary>
    public static string OutcomeText(CarryOutcome? outcome) => outcome switch
    {
        CarryOutcome.Done => "Đã hoàn thành",
        CarryOutcome.InProgress => "Đang thực hiện",
        CarryOutcome.NotDone => "Chưa thực hiện",
        _ => "Chưa đánh giá",
    };

    [GeneratedRegex(@"^(?:[-+•*–]+|\d{1,2}[.)]|[a-zđ][)])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Bullet();
}
