using DanVan.Core.Access;
using DanVan.Core.Audit;
using DanVan.Core.Data;
using DanVan.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Core.Citations;

/// <summary>What an administrator types for a legal document (<see cref="LegalDocumentService.SaveAsync"/>).</summary>
public sealed record LegalDocumentInput
{
    public required string Number { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public DateOnly? IssuedOn { get; init; }
    public required string Issuer { get; init; }
    public string? SupersededBy { get; init; }
    public DateOnly? SupersededFrom { get; init; }
    public required string Source { get; init; }
}

/// <summary>Where a registry entry comes from: shipped with the app, added by an administrator, or a shipped one corrected.</summary>
public enum LegalDocumentOrigin
{
    Shipped,
    Added,
    Corrected,
}

public sealed record LegalDocumentRow(KnownDocument Document, LegalDocumentOrigin Origin);

/// <summary>
/// The legal-document registry in use: the list shipped with the app (<see cref="LegalRegistry.Default"/>) with the
/// entries administrators added or corrected. Saving checks an entry as the shipped file's entries are checked.
/// </summary>
public sealed class LegalDocumentService(DanVanDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxNumber = 100;
    public const int MaxTitle = 1000;
    public const int MaxIssuer = 300;
    public const int MaxSource = 2000;

    public async Task<LegalRegistry> RegistryAsync(CancellationToken ct = default) =>
        LegalRegistry.Default.With((await db.LegalDocuments.AsNoTracking().ToListAsync(ct)).Select(e => e.ToKnown()));

    /// <summary>Every document, newest first, with where it comes from.</summary>
    public async Task<IReadOnlyList<LegalDocumentRow>> ListAsync(CancellationToken ct = default)
    {
        var entries = await db.LegalDocuments.AsNoTracking().ToListAsync(ct);
        var registry = LegalRegistry.Default.With(entries.Select(e => e.ToKnown()));
        var stored = entries.Select(e => e.Number).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return registry.Documents
            .Select(d => new LegalDocumentRow(d, !stored.Contains(d.Number) ? LegalDocumentOrigin.Shipped
                : LegalRegistry.Default.Find(d.Number) is null ? LegalDocumentOrigin.Added : LegalDocumentOrigin.Corrected))
            .OrderByDescending(r => r.Document.IssuedOn).ThenBy(r => r.Document.Number, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Adds a document (<paramref name="editing"/> null) or changes the one with that number; its number cannot change.
    /// Throws <see cref="DomainException"/> naming the field when the entry is incomplete or contradicts the registry.
    /// </summary>
    public async Task<KnownDocument> SaveAsync(LegalDocumentInput input, string? editing, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.IsIn(Roles.Admin))
        {
            throw new ForbiddenException("Chỉ quản trị hệ thống được sửa danh mục văn bản.") { English = "Only system administrators may edit the legal-document registry." };
        }

        var entries = await db.LegalDocuments.ToListAsync(ct);
        var before = LegalRegistry.Default.With(entries.Select(e => e.ToKnown()));
        var document = Check(input, before, VietnamTime.Today(clock));
        var existing = before.Find(document.Number);
        if (editing is null && existing is not null)
        {
            throw Breach(nameof(input.Number), $"Văn bản số {existing.Number} đã có trong danh mục: sửa dòng đó thay vì thêm mới.", $"{existing.Number} is already in the registry: edit that entry instead.");
        }

        if (editing is not null && (before.Find(editing) is null || !string.Equals(CitationParser.NormaliseNumber(editing), document.Number, StringComparison.OrdinalIgnoreCase)))
        {
            throw before.Find(editing) is null ? new NotFoundException($"Legal document {editing}")
                : Breach(nameof(input.Number), "Không đổi được số hiệu của văn bản đã có; thêm văn bản mới với số hiệu đúng.", "The number of an entry cannot change; add a new entry with the right number.");
        }

        try
        {
            before.With([document]);
        }
        catch (ArgumentException ex)
        {
            throw Breach(nameof(input.SupersededBy), "Danh mục không hợp lệ sau khi lưu: " + ex.Message, ex.Message);
        }

        var row = entries.FirstOrDefault(e => string.Equals(e.Number, document.Number, StringComparison.OrdinalIgnoreCase));
        if (row is null)
        {
            row = new LegalDocumentEntry { Number = document.Number, Type = "", Title = "", Issuer = "", Source = "", ChangedBy = "" };
            db.LegalDocuments.Add(row);
        }

        (row.Number, row.Type, row.Title, row.IssuedOn, row.Issuer, row.SupersededBy, row.SupersededFrom, row.Source) =
            (document.Number, document.Type, document.Title, document.IssuedOn, document.Issuer, document.SupersededBy, document.SupersededFrom, document.Source!);
        (row.ChangedAt, row.ChangedBy) = (clock.GetUtcNow().UtcDateTime, actor.UserName);
        audit.Add(existing is null ? AuditKind.LegalDocumentAdded : AuditKind.LegalDocumentChanged, actor, document.Number,
            document.SupersededBy is null ? document.Title : $"{document.Title} (thay bằng {document.SupersededBy} từ {document.SupersededFrom:dd/MM/yyyy})");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw Breach(nameof(input.Number), $"Văn bản số {document.Number} vừa được người khác thêm vào danh mục.", $"{document.Number} was just added by someone else.");
        }

        return document;
    }

    /// <summary>The entry as it would be stored, or the first rule it breaks (pure: the registry and today are given).</summary>
    internal static KnownDocument Check(LegalDocumentInput input, LegalRegistry registry, DateOnly today)
    {
        var number = CitationParser.NormaliseNumber(input.Number ?? "");
        if (number.Length is 0 or > MaxNumber || !number.Contains('/', StringComparison.Ordinal))
        {
            throw Breach(nameof(input.Number), "Nhập số hiệu văn bản như khi ban hành, có dấu \"/\" (ví dụ 33/CT-TTg, 217-QĐ/TW), tối đa 100 ký tự.", "Enter the number as issued, with its \"/\" (e.g. 33/CT-TTg), at most 100 characters.");
        }

        var type = (input.Type ?? "").Trim();
        if (!DocumentTypes.All.Contains(type))
        {
            throw Breach(nameof(input.Type), "Chọn loại văn bản trong danh sách.", "Choose a document type from the list.");
        }

        if (DocumentTypes.ForSymbol(number) is { } allowed && !allowed.Contains(type))
        {
            throw Breach(nameof(input.Type), $"Số hiệu {number} là của {allowed[0]}, không phải {type}: kiểm tra lại loại hoặc số hiệu.", $"The number {number} is that of a {allowed[0]}, not a {type}.");
        }

        var title = VietnameseText.CollapseWhiteSpace(VietnameseText.Nfc(input.Title ?? ""));
        if (title.Length is 0 or > MaxTitle)
        {
            throw Breach(nameof(input.Title), "Nhập trích yếu nội dung của văn bản (tối đa 1000 ký tự).", "Enter the document's title (at most 1000 characters).");
        }

        if (input.IssuedOn is not { } issuedOn || issuedOn > today || issuedOn.Year < 1945)
        {
            throw Breach(nameof(input.IssuedOn), "Nhập ngày ban hành (dd/mm/yyyy), không sau hôm nay.", "Enter the date of issue (dd/mm/yyyy), not after today.");
        }

        var issuer = VietnameseText.CollapseWhiteSpace(VietnameseText.Nfc(input.Issuer ?? ""));
        if (issuer.Length is 0 or > MaxIssuer)
        {
            throw Breach(nameof(input.Issuer), "Nhập cơ quan ban hành (ví dụ Thủ tướng Chính phủ, Bộ Chính trị).", "Enter the issuing body (e.g. Thủ tướng Chính phủ).");
        }

        string? supersededBy = string.IsNullOrWhiteSpace(input.SupersededBy) ? null : CitationParser.NormaliseNumber(input.SupersededBy);
        if (supersededBy is null && input.SupersededFrom is not null)
        {
            throw Breach(nameof(input.SupersededBy), "Nhập số hiệu văn bản thay thế, hoặc để trống cả ngày hết hiệu lực.", "Enter the replacing document's number, or leave the end date empty too.");
        }

        if (supersededBy is not null)
        {
            if (string.Equals(supersededBy, number, StringComparison.OrdinalIgnoreCase))
            {
                throw Breach(nameof(input.SupersededBy), "Văn bản không thể thay thế chính nó.", "A document cannot replace itself.");
            }

            if (registry.Find(supersededBy) is not { } replacement)
            {
                throw Breach(nameof(input.SupersededBy), $"Văn bản thay thế {supersededBy} chưa có trong danh mục: thêm nó trước.", $"The replacing document {supersededBy} is not in the registry: add it first.");
            }

            if (input.SupersededFrom is not { } from || from < issuedOn || from < replacement.IssuedOn)
            {
                throw Breach(nameof(input.SupersededFrom), $"Nhập ngày văn bản thay thế có hiệu lực (dd/mm/yyyy), không trước ngày ban hành của {replacement.Number} ({replacement.IssuedOn:dd/MM/yyyy}).", $"Enter the day the replacing document took effect, not before {replacement.Number} was issued.");
            }

            // A chain of replacements must end: A replaced by B replaced by A is a typing mistake.
            for (var next = replacement; next is not null; next = next.SupersededBy is { } s ? registry.Find(s) : null)
            {
                if (string.Equals(next.SupersededBy, number, StringComparison.OrdinalIgnoreCase))
                {
                    throw Breach(nameof(input.SupersededBy), $"{replacement.Number} lại được thay bằng {number}: hai văn bản không thể thay thế lẫn nhau.", $"{replacement.Number} is itself replaced by {number}.");
                }
            }
        }

        var source = (input.Source ?? "").Trim();
        if (source.Length is 0 or > MaxSource)
        {
            throw Breach(nameof(input.Source), "Ghi nguồn công khai đã đối chiếu (trang, văn bản nêu số hiệu, ngày và hiệu lực), tối đa 2000 ký tự.", "Name the public source checked (at most 2000 characters).");
        }

        return new KnownDocument(number, type, title, issuedOn, issuer, supersededBy, supersededBy is null ? null : input.SupersededFrom, source);
    }

    private static DomainException Breach(string field, string message, string english) => new(field, message) { English = english };
}
