namespace DanVan.Core.Citations;

/// <summary>
/// A legal document an administrator added to the registry, or an administrator's correction of a shipped one (same
/// number): the registry in use is the shipped list (legal-documents.json) with these rows in place of or beside
/// its entries (<see cref="LegalDocumentService.RegistryAsync"/>).
/// </summary>
public sealed class LegalDocumentEntry
{
    public int Id { get; set; }

    /// <summary>Normalised as <see cref="CitationParser.NormaliseNumber"/> does; unique.</summary>
    public required string Number { get; set; }

    /// <summary>One of <see cref="DocumentTypes.All"/>.</summary>
    public required string Type { get; set; }

    public required string Title { get; set; }

    public DateOnly IssuedOn { get; set; }

    public required string Issuer { get; set; }

    public string? SupersededBy { get; set; }

    public DateOnly? SupersededFrom { get; set; }

    /// <summary>The public source that states the number, date, issuer and status: no entry without one.</summary>
    public required string Source { get; set; }

    public DateTime ChangedAt { get; set; }

    public required string ChangedBy { get; set; }

    public KnownDocument ToKnown() => new(Number, Type, Title, IssuedOn, Issuer, SupersededBy, SupersededFrom, Source);
}
