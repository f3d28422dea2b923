using System.IO.Compression;
using System.Text;
using System.Xml;
using DanVan.Core;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

/// <summary>
/// The hand-written <see cref="XmlScanner"/> reads what .NET's XmlReader reads, so it can be changed safely: the same
/// elements, end elements, depths, namespaces, attributes and text, over every part of every .docx fixture and a
/// generated corpus; and the same verdict — read or refused — on malformed, DOCTYPE and entity input.
/// </summary>
public sealed class XmlScannerParityTests
{
    private static readonly string FixtureRoot = DanVan.Tests.Fixtures.Root();

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = 40_000_000,
    };

    /// <summary>Elements whose text is read (Word's w:t and the corpus's t): the rest is walked as elements.</summary>
    private static bool IsText(string localName) => localName is "t" or "instrText" or "delText";

    public static TheoryData<string> DocxParts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(FixtureRoot, "*.docx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                using var zip = ZipFile.OpenRead(file);
                foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName.EndsWith(".rels", StringComparison.Ordinal)))
                {
                    if (entry.Length < 20_000_000)
                    {
                        data.Add($"{Path.GetRelativePath(FixtureRoot, file)}!{entry.FullName}");
                    }
                }
            }
            catch (InvalidDataException)
            {
                // not-a-zip.docx, truncated.docx: the package reader's tests cover them.
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocxParts))]
    public void EveryFixturePart_SameAsXmlReader(string part)
    {
        var bang = part.IndexOf('!', StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(Path.Combine(FixtureRoot, part[..bang]));
        using var stream = zip.GetEntry(part[(bang + 1)..])!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);

        var (expected, actual) = Both(buffer.ToArray());

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void GeneratedCorpus_SameAsXmlReader()
    {
        var random = new Random(20261206);
        for (var i = 0; i < 400; i++)
        {
            var xml = Generate(random);
            var bytes = Encoding.UTF8.GetBytes(xml);

            var (expected, actual) = Both(bytes);

            // A generated document may still be refused (two prefixes bound to one namespace give an attribute twice):
            // then both must refuse it, wherever each noticed.
            var refused = (expected.StartsWith("refused", StringComparison.Ordinal), actual.StartsWith("refused", StringComparison.Ordinal));
            Assert.True(refused is (true, true) || expected == actual, $"document {i}:\n{xml}\nXmlReader: {expected}\nXmlScanner: {actual}");
        }
    }

    [Fact]
    public void MutatedCorpus_SameVerdictAsXmlReader()
    {
        var random = new Random(7);
        var disagreements = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            var xml = Mutate(Generate(random), random);
            var bytes = Encoding.UTF8.GetBytes(xml);

            var (expected, actual) = Both(bytes);

            if (expected.StartsWith("refused", StringComparison.Ordinal) != actual.StartsWith("refused", StringComparison.Ordinal))
            {
                disagreements.Add($"=== {xml}\n  XmlReader: {Last(expected)}\n  XmlScanner: {Last(actual)}");
            }
            else if (!expected.StartsWith("refused", StringComparison.Ordinal))
            {
                Assert.Equal(expected, actual);
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of 1500 differ:\n" + string.Join("\n", disagreements.Take(60)));
    }

    [Theory]
    [InlineData("""<!DOCTYPE r [<!ENTITY x "boom">]><r><t>&x;</t></r>""")]
    [InlineData("""<!DOCTYPE r SYSTEM "http://127.0.0.1/evil.dtd"><r/>""")]
    [InlineData("""<r><t>&x;</t></r>""")]
    [InlineData("""<r><t>&#0;</t></r>""")]
    [InlineData("""<r><t>&#xD800;</t></r>""")]
    [InlineData("""<r a="1" a="2"/>""")]
    [InlineData("""<r><p:a/></r>""")]
    [InlineData("""<r><a></b></r>""")]
    [InlineData("""<r></r><r/>""")]
    [InlineData("""<r>""")]
    [InlineData("""<r a="<"/>""")]
    [InlineData("""<r><t>]]></t></r>""")]
    [InlineData("""<r xmlns:p=""><p:a/></r>""")]
    [InlineData("""<1r/>""")]
    [InlineData("""text<r/>""")]
    [InlineData("""<r><!-- a -- b --></r>""")]
    [InlineData("""<?xml version="1.0"?><?xml version="1.0"?><r/>""")]
    [InlineData("""<r xmlns:xml="urn:other"/>""")]
    public void HostileOrMalformed_RefusedLikeXmlReader(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);

        var (expected, actual) = Both(bytes);

        Assert.StartsWith("refused", expected, StringComparison.Ordinal);
        Assert.StartsWith("refused", actual, StringComparison.Ordinal);
    }

    private static string Last(string trace) => trace.Length > 200 ? "…" + trace[^200..] : trace;

    private static (string Expected, string Actual) Both(byte[] bytes)
    {
        var names = new List<List<(string Namespace, string Local)>>();
        return (WithXmlReader(bytes, names), WithScanner(bytes, names));
    }

    /// <summary>What XmlReader reads; <paramref name="names"/> gets each element's attribute names, in document order.</summary>
    private static string WithXmlReader(byte[] bytes, List<List<(string Namespace, string Local)>> names)
    {
        var trace = new StringBuilder();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), Settings);
            var more = reader.Read();
            while (more)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    trace.Append('<').Append(reader.Depth).Append(' ').Append(reader.NamespaceURI).Append(':').Append(reader.LocalName);
                    var empty = reader.IsEmptyElement;
                    var attributes = new List<string>();
                    var named = new List<(string, string)>();
                    for (var more2 = reader.MoveToFirstAttribute(); more2; more2 = reader.MoveToNextAttribute())
                    {
                        if (reader.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                        {
                            attributes.Add($"{reader.NamespaceURI}:{reader.LocalName}={reader.Value}");
                            named.Add((reader.NamespaceURI, reader.LocalName));
                        }
                    }

                    names.Add(named);

                    reader.MoveToElement();
                    attributes.Sort(StringComparer.Ordinal);
                    trace.Append(' ').AppendJoin(' ', attributes).Append(empty ? "/>" : ">").Append('\n');
                    if (IsText(reader.LocalName))
                    {
                        trace.Append("text ").Append(reader.ReadElementContentAsString()).Append('\n');
                        more = !reader.EOF;
                        continue;
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement)
                {
                    trace.Append("</").Append(reader.Depth).Append(' ').Append(reader.NamespaceURI).Append(':').Append(reader.LocalName).Append('\n');
                }

                more = reader.Read();
            }

            return trace.ToString();
        }
        catch (XmlException)
        {
            return "refused after " + trace;
        }
    }

    /// <summary>
    /// What the scanner reads. It has no attribute list: each element's values are asked for by the names XmlReader
    /// found on the same element, so a value missing or read differently shows as a difference.
    /// </summary>
    private static string WithScanner(byte[] bytes, List<List<(string Namespace, string Local)>> names)
    {
        var trace = new StringBuilder();
        var element = 0;
        try
        {
            using var reader = XmlScanner.Create(bytes);
            var more = reader.Read();
            while (more)
            {
                var name = reader.LocalName.ToString();
                if (reader.NodeType == DanVan.Core.Word.XmlNode.Element)
                {
                    trace.Append('<').Append(reader.Depth).Append(' ').Append(reader.NamespaceURI).Append(':').Append(name);
                    var attributes = (element < names.Count ? names[element] : [])
                        .Select(a => $"{a.Namespace}:{a.Local}={reader.GetAttribute(a.Local, a.Namespace)}").Order(StringComparer.Ordinal);
                    element++;
                    trace.Append(' ').AppendJoin(' ', attributes).Append(reader.IsEmptyElement ? "/>" : ">").Append('\n');
                    if (IsText(name))
                    {
                        var text = new StringBuilder();
                        reader.AppendElementContent(text);
                        trace.Append("text ").Append(text).Append('\n');
                        more = !reader.EOF;
                        continue;
                    }
                }
                else
                {
                    trace.Append("</").Append(reader.Depth).Append(' ').Append(reader.NamespaceURI).Append(':').Append(name).Append('\n');
                }

                more = reader.Read();
            }

            return trace.ToString();
        }
        catch (DocumentImportException ex) when (ex.Failure == ImportFailure.Corrupt)
        {
            return "refused after " + trace;
        }
    }

    private static readonly string[] Names = ["a", "b", "p", "r", "t", "tbl", "tc", "rPr", "sz", "val"];
    private static readonly string[] Prefixes = ["w", "r", "m"];
    private static readonly string[] Uris = ["urn:w", "urn:r", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"];
    private static readonly string[] Texts =
    [
        "Trà Tân", "a &amp; b", "&lt;x&gt;", "&#x1EA1;&#7897;", "  spaced  ", "line\r\nend", "tab\there", "&quot;q&apos;", "",
        "<![CDATA[raw & <kept>]]>", "Ủy ban nhân dân", "x<!-- note -->y", "a<?pi data?>b", " \t\r\n ",
        // A paragraph far longer than any buffer a reader might fill in steps, with references across its length.
        string.Concat(Enumerable.Repeat("Dân vận khéo &amp; &#x1EA1;&#7897; <![CDATA[x]]>\r\n", 4000)),
    ];

    private static string Generate(Random random)
    {
        var xml = new StringBuilder();
        if (random.Next(3) == 0)
        {
            xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
        }

        xml.Append("<root");
        var bound = new List<string>();
        foreach (var i in Enumerable.Range(0, Prefixes.Length).Where(_ => random.Next(2) == 0))
        {
            xml.Append(" xmlns:").Append(Prefixes[i]).Append("=\"").Append(Uris[i]).Append('"');
            bound.Add(Prefixes[i]);
        }

        if (random.Next(3) == 0)
        {
            xml.Append(" xmlns=\"urn:default\"");
        }

        xml.Append('>');
        Children(xml, random, bound, depth: 1);
        xml.Append("</root>");
        return xml.ToString();
    }

    private static void Children(StringBuilder xml, Random random, List<string> bound, int depth)
    {
        for (var n = random.Next(depth > 4 ? 1 : 4); n >= 0; n--)
        {
            if (random.Next(4) == 0)
            {
                xml.Append(random.Next(2) == 0 ? "\n  " : "<!-- c -->");
            }

            var prefix = bound.Count > 0 && random.Next(3) > 0 ? bound[random.Next(bound.Count)] + ":" : "";
            var name = prefix + Names[random.Next(Names.Length)];
            xml.Append('<').Append(name);
            var rebound = new List<string>(bound);
            if (random.Next(6) == 0)
            {
                var p = Prefixes[random.Next(Prefixes.Length)];
                xml.Append(" xmlns:").Append(p).Append("=\"").Append(Uris[random.Next(Uris.Length)]).Append('"');
                if (!rebound.Contains(p))
                {
                    rebound.Add(p);
                }
            }

            var used = new HashSet<string>();
            for (var a = random.Next(3); a > 0; a--)
            {
                var attributePrefix = rebound.Count > 0 && random.Next(2) == 0 ? rebound[random.Next(rebound.Count)] + ":" : "";
                var attribute = attributePrefix + Names[random.Next(Names.Length)];
                if (used.Add(attribute) && (attributePrefix.Length > 0 || used.Add(":" + attribute)))
                {
                    var quote = random.Next(2) == 0 ? '"' : '\'';
                    xml.Append(' ').Append(attribute).Append('=').Append(quote).Append(random.Next(4) switch
                    {
                        0 => "1",
                        1 => "a &amp; b &#x41;",
                        2 => "Trà Tân",
                        _ => "x\ty\nz",
                    }).Append(quote);
                }
            }

            if (name.EndsWith(":t", StringComparison.Ordinal) || name == "t")
            {
                xml.Append('>').Append(Texts[random.Next(Texts.Length)]).Append("</").Append(name).Append('>');
            }
            else if (random.Next(3) == 0 || depth > 6)
            {
                xml.Append(random.Next(2) == 0 ? "/>" : " />");
            }
            else
            {
                xml.Append('>');
                Children(xml, random, rebound, depth + 1);
                xml.Append("</").Append(name).Append('>');
            }
        }
    }

    private static string Mutate(string xml, Random random)
    {
        var chars = new StringBuilder(xml);
        for (var m = random.Next(1, 3); m > 0 && chars.Length > 1; m--)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(5))
            {
                case 0:
                    chars.Remove(at, 1);
                    break;
                case 1:
                    chars.Insert(at, "<>&\"'=/!?;#x:-]"[random.Next(15)]);
                    break;
                case 2:
                    chars.Length = at;
                    break;
                case 3:
                    (chars[at], chars[random.Next(chars.Length)]) = (chars[random.Next(chars.Length)], chars[at]);
                    break;
                default:
                    chars.Insert(at, "&#x0;&bogus;<!DOCTYPE x>]]>"[random.Next(4)..][..random.Next(1, 6)]);
                    break;
            }
        }

        return chars.ToString();
    }
}
