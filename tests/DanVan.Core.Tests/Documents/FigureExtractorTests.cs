using DanVan.Core.Import;
using DanVan.Core.Reports;
using DanVan.Core.Word;

namespace DanVan.Tests.Documents;

public sealed class FigureExtractorTests
{
    [Fact]
    public void FromTables_RowsWithNameAndNumber_SkipsHeaderAndIndexColumn()
    {
        var report = new ImportedReport
        {
            Sections =
            [
                new ImportedSection
                {
                    Tables =
                    [
                        [["Chỉ tiêu", "Số lượng", "Đơn vị tính"], ["Số buổi tiếp công dân", "12", "buổi"], ["Lượt người dự", "1.250", "lượt"]],
                        [["STT", "Nội dung", "Kết quả"], ["1", "Mô hình Dân vận khéo", "4"], ["2", "Tỷ lệ giải quyết", "87,5%"]],
                    ],
                },
            ],
        };

        var figures = FigureExtractor.FromTables(report);

        Assert.Equal(
            [new FigureInput("Số buổi tiếp công dân", 12, "buổi"), new FigureInput("Lượt người dự", 1250, "lượt"), new FigureInput("Mô hình Dân vận khéo", 4, ""), new FigureInput("Tỷ lệ giải quyết", 87.5m, "")],
            figures);
    }

    [Theory]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("12", 12)]
    [InlineData(" 3 ", 3)]
    public void TryNumber_VietnameseNotation(string text, double expected)
    {
        Assert.True(FigureExtractor.TryNumber(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("12 buổi")]
    [InlineData("ngày 27/2")]
    [InlineData("")]
    public void TryNumber_NotANumber_False(string text) => Assert.False(FigureExtractor.TryNumber(text, out _));
}
