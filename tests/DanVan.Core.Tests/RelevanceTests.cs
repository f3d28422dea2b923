using DanVan.Core.Search;

namespace DanVan.Tests;

/// <summary>What BM25 counts in a folded text: whole words, words in a row, the last one as a prefix, cited documents.</summary>
public sealed class RelevanceTests
{
    [Fact]
    public void Score_WordInsideAnotherWord_NotCounted()
    {
        var scores = Relevance.Score(["xdan danx ydanz", "noi dung dan"], SearchQuery.Parse("\"dan\""));

        Assert.Equal(0, scores[0]);
        Assert.True(scores[1] > 0);
    }

    [Fact]
    public void Score_PhraseAndPrefix_CountWordsInARowAndWordStarts()
    {
        var query = SearchQuery.Parse("\"hoa giai\" ca");

        var scores = Relevance.Score(["to hoa giai co so", "hoa to giai", "hoa giai hoa giai ca nhan", "hoa giai xca"], query);

        Assert.True(scores[0] > 0);
        Assert.Equal(0, scores[1]);
        Assert.True(scores[2] > scores[0], "two phrases and a word starting with the prefix");
        Assert.True(scores[3] > 0 && scores[3] < scores[2], "\"xca\" does not start with \"ca\"");
    }

    [Fact]
    public void Score_Citation_CountsItsTokenAndItsWordsAsWritten()
    {
        var token = SearchText.CitationToken("33/CT-TTg");

        var scores = Relevance.Score([$"theo {token} cua thu tuong", "chi thi 33 ct ttg", "chi thi 34 ct ttg", ""], SearchQuery.Parse("33/CT-TTg"));

        Assert.True(scores[0] > 0);
        Assert.True(scores[1] > 0);
        Assert.Equal(0, scores[2]);
        Assert.Equal(0, scores[3]);
    }
}
