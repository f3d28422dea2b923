using DanVan.Core.Consolidation;

namespace DanVan.Tests;

public sealed class NearDuplicateTests
{
    private const string Directive = "Tuyên truyền, phổ biến Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ đến toàn thể cán bộ, công chức, viên chức và người lao động.";

    [Fact]
    public void Group_IdenticalTextFromManyUnits_OneSharedGroupWithEveryUnit()
    {
        var groups = NearDuplicates.Group(Enumerable.Range(0, 200).Select(u => new UnitSentence(u, Directive)).ToList());

        var group = Assert.Single(groups);
        Assert.True(group.Shared);
        Assert.Equal(Directive, group.Text);
        Assert.Equal(200, group.Units.Count);
    }

    [Fact]
    public void Group_LightEdits_SharedWithTheMostCommonWording()
    {
        var edited = Directive.Replace("đến toàn thể", "tới toàn thể", StringComparison.Ordinal);
        var spaced = Directive.Replace(", ", " ,  ", StringComparison.Ordinal);
        List<UnitSentence> sentences = [new(0, Directive), new(1, Directive), new(2, edited), new(3, spaced), new(4, Directive + " ")];

        var group = Assert.Single(NearDuplicates.Group(sentences));

        Assert.True(group.Shared);
        Assert.Equal(Directive, group.Text);
        Assert.Equal([0, 1, 2, 3, 4], group.Units);
    }

    [Fact]
    public void Group_SameSentenceWithEachUnitsNumbers_EveryUnitsFactKept()
    {
        List<UnitSentence> sentences =
        [
            new(0, "Tổ chức 3 buổi tiếp công dân với 24 lượt người; tiếp nhận 5 đơn thư, đã giải quyết 4 đơn."),
            new(1, "Tổ chức 4 buổi tiếp công dân với 31 lượt người; tiếp nhận 2 đơn thư, đã giải quyết 2 đơn."),
            new(2, "Tổ chức 1 buổi tiếp công dân với 9 lượt người; tiếp nhận 0 đơn thư, đã giải quyết 0 đơn."),
            new(3, "Tổ chức 3 buổi tiếp công dân với 12 lượt người; tiếp nhận 1 đơn thư, đã giải quyết 1 đơn."),
        ];

        var groups = NearDuplicates.Group(sentences);

        Assert.Equal(4, groups.Count);
        Assert.All(groups, g => Assert.False(g.Shared));
        Assert.Equal(sentences.Select(s => s.Text).Order(), groups.Select(g => g.Text).Order());
        Assert.Equal([0, 1, 2, 3], groups.Select(g => g.Units.Single()).Order());
    }

    [Fact]
    public void Group_CopiedCitationWithOneTypo_TypoKeptAsThatUnitsOwn()
    {
        var typo = Directive.Replace("26/11/2021", "26/112021", StringComparison.Ordinal);
        var sentences = Enumerable.Range(0, 5).Select(u => new UnitSentence(u, Directive)).Append(new UnitSentence(5, typo)).ToList();

        var groups = NearDuplicates.Group(sentences);

        var shared = Assert.Single(groups, g => g.Shared);
        Assert.Equal([0, 1, 2, 3, 4], shared.Units);
        var own = Assert.Single(groups, g => !g.Shared);
        Assert.Equal((typo, 5), (own.Text, own.Units.Single()));
    }

    [Fact]
    public void Group_UnitsOwnNames_MaskedAndSharedWithAPlaceholder()
    {
        string[][] names = [["UBND xã An Bình", "An Bình"], ["UBND xã Tân Lộc", "Tân Lộc"], ["UBND xã Hòa Phú", "Hòa Phú"]];
        var sentences = names.Select((n, u) => new UnitSentence(u, $"{n[0]} đã quán triệt kế hoạch công tác dân vận chính quyền đến cán bộ, công chức.")).ToList();

        var group = Assert.Single(NearDuplicates.Group(sentences, u => names[u]));

        Assert.True(group.Shared);
        Assert.Equal($"{NearDuplicates.OwnNamePlaceholder} đã quán triệt kế hoạch công tác dân vận chính quyền đến cán bộ, công chức.", group.Text);
    }

    [Fact]
    public void Group_OtherPlacesNamed_KeptPerUnit()
    {
        List<UnitSentence> sentences =
        [
            new(0, "Đăng ký mô hình \"Dân vận khéo\" tại thôn Phú Lợi trong xây dựng nông thôn mới."),
            new(1, "Đăng ký mô hình \"Dân vận khéo\" tại thôn Minh Tiến trong xây dựng nông thôn mới."),
            new(2, "Đăng ký mô hình \"Dân vận khéo\" tại tổ dân phố Gia Hội trong xây dựng nông thôn mới."),
        ];

        var groups = NearDuplicates.Group(sentences);

        Assert.Equal(3, groups.Count(g => !g.Shared));
    }

    [Fact]
    public void Group_UnrelatedSentences_NotGrouped()
    {
        List<UnitSentence> sentences =
        [
            new(0, Directive),
            new(1, "Phối hợp chặt chẽ với Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội trong tuyên truyền, vận động Nhân dân."),
            new(2, "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa và trên cổng thông tin điện tử."),
        ];

        var groups = NearDuplicates.Group(sentences);

        Assert.Equal(3, groups.Count);
        Assert.All(groups, g => Assert.Single(g.Units));
    }

    [Fact]
    public void Sentences_SplitsAtSentenceEndsAndLines_NotAfterAbbreviations()
    {
        var text = "Tổ chức hội nghị tại TP. Hồ Chí Minh ngày 05/3/2025. Kết quả tốt.\n  Đã ban hành 02 văn bản  chỉ đạo.";

        Assert.Equal(["Tổ chức hội nghị tại TP. Hồ Chí Minh ngày 05/3/2025.", "Kết quả tốt.", "Đã ban hành 02 văn bản chỉ đạo."], NearDuplicates.Sentences(text));
    }
}
