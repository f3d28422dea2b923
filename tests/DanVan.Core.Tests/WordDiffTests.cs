using DanVan.Core.Text;

namespace DanVan.Tests;

public sealed class WordDiffTests
{
    private static string Show(IReadOnlyList<DiffPiece> pieces) => string.Concat(pieces.Select(p => p.Kind switch
    {
        DiffKind.Deleted => $"[-{p.Text}-]",
        DiffKind.Inserted => $"{{+{p.Text}+}}",
        _ => p.Text,
    }));

    [Theory]
    [InlineData("Tiếp 9 lượt công dân.", "Tiếp 12 lượt công dân.", "Tiếp [-9-]{+12+} lượt công dân.")]
    [InlineData("Tổ chức hội nghị.", "Tổ chức 02 hội nghị.", "Tổ chức {+02 +}hội nghị.")]
    [InlineData("Đã giải quyết 2 đơn, đạt 66,7%.", "Đã giải quyết 2 đơn.", "Đã giải quyết 2 đơn[-, đạt 66,7%-].")]
    [InlineData("tiếp công dân định kỳ", "tiếp công dân đột xuất và định kỳ", "tiếp công dân {+đột xuất và +}định kỳ")]
    [InlineData("Dân vận khéo", "Dân vận khéo", "Dân vận khéo")]
    [InlineData("", "Mục mới.", "{+Mục mới.+}")]
    [InlineData("Mục cũ.", "", "[-Mục cũ.-]")]
    [InlineData("Đoạn một.\nĐoạn hai.", "Đoạn một.", "Đoạn một.[-\nĐoạn hai.-]")]
    [InlineData("Đoạn hai.", "Đoạn một.\nĐoạn hai.", "{+Đoạn một.\n+}Đoạn hai.")]
    public void Compare_VietnameseSentence_ShowsTheWordsThatChanged(string before, string after, string expected)
    {
        var pieces = WordDiff.Compare(before, after);

        Assert.Equal(expected, Show(pieces));
        Assert.Equal(before, string.Concat(pieces.Where(p => p.Kind != DiffKind.Inserted).Select(p => p.Text)));
        Assert.Equal(after, string.Concat(pieces.Where(p => p.Kind != DiffKind.Deleted).Select(p => p.Text)));
    }

    [Fact]
    public void Compare_PhraseReplaced_OneRemovalThenOneAdditionNotWordByWordFragments()
    {
        var pieces = WordDiff.Compare("Kết quả đạt được còn hạn chế.", "Kết quả vượt kế hoạch đề ra.");

        Assert.Equal("Kết quả [-đạt được còn hạn chế-]{+vượt kế hoạch đề ra+}.", Show(pieces));
    }

    [Fact]
    public void Compare_ParagraphAddedBetweenOthers_UnchangedParagraphsKeptWhole()
    {
        var before = "Đoạn một.\nĐoạn ba.";
        var after = "Đoạn một.\nĐoạn hai mới.\nĐoạn ba.";

        var pieces = WordDiff.Compare(before, after);

        Assert.Equal("Đoạn một.\n{+Đoạn hai mới.\n+}Đoạn ba.", Show(pieces));
        Assert.Equal(after, string.Concat(pieces.Where(p => p.Kind != DiffKind.Deleted).Select(p => p.Text)));
        Assert.Equal(before, string.Concat(pieces.Where(p => p.Kind != DiffKind.Inserted).Select(p => p.Text)));
    }

    [Fact]
    public void Compare_WholeSectionRewrittenAtTheLimit_AnsweredInBoundedTime()
    {
        // 100,000 characters of words against as many different ones: far past the table limit.
        var before = string.Join(' ', Enumerable.Range(0, 14_000).Select(i => $"a{i}"));
        var after = string.Join(' ', Enumerable.Range(0, 14_000).Select(i => $"b{i}"));

        var pieces = WordDiff.Compare(before, after);

        Assert.Equal(before, string.Concat(pieces.Where(p => p.Kind != DiffKind.Inserted).Select(p => p.Text)));
        Assert.Equal(after, string.Concat(pieces.Where(p => p.Kind != DiffKind.Deleted).Select(p => p.Text)));
    }
}
