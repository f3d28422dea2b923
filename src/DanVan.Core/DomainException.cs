namespace DanVan.Core;

/// <summary>
/// A business rule was breached. Pages turn it into a form error (400) on <see cref="Field"/>; the API into
/// ProblemDetails. Messages are Vietnamese and tell the user what to do; <see cref="English"/> says the same for the
/// English UI, the command line and logs, side by side at the throw site so each message is stated once.
/// </summary>
public class DomainException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;

    public string? English { get; init; }
}

/// <summary>The record changed since the user loaded it; their input must be kept, not overwritten.</summary>
public sealed class ConcurrencyConflictException(string field, string message) : DomainException(field, message)
{
    /// <summary>For a section conflict: what is saved now, so the page can show it beside the user's text.</summary>
    public int? LatestVersion { get; init; }

    public string? LatestText { get; init; }
}

/// <summary>The user may see the record but not do this to it.</summary>
public sealed class ForbiddenException(string message) : DomainException("", message);

/// <summary>Missing, or outside the user's units: both answer 404 so ids of other units leak nothing.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>A report's figures broke its plan's rules; each breach names the plan figure it concerns, for the form to show beside it.</summary>
public sealed class FigureRulesException : DomainException
{
    public FigureRulesException(IReadOnlyList<(int PlanFigureId, string Message, string English)> breaches)
        : base("Figures", Joined(breaches.Select(b => b.Message)))
    {
        Breaches = breaches;
        English = Joined(breaches.Select(b => b.English));
    }

    public IReadOnlyList<(int PlanFigureId, string Message, string English)> Breaches { get; }

    private static string Joined(IEnumerable<string> messages) => string.Join(" ", messages.Select(m => m.TrimEnd('.') + "."));
}

/// <summary>Why a value or an action is refused, for rules that answer rather than throw: Vietnamese for the user, and English.</summary>
public sealed record Refusal(string Message, string English)
{
    /// <summary>The same reason without the period it names, where the period is already said (a chart table's row); null when it names none.</summary>
    public Refusal? WithoutPeriod { get; init; }
}
