using System.Text;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

/// <summary>The scanner's way to skip an element whose text was read before (used for list definitions).</summary>
public sealed class XmlScannerTests
{
    private static XmlScanner Scan(string xml) => XmlScanner.Create(Encoding.UTF8.GetBytes(xml));

    private static void ReadTo(XmlScanner reader, string localName)
    {
        while (reader.Read() && !(reader.NodeType == XmlNode.Element && reader.LocalName.SequenceEqual(localName)))
        {
        }
    }

    [Fact]
    public void SkipReadElement_AfterElementText_LandsOnTheElementsEndAndReadsOn()
    {
        using var reader = Scan("""<r xmlns:w="urn:w"><w:a x="1"><w:b/><w:a2>t</w:a2></w:a><w:c/></r>""");
        ReadTo(reader, "a");

        var text = reader.ElementText(1000);
        reader.SkipReadElement(text.Length);

        Assert.Equal("""<w:a x="1"><w:b/><w:a2>t</w:a2></w:a>""", text.ToString());
        Assert.Equal((XmlNode.EndElement, "a", 1), (reader.NodeType, reader.LocalName.ToString(), reader.Depth));
        Assert.True(reader.Read());
        Assert.Equal(("c", "urn:w"), (reader.LocalName.ToString(), reader.NamespaceURI));
    }

    [Fact]
    public void AppendElementContent_TextAndCData_LineEndsNormalisedReferencesResolvedOutsideCData()
    {
        using var reader = Scan("<r><t>a&amp;b&#x41;\r\nc\rd<![CDATA[x&amp;\r\ny\rz]]>e</t><u/></r>");
        ReadTo(reader, "t");
        var text = new StringBuilder("[");

        reader.AppendElementContent(text);

        Assert.Equal("[a&bA\nc\ndx&amp;\ny\nze", text.ToString());
        Assert.Equal((XmlNode.Element, "u"), (reader.NodeType, reader.LocalName.ToString()));
    }

    [Theory]
    [InlineData("""<r><a><b/></a ></r>""", 1000)]
    [InlineData("""<r><a><b/></a></r>""", 5)]
    public void ElementText_EndTagWithSpaceOrBeyondTheLimit_Empty(string xml, int maxLength)
    {
        using var reader = Scan(xml);
        ReadTo(reader, "a");

        Assert.True(reader.ElementText(maxLength).IsEmpty);
    }

    [Fact]
    public void Scope_SameTextUnderAnotherBindingOfItsPrefix_Differs()
    {
        using var main = Scan("""<r xmlns:w="urn:main"><w:a/></r>""");
        using var other = Scan("""<r xmlns:w="urn:other"><w:a/></r>""");
        ReadTo(main, "a");
        ReadTo(other, "a");

        Assert.NotEqual(main.Scope, other.Scope);
    }
}
