using DanVan.Core.Consolidation;
using DanVan.Core.Decree30;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using DanVan.Core.Word;

namespace DanVan.Tests;

/// <summary>The pure drafting of a consolidated report: a synthesis within the page budget, with every sentence traced.</summary>
public sealed class ConsolidatorTests
{
    private const string Directive = "Tuyên truyền, phổ biến Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ đến toàn thể cán bộ, công chức.";

    [Fact]
    public void Build_LikeFactsInDifferentWordings_OneSentenceSummedPerMeasureWithTheNumberOfUnits()
    {
        string[] wordings =
        [
            "Tổ chức 02 buổi đối thoại với Nhân dân tại thôn Phú Lợi.",
            "Đã tổ chức 3 hội nghị đối thoại trực tiếp với người dân, có 1.200 lượt người tham dự.",
            "Đối thoại với nhân dân: 1 cuộc, 120 lượt người.",
            "Triển khai tốt quy chế dân chủ ở cơ sở.",
        ];
        var content = Consolidator.Build(Input(4, (unit, _) => wordings[unit], key: "I.8"));

        var part = Assert.Single(Section(content, "I.8").Parts, p => p.Kind == PartKind.Aggregate);
        Assert.Equal("3/4 đơn vị tổ chức đối thoại với Nhân dân, tổng cộng 6 buổi, 1.320 lượt người tham dự.", part.Text);
        Assert.Equal(["X0", "X1", "X2"], part.Units);
        Assert.All(part.Quantities!, q => Assert.Equal(q.Value, q.Sources.Sum(s => s.Value)));
        Assert.Equal([("buổi", 6m), ("lượt", 1320m)], part.Quantities!.Select(q => (q.Measure, q.Value)));
        Assert.Equal(wordings[..3], part.Sources.Select(s => s.Text));
        Assert.Contains(part.Text, Section(content, "I.8").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rates_NeverSummed_RangeAndMean()
    {
        decimal[] rates = [95.5m, 90m, 100m];
        var content = Consolidator.Build(Input(3, (unit, _) => $"Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt {rates[unit].ToString(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))}%.", key: "I.4"));

        var part = Assert.Single(Section(content, "I.4").Parts, p => p.Kind == PartKind.Aggregate);
        Assert.Equal("UBND xã 0, UBND xã 1 và UBND xã 2 báo cáo tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn từ 90 % đến 100 %, bình quân 95,2 %.", part.Text);
        Assert.Null(part.Quantities?.FirstOrDefault(q => q.Measure == "%"));
        var rate = Assert.Single(part.Rates!);
        Assert.Equal((90m, 100m, 95.2m), (rate.Min, rate.Max, rate.Mean));
    }

    [Fact]
    public void Build_PetitionsReceivedAndResolved_RateRecomputedFromTheSums()
    {
        // docs/domain.md's worked example ("The consolidated report"): 14 received, 11 resolved → 78,6 %.
        string[] texts =
        [
            "Tiếp công dân: tổ chức 02 buổi tiếp, với 5 lượt công dân. Tiếp nhận 3 đơn kiến nghị, đã giải quyết 2 đơn.",
            "Tiếp nhận 11 đơn khiếu nại, tố cáo, kiến nghị, phản ánh; đã giải quyết 9 đơn.",
        ];
        var content = Consolidator.Build(Input(2, (unit, _) => texts[unit], key: "I.6"));

        var text = Section(content, "I.6").Text;
        Assert.Contains("UBND xã 0 và UBND xã 1 tiếp nhận đơn khiếu nại, tố cáo, kiến nghị, phản ánh, tổng cộng 14 đơn.", text, StringComparison.Ordinal);
        Assert.Contains("UBND xã 0 và UBND xã 1 đã giải quyết đơn thư, tổng cộng 11 đơn, đạt 78,6 % số đơn tiếp nhận.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ParagraphAllUnitsWrote_SaysSoInsteadOfAList()
    {
        var content = Consolidator.Build(Input(10, (unit, _) => unit == 9 ? "Bên cạnh đó, đơn vị tổ chức tuyên truyền trên loa truyền thanh. " + Directive : Directive));

        var parts = Section(content, "I.2").Parts;
        var shared = Assert.Single(parts, p => p.Kind == PartKind.Shared);
        Assert.Equal("Tất cả các đơn vị tuyên truyền, phổ biến Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ đến toàn thể cán bộ, công chức.", shared.Text);
        Assert.Equal(10, shared.Sources.Count);
        var own = Assert.Single(parts, p => p.Kind == PartKind.Own);
        // The connector pointed at the unit's own previous sentence; the self-reference becomes the unit's name.
        Assert.Equal("UBND xã 9 tổ chức tuyên truyền trên loa truyền thanh.", own.Text);
    }

    [Fact]
    public void Build_ManyUnitsAtProvinceScale_BodyWithinTheBudget_NothingLost_EverySentenceASource()
    {
        // 3,921 units, each with a distinct sentence of its own in every section besides the shared directive and a count.
        var input = Input(3921, (unit, key) => $"{Directive} Tổ chức {1 + (unit % 4):00} buổi tiếp công dân. Đã {Words(unit, key)}.", keys: ["I.2", "I.3", "I.6", "II", "III"]);

        var content = Consolidator.Build(input);

        var lines = content.Sections.Where(s => s.Level > 0).Sum(s => BodyBudget.Lines(s.Heading))
            + content.Sections.Sum(s => s.Parts.Where(p => p.InText).Sum(p => BodyBudget.Lines(p.Text)));
        Assert.True(lines + BodyBudget.HeaderLines + BodyBudget.SignatureLines <= 15 * BodyBudget.LinesPerPage * BodyBudget.Margin, $"{lines} lines");
        Assert.True(content.Sections.Sum(s => s.Parts.Count(p => !p.InText)) > 3000);

        // Every sentence of every unit is the source of a body paragraph or of an appendix row.
        var sources = content.Sections.SelectMany(s => s.Parts.SelectMany(p => p.Sources.Select(x => (s.Key, x.ReportId, x.Text)))).ToHashSet();
        foreach (var (reportId, sections) in input.Texts)
        {
            foreach (var (key, text) in sections)
            {
                Assert.All(NearDuplicates.Sentences(text), sentence => Assert.Contains((key, reportId, (string?)sentence), sources));
            }
        }

        var appendices = ConsolidationAppendix.Build(content);
        var other = appendices.Single(a => a.Title == "NỘI DUNG KHÁC CỦA CÁC ĐƠN VỊ");
        Assert.Equal(content.Sections.Sum(s => s.Parts.Count(p => !p.InText)), other.Blocks.OfType<DocumentTable>().Sum(t => t.Rows.Count - 1));
        var activities = appendices.Single(a => a.Title == "KẾT QUẢ CỤ THỂ CỦA CÁC ĐƠN VỊ");
        var table = activities.Blocks.OfType<DocumentTable>().First();
        Assert.Equal(["STT", "Đơn vị", "Tổ chức tiếp công dân (buổi tiếp công dân)"], table.Rows[0]);
        Assert.Equal(3921 + 2, table.Rows.Count);
    }

    [Fact]
    public void Appendix_ManyActivities_TablesAsWideAsALandscapePage_LongUnitNamesKeepTheirRoom()
    {
        const string said = "Ban hành 3 văn bản chỉ đạo, hướng dẫn. Tổ chức 2 buổi tiếp công dân, tiếp 30 lượt công dân. Tổ chức 4 hội nghị tuyên truyền, phổ biến với 120 lượt người tham dự. "
            + "Mở 1 lớp tập huấn, bồi dưỡng nghiệp vụ với 50 lượt học viên. Tổ chức 2 buổi đối thoại với Nhân dân, 80 lượt người tham dự. Tiếp nhận 5 đơn thư, đã giải quyết 4 đơn. "
            + "Vận động Nhân dân hiến 200 m² đất làm đường giao thông. Đăng ký xây dựng 2 mô hình \"Dân vận khéo\". Tổ chức 3 cuộc họp dân lấy ý kiến với 90 lượt người.";
        var content = Consolidator.Build(Input(40, (unit, _) => said.Replace("3 văn", $"{1 + (unit % 5)} văn", StringComparison.Ordinal), key: "I.2"));
        content = content with { Units = content.Units.Select(u => u with { Name = $"Chi cục khu vực {u.Code} thuộc Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp" }).ToList() };

        var tables = ConsolidationAppendix.Build(content).Single(a => a.Title == "KẾT QUẢ CỤ THỂ CỦA CÁC ĐƠN VỊ").Blocks.OfType<DocumentTable>().ToList();

        Assert.True(tables.Sum(t => t.Rows[0].Count - 2) >= 10, $"{tables.Sum(t => t.Rows[0].Count - 2)} activity columns");
        Assert.All(tables, t =>
        {
            var (widths, fits) = DocxWriter.Columns(t, DocxWriter.LandscapeTextWidth);
            Assert.True(fits);
            // 5 cm: a name of two lines, not one word a line beside eight columns of numbers.
            Assert.True(widths[1] >= 2835, $"units' column {widths[1]} twips beside {t.Rows[0].Count - 2} activities");
        });
    }

    [Fact]
    public void Build_Tasks_OneListForTheNamedNextPeriod_Deduplicated()
    {
        string[] tasks = ["Trong tháng tới, tiếp tục đẩy mạnh cải cách hành chính.", "Thời gian tới, tiếp tục đẩy mạnh cải cách hành chính.", "Tiếp tục đẩy mạnh cải cách hành chính.", "Tổ chức hội nghị đối thoại với thanh niên."];
        var content = Consolidator.Build(Input(4, (unit, _) => tasks[unit], key: "III", period: "2025-12"));

        var section = Section(content, "III");
        Assert.Equal("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 01 NĂM 2026", section.Heading);
        Assert.Contains("- Tiếp tục đẩy mạnh cải cách hành chính (3 đơn vị).", section.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("tới", section.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("kỳ tới", string.Join(" ", content.Sections.Select(s => s.Heading + s.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Difficulties_GroupedByKindWithHowManyUnits()
    {
        string[] said = ["Đội ngũ cán bộ còn kiêm nhiệm nhiều việc.", "Biên chế còn thiếu so với yêu cầu.", "Kinh phí cho hoạt động còn hạn chế.", "Công tác dân vận đạt kết quả tốt."];
        var content = Consolidator.Build(Input(4, (unit, _) => said[unit], key: "II"));

        var text = Section(content, "II").Text;
        Assert.Contains("- Đội ngũ cán bộ làm công tác dân vận còn thiếu, phần lớn kiêm nhiệm (UBND xã 0 và UBND xã 1).", text, StringComparison.Ordinal);
        Assert.Contains("- Kinh phí, nguồn lực cho công tác dân vận còn hạn chế (UBND xã 2).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NotableFact_KeptWithItsUnitNamedOnce()
    {
        var content = Consolidator.Build(Input(6, (unit, _) => unit == 4
            ? "UBND xã 4 lần đầu tiên xây dựng mô hình “Camera an ninh” tại thôn Phú Lợi."
            : "Tiếp tục đẩy mạnh phong trào thi đua \"Dân vận khéo\".", key: "I.3"));

        var example = Assert.Single(Section(content, "I.3").Parts, p => p.Kind == PartKind.Example);
        Assert.Equal("UBND xã 4 lần đầu tiên xây dựng mô hình “Camera an ninh” tại thôn Phú Lợi.", example.Text);
        Assert.True(example.InText);
    }

    [Fact]
    public void ToJson_ContractFields_KindUnitsSourcesQuantities()
    {
        var content = Consolidator.Build(Input(2, (unit, _) => $"Tổ chức {unit + 1:00} buổi đối thoại với Nhân dân.", key: "I.8"));

        using var json = System.Text.Json.JsonDocument.Parse(content.ToJson());
        var part = json.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "I.8").GetProperty("parts")[0];
        Assert.Equal("aggregate", part.GetProperty("kind").GetString());
        Assert.Equal(["X0", "X1"], part.GetProperty("units").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("X1", part.GetProperty("sources")[1].GetProperty("unitCode").GetString());
        var quantity = part.GetProperty("quantities")[0];
        Assert.Equal((3m, "buổi"), (quantity.GetProperty("value").GetDecimal(), quantity.GetProperty("measure").GetString()));
        Assert.Equal(2m, quantity.GetProperty("sources")[1].GetProperty("value").GetDecimal());
        Assert.False(json.RootElement.TryGetProperty("bodyPages", out _));
    }

    private static DraftSection Section(ConsolidationContent content, string key) => content.Sections.Single(s => s.Key == key);

    /// <summary>Made-up words of their own for a unit and section, so no two units' sentences look alike.</summary>
    private static string Words(int unit, string key) =>
        string.Join(" ", Enumerable.Range(0, 8).Select(k => Letters((unit * 97) + (k * 7919) + key.Length)));

    private static string Letters(int n)
    {
        var word = "";
        for (n += 26 * 26; n > 0; n /= 26)
        {
            word = (char)('a' + (n % 26)) + word;
        }

        return word;
    }

    /// <summary><paramref name="count"/> communes that all sent, each writing <paramref name="text"/> in the given sections.</summary>
    private static ConsolidationInput Input(int count, Func<int, string, string> text, string key = "I.2", string[]? keys = null, string period = "2025-Q1")
    {
        var plan = new Plan { Id = 1, Number = "42/KH-UBND", Summary = "Báo cáo hằng quý", FirstPeriod = period, CreatedBy = "t", IssuedOn = new DateOnly(2025, 1, 2) };
        plan.Figures.Add(new PlanFigure { Id = 1, Name = "Số buổi tiếp công dân", UnitOfMeasure = "buổi", Rollup = Rollup.Sum });
        var units = Enumerable.Range(0, count)
            .Select(i => new ConsolidationUnit(new DraftUnit(i, $"X{i}", $"Ủy ban nhân dân xã {i}", 100 + i, true, Timeliness.OnTime), [$"Ủy ban nhân dân xã {i}", $"UBND xã {i}"]))
            .ToList();
        return new ConsolidationInput
        {
            Plan = plan,
            Period = period,
            PeriodText = "quý I năm 2025",
            OwnerName = "Ủy ban nhân dân tỉnh Lâm Đồng",
            Outline = ReportTemplate.Default,
            Units = units,
            Texts = units.ToDictionary(u => u.Unit.ReportId!.Value, u => (IReadOnlyDictionary<string, string>)(keys ?? [key]).ToDictionary(k => k, k => text(u.Unit.UnitId, k))),
            Figures = units.Select(u => new FigureAnswer(u.Unit.ReportId!.Value, 1, 2, null)).ToList(),
        };
    }
}
