using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Core.OrgUnits;
using DanVan.Core.Text;

namespace DanVan.Core.Decree30;

/// <summary>A signature block as read from a file: the authority lines, the title and the name, as typed.</summary>
public sealed record ImportedSigner(string? Authority, string? Title, string? Name);

/// <summary>
/// The Decree 30/2020 signature block, written for an issued report and read from an imported one: one place for
/// both, so what DanVan prints is what it recognises.
/// </summary>
public static partial class Signature
{
    /// <summary>
    /// Decree 30 signature: a People's Committee signs collectively ("TM. ỦY BAN NHÂN DÂN"), a deputy for the head
    /// ("KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH"), an acting head as "Q. GIÁM ĐỐC".
    /// </summary>
    public static DocumentSigner For(UnitKind kind, string? jobTitle, string? name)
    {
        var committee = OfficialDocument.IsPeoplesCommittee(kind);
        // Composed first: "Quyền" typed decomposed is longer than the six letters cut below.
        var title = VietnameseText.Nfc(jobTitle ?? "").Trim();
        if (title.Length == 0)
        {
            title = committee ? "Chủ tịch" : "Thủ trưởng đơn vị";
        }

        var authority = new List<string>();
        if (committee)
        {
            authority.Add("TM. ỦY BAN NHÂN DÂN");
        }

        var folded = VietnameseText.Fold(title);
        if (folded.StartsWith("pho ", StringComparison.Ordinal))
        {
            authority.Add("KT. " + title[4..].Trim());
        }
        else if (folded.StartsWith("quyen ", StringComparison.Ordinal))
        {
            title = "Q. " + title[6..].Trim();
        }

        return new DocumentSigner(authority.Select(Upper).ToList(), Upper(title), name);
    }

    /// <summary>
    /// The signature block as typed: "TM. …", "KT. …" (all kept, joined by " / "), the title in capitals and the
    /// signer's name last; "(Đã ký)" and the like are not part of it.
    /// </summary>
    public static ImportedSigner? Read(IReadOnlyList<string> lines)
    {
        var meaningful = lines.Where(l => !SignedMarker().IsMatch(l)).ToList();
        if (meaningful.Count == 0)
        {
            return null;
        }

        // "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH": both "on behalf of" lines belong to the signature.
        var authorities = meaningful.Where(l => AuthorityPrefix().IsMatch(l)).ToList();
        var authority = authorities.Count > 0 ? string.Join(" / ", authorities) : null;
        var name = meaningful[^1];
        var titles = meaningful.Where(l => !authorities.Contains(l) && l != name && l.Any(char.IsLetter) && !l.Any(char.IsLower)).ToList();
        var title = titles.FirstOrDefault();
        return new ImportedSigner(authority, title, authorities.Contains(name) ? null : name);
    }

    private static string Upper(string s) => s.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));

    [GeneratedRegex(@"^(TM|KT|Q|TL|TUQ|T\.M|K\.T)\.\s", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorityPrefix();

    [GeneratedRegex(@"^\(?(đã ký|ký|ký tên|ký, ghi rõ họ tên|ký và đóng dấu|đã ký và đóng dấu)\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SignedMarker();
}
