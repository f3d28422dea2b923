using DanVan.Core.Search;

namespace DanVan.Tests;

public sealed class SearchQueryTests
{
    [Fact]
    public void Parse_PlainWords_AndedWithLastAsPrefix()
    {
        var query = SearchQuery.Parse("Dân vận khé");

        Assert.Equal("(\"dan\" AND \"van\" AND \"khe\" *)", query.ToFts5());
        Assert.Equal("('dan') & ('van') & ('khe':*)", query.ToTsQuery());
    }

    [Fact]
    public void Parse_NoncharacterOrHalfASurrogate_Ignored() =>
        Assert.Equal(SearchQuery.Parse("Dân vận khé").ToFts5(), SearchQuery.Parse("Dân\uFFFE vận" + '\uD800' + " khé").ToFts5());

    [Fact]
    public void Parse_PhraseExclusionAndCitation_BuildsEachEngineSyntax()
    {
        var query = SearchQuery.Parse("\"tiếp công dân\" 33/CT-TTg -\"đơn thư\" -Đảng");
        var token = SearchText.CitationToken("33/CT-TTg");

        Assert.Equal($"(\"tiep cong dan\" AND (\"{token}\" OR \"33 ct ttg\")) NOT (\"don thu\" OR \"dang\")", query.ToFts5());
        Assert.Equal($"('tiep' <-> 'cong' <-> 'dan') & ('{token}' | ('33' <-> 'ct' <-> 'ttg')) & !(('don' <-> 'thu') | ('dang'))", query.ToTsQuery());
    }

    [Theory]
    [InlineData("\"dân vận", "(\"dan\" AND \"van\" *)")]
    [InlineData("dân OR vận", "(\"dan\" AND \"or\" AND \"van\" *)")]
    [InlineData("NEAR(dân*) ^x", "(\"near dan\" AND \"x\")")]
    [InlineData("'; DROP TABLE x; --", "(\"drop\" AND \"table\" AND \"x\")")]
    public void Parse_Syntax_DegradesToPlainWords(string text, string fts5)
    {
        Assert.Equal(fts5, SearchQuery.Parse(text).ToFts5());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*** ;;; ---")]
    [InlineData("-dân -vận")]
    public void Parse_NothingToFind_IsEmpty(string text)
    {
        Assert.True(SearchQuery.Parse(text).IsEmpty);
    }

    [Fact]
    public void Parse_LongJunk_KeepsABoundedNumberOfTerms()
    {
        var query = SearchQuery.Parse(string.Concat(Enumerable.Repeat("ab cd ", 5000)));

        Assert.Equal(SearchQuery.MaxTerms, query.Include.Count);
    }

    [Fact]
    public void ForIndex_FoldsWordsAndAddsCitationTokens()
    {
        var folded = SearchText.ForIndex("Đảng ủy quán triệt Chỉ thị số 33/CT-TTg, “Dân vận khéo”!");

        Assert.Equal($"dang uy quan triet chi thi so 33 ct ttg dan van kheo {SearchText.CitationToken("33 / CT-TTg")}", folded);
    }

    [Fact]
    public void ToHtml_ReportText_IsEscaped()
    {
        var html = Snippet.ToHtml([new SnippetPart("<script>alert(1)</script> ", false), new SnippetPart("Dân", true)]);

        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; <mark>Dân</mark>", html);
    }
}
