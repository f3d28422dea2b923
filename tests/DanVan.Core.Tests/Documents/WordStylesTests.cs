using System.IO.Compression;
using System.Text;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

/// <summary>What runs and paragraphs inherit through styles.xml: each property from the nearest style in the basedOn chain that sets it.</summary>
public sealed class WordStylesTests
{
    private const string Styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
          <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
          <w:style w:type="paragraph" w:styleId="Grand"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="7"/></w:numPr></w:pPr><w:rPr><w:rFonts w:hAnsi=".VnTime"/><w:b/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="Parent"><w:basedOn w:val="Grand"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr><w:rPr><w:b w:val="0"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="Child"><w:basedOn w:val="Parent"/></w:style>
          <w:style w:type="paragraph" w:styleId="Titled"><w:name w:val="Heading 3"/><w:basedOn w:val="Grand"/></w:style>
          <w:style w:type="character" w:styleId="Strong"><w:rPr><w:rFonts w:hAnsi="VNI-Times"/><w:b/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>
          <w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/><w:rPr><w:b/></w:rPr></w:style>
        </w:styles>
        """;

    private static readonly WordStyles Sheet = Load();

    [Fact]
    public void Child_TakesEachPropertyFromTheNearestStyleThatSetsIt()
    {
        Assert.Equal(".VnTime", Sheet.RunFont(null, null, "Child"));
        Assert.False(Sheet.RunBold(null, null, "Child"));
        Assert.Null(Sheet.OutlineLevel("Child"));
        Assert.Equal((7, 2), Sheet.Numbering("Child"));
    }

    [Fact]
    public void HeadingName_GivesTheOutlineLevel_UnlessANearerStyleSetsOne()
    {
        Assert.Equal(0, Sheet.OutlineLevel("Grand"));
        Assert.Equal(2, Sheet.OutlineLevel("Titled"));
        Assert.Null(Sheet.OutlineLevel("Parent"));
    }

    [Fact]
    public void RunStyle_ComesBeforeTheParagraphStyle_DirectFormattingBeforeBoth()
    {
        Assert.Equal("VNI-Times", Sheet.RunFont(null, "Strong", "Child"));
        Assert.True(Sheet.RunBold(null, "Strong", "Child"));
        Assert.False(Sheet.RunBold(false, "Strong", "Child"));
        Assert.Equal("Arial", Sheet.RunFont(new RunFonts("Arial", null, null), "Strong", "Child"));
    }

    [Fact]
    public void NoStyle_UsesTheDefaultParagraphStyleAndTheDocumentDefaults()
    {
        Assert.Equal("Times New Roman", Sheet.RunFont(null, null, null));
        Assert.Equal("Times New Roman", Sheet.RunFont(null, "Missing", "Missing"));
        Assert.False(Sheet.RunBold(null, null, null));
        Assert.Null(Sheet.Numbering(null));
    }

    [Fact]
    public void BasedOnCycle_Ends() => Assert.True(Sheet.RunBold(null, null, "LoopA"));

    private static WordStyles Load()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "_rels/.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            Add(archive, "word/_rels/document.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
            Add(archive, "word/document.xml", """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>""");
            Add(archive, "word/styles.xml", Styles);
        }

        zip.Position = 0;
        using var package = new ZipArchive(zip, ZipArchiveMode.Read);
        return WordStyles.For(new WordPackage(package));
    }

    private static void Add(ZipArchive archive, string name, string text)
    {
        using var part = archive.CreateEntry(name).Open();
        part.Write(Encoding.UTF8.GetBytes(text));
    }
}
