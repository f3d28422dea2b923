using System.Buffers;
using System.IO.Compression;

namespace DanVan.Core.Word;

/// <summary>
/// Reads the parts of a .docx with <see cref="XmlScanner"/>: no DOM, no DTDs, bounded size. The package has already passed
/// <see cref="SafePackage"/>, so every part here is known to inflate to a sane size.
/// </summary>
internal sealed class WordPackage
{
    public const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    public const string R = "http://schemas.openxmlformats.org/package/2006/relationships";
    public const string A = "http://schemas.openxmlformats.org/drawingml/2006/main";

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, string> _related = new(StringComparer.Ordinal);

    public WordPackage(ZipArchive package)
    {
        _zip = package;
        MainPath = Relationships("_rels/.rels", "").GetValueOrDefault("officeDocument") ?? "word/document.xml";
        if (_zip.GetEntry(MainPath) is null)
        {
            throw new DocumentImportException(ImportFailure.NotWord, "The package has no main Word document part.");
        }

        var folder = MainPath.Contains('/', StringComparison.Ordinal) ? MainPath[..(MainPath.LastIndexOf('/') + 1)] : "";
        var rels = $"{folder}_rels/{MainPath[folder.Length..]}.rels";
        foreach (var (type, target) in Relationships(rels, folder))
        {
            _related.TryAdd(type, target);
        }
    }

    public string MainPath { get; }

    /// <summary>A part related to the main document by relationship type suffix ("styles", "numbering", "theme", "footnotes", "comments").</summary>
    public XmlScanner? Related(string type) => _related.TryGetValue(type, out var path) ? Open(path) : null;

    public XmlScanner Main() => Open(MainPath) ?? throw new DocumentImportException(ImportFailure.NotWord, "The package has no main Word document part.");

    private readonly SafePackage.Counter _inflated = new();

    /// <summary>Inflates a part whole into a pooled buffer (parts are small, and bounded as they inflate) and scans it.</summary>
    private XmlScanner? Open(string path)
    {
        var entry = _zip.GetEntry(path);
        if (entry is null)
        {
            return null;
        }

        using var stream = new SafePackage.BoundedStream(entry.Open(), path, _inflated);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(entry.Length, SafePackage.MaxPartBytes) + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    // The declared size was wrong; the stream still stops at the part limit.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return XmlScanner.Create(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Identifies a related part's content without inflating it (CRC-32 and size from the zip directory), so parsed
    /// style sheets can be shared between files made from the same template.
    /// </summary>
    /// <remarks>A string, so the caches keyed by it run on the runtime's precompiled code for string keys.</remarks>
    public string? Fingerprint(string type) =>
        _related.TryGetValue(type, out var path) && _zip.GetEntry(path) is { } entry
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{entry.Crc32:x8}/{entry.Length}")
            : null;

    /// <summary>
    /// What <paramref name="read"/> makes of a related part (null when there is none), shared between documents whose
    /// part is byte-identical, like the style sheets.
    /// </summary>
    public T ReadRelated<T>(string type, Func<XmlScanner?, T> read)
        where T : class =>
        Shared(_related.GetValueOrDefault(type), type, () =>
        {
            using var reader = Related(type);
            return read(reader);
        });

    private static readonly PartCache<object> SharedReads = new(256);

    /// <summary>
    /// <paramref name="read"/>'s result for the part at <paramref name="path"/>, kept by the part's fingerprint and
    /// <paramref name="purpose"/>: generators write the same relationships and comments parts into every file, so a
    /// batch reads each such part once. Results must not be changed by callers.
    /// </summary>
    private T Shared<T>(string? path, string purpose, Func<T> read)
        where T : class
    {
        if (path is null || _zip.GetEntry(path) is not { } entry)
        {
            return read();
        }

        return (T)SharedReads.GetOrAdd(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{purpose} {entry.Crc32:x8}/{entry.Length}"), read);
    }

    /// <summary>Relationship type suffix to target path; shared, so read-only to callers.</summary>
    private Dictionary<string, string> Relationships(string relsPath, string baseFolder) =>
        Shared(relsPath, "rels " + baseFolder, () => ReadRelationships(relsPath, baseFolder));

    private Dictionary<string, string> ReadRelationships(string relsPath, string baseFolder)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = Open(relsPath);
        if (reader is null)
        {
            return result;
        }

        while (reader.Read())
        {
            if (reader.NodeType == XmlNode.Element && reader.LocalName is "Relationship" && reader.NamespaceURI == R
                && reader.GetAttribute("Type") is { } type && reader.GetAttribute("Target") is { } target
                && reader.GetAttribute("TargetMode") != "External")
            {
                var kind = type[(type.LastIndexOf('/') + 1)..];
                result.TryAdd(kind, Resolve(baseFolder, target));
            }
        }

        return result;
    }

    private static string Resolve(string baseFolder, string target)
    {
        var path = target.StartsWith('/') ? target[1..] : baseFolder + target;
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>Latin typefaces of the theme's minor and major fonts, for runs that name a theme font.</summary>
    public (string? Minor, string? Major) ThemeFonts()
    {
        using var reader = Related("theme");
        if (reader is null)
        {
            return (null, null);
        }

        string? minor = null, major = null, current = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNode.Element || reader.NamespaceURI != A)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "minorFont":
                    current = "minorFont";
                    break;
                case "majorFont":
                    current = "majorFont";
                    break;
                case "latin" when current is not null:
                    if (current == "minorFont")
                    {
                        minor ??= reader.GetAttribute("typeface");
                    }
                    else
                    {
                        major ??= reader.GetAttribute("typeface");
                    }

                    break;
            }
        }

        return (minor, major);
    }

    public static string? Val(XmlScanner reader) => reader.GetAttribute("val", W);

    /// <summary>OOXML on/off values: absent val means on.</summary>
    public static bool OnOff(XmlScanner reader) => OnOff(Val(reader));

    public static bool OnOff(string? val) => val is not ("0" or "false" or "off");

    public static int? Int(XmlScanner reader, string name = "val") => Int(reader.GetAttribute(name, W));

    public static int? Int(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
