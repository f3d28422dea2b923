using System.Globalization;
using System.Text.RegularExpressions;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Demo;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// `danvan generate`'s engine: the same seed makes the same data; rates and structure as promised; text written the
/// way real units write it (several wordings per activity, the unit's own number style, typos), stating the figures.
/// </summary>
public sealed class GenerateTests
{
    private static readonly GenerateOptions Small = new() { Provinces = 2, Communes = 9, Departments = 5, Periods = 3, Seed = 42 };

    [Fact]
    public async Task GenerateAsync_SameSeedTwice_SameCountsAndSameFirstReport()
    {
        var (first, firstText) = await GenerateIntoFreshDatabaseAsync(Small);
        var (second, secondText) = await GenerateIntoFreshDatabaseAsync(Small);

        Assert.Equal(first.Reports, second.Reports);
        Assert.Equal((first.OnTime, first.Late, first.Missing, first.Sections), (second.OnTime, second.Late, second.Missing, second.Sections));
        Assert.Equal(first.Provinces.Select(p => (p.Code, p.Name, p.Units)), second.Provinces.Select(p => (p.Code, p.Name, p.Units)));
        Assert.Equal(firstText, secondText);
    }

    [Fact]
    public async Task GenerateAsync_Small_UnitsSpreadOverProvincesEveryPeriodAccountedFor()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);

        var result = await RunAsync(services, Small with { Password = "Matkhau-2025" });

        Assert.Equal([5 + 3, 4 + 2], result.Provinces.Select(p => p.Units)); // 9 communes and 5 departments over two provinces
        Assert.Equal(["2025-10", "2025-11", "2025-12"], result.Periods);
        Assert.Equal(14 * 3, result.OnTime + result.Late + result.Missing);
        Assert.True(result.Reports >= result.OnTime + result.Late);
        await using var db = database.NewContext();
        Assert.Equal(result.Reports, await db.Reports.CountAsync());
        Assert.Equal(result.OnTime + result.Late, await db.Reports.CountAsync(r => r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted));
        Assert.Equal(2, await db.Plans.CountAsync(p => p.LastPeriod == "2025-12"));
        var snv = await db.Units.SingleAsync(u => u.Code == "G42-P01-SNV");
        Assert.Equal(snv.ConsolidatesForId, (await db.Units.SingleAsync(u => u.Code == "G42-P01")).Id);
        Assert.True(await db.Users.AnyAsync(u => u.UserName == "snv.g42-p01" && u.UnitId == snv.Id));
        Assert.True(await db.ReportFigures.AllAsync(f => f.PlanFigureId != null));
        var again = await Assert.ThrowsAsync<DanVan.Core.DomainException>(() => RunAsync(services, Small));
        Assert.Contains("G42-", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_WeakPasswordOrYearsOutOfRange_RefusedBeforeWritingAnything()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);

        var weak = await Assert.ThrowsAsync<DomainException>(() => RunAsync(services, Small with { Password = "short" }));
        var future = await Assert.ThrowsAsync<DomainException>(() => RunAsync(services, Small with { Until = DanVan.Core.Periods.ReportingPeriod.Parse("2200-Q4") }));
        var past = await Assert.ThrowsAsync<DomainException>(() => RunAsync(services, Small with { Until = DanVan.Core.Periods.ReportingPeriod.Parse("2000-01"), Periods = 3 }));

        Assert.Equal(("Password", "Until", "Until"), (weak.Field, future.Field, past.Field));
        await using var db = database.NewContext();
        Assert.False(await db.Units.AnyAsync(u => u.Code.StartsWith("G42-")));
        Assert.True((await RunAsync(services, Small with { Password = "Matkhau-2025" })).Reports > 0);
    }

    [Fact]
    public async Task GenerateAsync_Small_SectionTextsStateTheReportsFigures()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);
        await RunAsync(services, Small);

        await using var db = database.NewContext();
        var reports = await db.Reports.AsNoTracking().Include(r => r.Sections).Include(r => r.Figures).ToListAsync();
        var wordings = new HashSet<int>();
        foreach (var report in reports)
        {
            var text = report.Sections.ToDictionary(s => s.Key, s => s.Text);
            var figure = report.Figures.OrderBy(f => f.Order).Select(f => f.Value).ToList();
            var reception = Numbers(text["I.6"]);
            Assert.Contains(figure[0], reception);
            Assert.Contains(figure[1], reception);
            Assert.True(figure[2] == 0 || reception.Contains(figure[2]), text["I.6"]);
            Assert.True(figure[4] == 0 || Numbers(text["I.3"]).Contains(figure[4]), text["I.3"]);
            Assert.Contains(figure[5], Numbers(text["I.4"]));
            wordings.UnionWith(Matching(ReceptionWordings, text["I.6"]));
        }

        Assert.True(wordings.Count >= 3, $"reception written in {wordings.Count} wordings");
    }

    [Fact]
    public void Write_SameSeed_SameTextAndMentions()
    {
        var first = Corpus(40, Months, seed: 5);
        var second = Corpus(40, Months, seed: 5);
        var other = Corpus(40, Months, seed: 6);

        Assert.Equal(first.Select(r => string.Join("\n", r.Sections.Values)), second.Select(r => string.Join("\n", r.Sections.Values)));
        Assert.Equal(first.SelectMany(r => r.Mentions), second.SelectMany(r => r.Mentions));
        Assert.NotEqual(first.Select(r => r.Sections["I.6"]), other.Select(r => r.Sections["I.6"]));
    }

    [Fact]
    public void Write_ManyUnits_EachActivityInSeveralWordingsAndWordOrders()
    {
        var corpus = Corpus(300, [ReportingPeriod.Month(2025, 12)], seed: 11);

        foreach (var (section, wordings) in new[]
        {
            ("I.1", DocumentWordings), ("I.2", PropagandaWordings), ("I.3", ModelWordings), ("I.4", RateWordings),
            ("I.6", ReceptionWordings), ("I.6", PetitionWordings), ("I.8", DialogueWordings),
        })
        {
            var used = corpus.SelectMany(r => Matching(wordings, r.Sections[section])).Distinct().Count();
            Assert.True(used >= Math.Min(4, wordings.Length), $"{section}: {used} of {wordings.Length} wordings ({wordings[0]})");
        }

        // Both word orders of citizen reception: sessions before visits and visits before sessions.
        Assert.Contains(corpus, r => Regex.IsMatch(r.Sections["I.6"], @"\d+ buổi tiếp[^.]*\d+ lượt"));
        Assert.Contains(corpus, r => Regex.IsMatch(r.Sections["I.6"], @"\d+ lượt (công dân|người)[^.]* \d+ buổi"));
    }

    [Fact]
    public void Write_ManyUnits_NumbersSelvesConnectorsAndSlipsAsUnitsWriteThem()
    {
        var corpus = Corpus(300, [ReportingPeriod.Month(2025, 12)], seed: 12);
        var all = string.Join("\n", corpus.SelectMany(r => r.Sections.Values));
        var body = corpus.Select(r => string.Join("\n", r.Sections.Where(s => s.Key is not ("intro" or "closing")).Select(s => s.Value))).ToList();

        Assert.Matches(@"\b0[1-9] (buổi|lượt|văn bản|mô hình|đơn|hội nghị|cuộc|lớp)\b", all);
        Assert.Matches(@"(?<![\d/])[1-9] (buổi|lượt|văn bản|mô hình|đơn|hội nghị|cuộc|lớp)\b", all);
        Assert.Matches(@"(?<![\d.,/])\d{1,3}\.\d{3}(?![\d/])", all);
        Assert.Matches(@"\d+,\d ?%", all);
        Assert.Matches(@"\d+(,\d+)? triệu đồng", all);
        Assert.Matches(@"\d m(²|2)\b", all);
        foreach (var self in new[] { "UBND xã", "đơn vị", "chúng tôi", "Sở", "Ban" })
        {
            Assert.Contains(self + " ", all, StringComparison.Ordinal);
        }

        Assert.True(corpus.Count(r => body[corpus.IndexOf(r)].Contains(r.Writer.Name, StringComparison.Ordinal)) >= 10, "units naming themselves in their results");
        Assert.True(new[] { "Bên cạnh đó, ", "Ngoài ra, ", "Đồng thời, ", "Do đó, ", "Vì vậy, " }.Count(c => all.Contains(c, StringComparison.Ordinal)) >= 4);
        Assert.Matches(@"[Ll]ần đầu tiên", all);
        Assert.Matches(@"mô hình (""|“|')[^""”']+(""|”|') tại (thôn|tổ dân phố) ", all);

        // Words typed without diacritics ("to chuc", "Nhan dan"; the seeds' own misspellings aside): in a small share of lines.
        var lines = corpus.SelectMany(r => r.Sections.Values).SelectMany(t => t.Split('\n')).ToList();
        var slips = lines.Count(l => Regex.IsMatch(l, @"\b(cong|dan|nhan|chuc|truyen|quyet|chinh|thuc|hien|duoc|nguoi|tiep|vien|phuong|dong)\b"));
        Assert.InRange(slips * 1000 / lines.Count, 3, 50);
        Assert.Contains(lines, l => l.Length > 60 && !Regex.IsMatch(l, "[^\\x00-\\x7F]"));
    }

    [Fact]
    public void Write_ManyUnits_DifficultiesCausesTasksAndProposalsVaried()
    {
        var corpus = Corpus(300, [ReportingPeriod.Month(2025, 12)], seed: 13);
        var assessment = string.Join("\n", corpus.Select(r => r.Sections["II"]));
        var tasks = string.Join("\n", corpus.Select(r => r.Sections["III"]));

        string[] difficulties = ["biên chế", "kinh phí", "người dân", "đất đai", "internet", "kỹ năng vận động", "địa bàn", "hình thức tuyên truyền", "tính bền vững", "hai cấp", "trực tuyến", "phối hợp"];
        Assert.True(difficulties.Count(d => assessment.Contains(d, StringComparison.Ordinal)) >= 10);
        Assert.Contains("Nguyên nhân", assessment, StringComparison.Ordinal);
        Assert.InRange(corpus.Count(r => r.Sections["II"].Contains("Nguyên nhân", StringComparison.Ordinal)), 30, 270);
        string[] next = ["tháng tới", "thời gian tới", "thời gian đến", "kỳ tới", "tháng 01/2026", "tháng 1 năm 2026"];
        Assert.True(next.Count(n => tasks.Contains(n, StringComparison.Ordinal)) >= 4);
        Assert.InRange(corpus.Count(r => Regex.IsMatch(r.Sections["III"], "(Kiến nghị|Đề xuất|kiến nghị:)")), 40, 240);
        Assert.True(new[] { "kinh phí", "tập huấn", "hướng dẫn", "biên chế", "hạ tầng công nghệ", "khen thưởng", "trao đổi kinh nghiệm", "tranh chấp đất đai" }
            .Count(p => Regex.IsMatch(tasks, $"(Đề nghị|Kiến nghị|Đề xuất|đề nghị)[^\n]*{p}")) >= 6);
    }

    [Fact]
    public void Write_EveryReport_StatedNumbersAgreeWithItsFactsAndText()
    {
        var corpus = Corpus(200, Months, seed: 14);

        foreach (var r in corpus)
        {
            decimal Sum(Fact fact) => r.Mentions.Where(m => m.Fact == fact).Sum(m => m.Value);
            bool Said(Fact fact) => r.Mentions.Any(m => m.Fact == fact);

            Assert.Equal(r.Facts.Sessions, Sum(Fact.ReceptionSessions));
            Assert.Equal(r.Facts.Citizens, Sum(Fact.CitizensReceived));
            Assert.Equal(r.Facts.OnTimeRate, r.Mentions.Where(m => m.Fact == Fact.OnTimeRatePercent).Select(m => m.Value).Distinct().Single());
            Assert.True(r.Facts.Petitions == 0 ? Sum(Fact.PetitionsReceived) == 0 : Sum(Fact.PetitionsReceived) == r.Facts.Petitions);
            Assert.True(!Said(Fact.PetitionsResolved) || Sum(Fact.PetitionsResolved) == r.Facts.Resolved);
            Assert.True(r.Facts.Models == 0 ? Sum(Fact.ModelsRegistered) == 0 : Sum(Fact.ModelsRegistered) == r.Facts.Models);
            Assert.True(!Said(Fact.DocumentsIssued) || Sum(Fact.DocumentsIssued) == r.Facts.Documents);
            Assert.True(!Said(Fact.DialogueSessions) || Sum(Fact.DialogueSessions) == r.Facts.Dialogues);
            Assert.True(!Said(Fact.PropagandaParticipants) || Sum(Fact.PropagandaParticipants) == r.Facts.PropagandaParticipants);
            foreach (var m in r.Mentions.Where(m => m.Value != 0))
            {
                var numbers = Numbers(r.Sections[m.Section]);
                Assert.True(numbers.Contains(m.Value) || numbers.Contains(m.Value * 1_000_000) || numbers.Contains(m.Value / 1000), $"{m} not in: {r.Sections[m.Section]}");
            }
        }
    }

    [Fact]
    public void Write_TwoPeriods_UnitsKeepTheirWording()
    {
        var corpus = Corpus(200, Months, seed: 15);
        var byUnit = corpus.GroupBy(r => r.Writer).Select(g => g.Select(r => Matching(ReceptionWordings, r.Sections["I.6"]).FirstOrDefault(-1)).ToList()).ToList();

        var kept = byUnit.Count(w => w[0] >= 0 && w[0] == w[1]);
        Assert.True(kept >= byUnit.Count / 2, $"{kept} of {byUnit.Count} units kept their reception wording");
        Assert.True(byUnit.Select(w => w[0]).Distinct().Count() >= 5);
    }

    [Fact]
    public void Write_ShortText_ShorterAndStillStatesTheFigures()
    {
        var full = Corpus(100, Months, seed: 16);
        var short_ = Corpus(100, Months, seed: 16, full: false);

        Assert.True(short_.Sum(r => r.Sections.Values.Sum(t => t.Length)) < full.Sum(r => r.Sections.Values.Sum(t => t.Length)) * 0.8);
        Assert.All(short_, r => Assert.Equal(r.Facts.Sessions, r.Mentions.Where(m => m.Fact == Fact.ReceptionSessions).Sum(m => m.Value)));
        Assert.All(short_, r => Assert.Contains(r.Mentions, m => m.Fact == Fact.OnTimeRatePercent && m.Value == r.Facts.OnTimeRate));
    }

    private static readonly ReportingPeriod[] Months = [ReportingPeriod.Month(2025, 11), ReportingPeriod.Month(2025, 12)];

    private static readonly string[] ReceptionWordings =
    [
        @"Tổ chức \d+ buổi tiếp công dân định kỳ, tiếp \d+ lượt công dân", @"đã tiếp \d+ lượt công dân tại \d+ buổi",
        @"Công tác tiếp công dân: tổ chức \d+ buổi tiếp, với \d+ lượt", @"Lãnh đạo .+ tiếp công dân định kỳ \d+ buổi, tiếp \d+ lượt",
        @"đã tiếp \d+ lượt người đến kiến nghị, phản ánh trong \d+ buổi", @"Số buổi tiếp công dân: \d+; số lượt công dân được tiếp: \d+",
        @"Tiếp công dân: \d+ buổi/\d+ lượt", @"Tiếp công dân: \d+ buổi, \d+ lượt; đơn thư",
    ];

    private static readonly string[] PetitionWordings =
    [
        @"Tiếp nhận \d+ đơn khiếu nại, tố cáo, kiến nghị, phản ánh; đã giải quyết \d+ đơn", @"Tiếp nhận \d+ đơn thư, đã giải quyết \d+ đơn",
        @"nhận được \d+ đơn.*; đã giải quyết xong \d+/\d+ đơn", @"Đã giải quyết \d+/\d+ đơn thư, đạt", @"Số đơn thư tiếp nhận: \d+ đơn",
        @"Đã giải quyết \d+ trong tổng số \d+ đơn", @"Đơn thư: tiếp nhận \d+, giải quyết \d+",
    ];

    private static readonly string[] DialogueWordings =
    [
        @"đã tổ chức \d+ buổi đối thoại với .+, có \d+ lượt người", @"\d+ hội nghị đối thoại trực tiếp giữa người đứng đầu", @"Đối thoại với .+: \d+ cuộc, \d+ lượt",
        @"Ngày \d+/\d+/\d+, .+ tổ chức \d+ hội nghị đối thoại", @"Với sự tham gia của \d+ lượt người, \d+ buổi đối thoại", @"Đối thoại: \d+ buổi",
    ];

    private static readonly string[] DocumentWordings =
    [
        @"ban hành \d+ văn bản chỉ đạo, hướng dẫn", @"Ban hành \d+ văn bản chỉ đạo, triển khai", @"ban hành \d+ kế hoạch và \d+ công văn",
        @"Tổng số văn bản chỉ đạo, điều hành về công tác dân vận đã ban hành .*: \d+ văn bản", @"\d+ văn bản chỉ đạo về công tác dân vận chính quyền đã được",
        @"Ban hành \d+ văn bản chỉ đạo\.",
    ];

    private static readonly string[] PropagandaWordings =
    [
        @"tổ chức \d+ hội nghị tuyên truyền, quán triệt với \d+ lượt", @"Tổ chức \d+ buổi tuyên truyền, phổ biến Chỉ thị", @"\d+ buổi tuyên truyền lưu động",
        @"Với \d+ lượt .+ tham dự, \d+ hội nghị", @"trong \d+ cuộc họp", @"Tuyên truyền: \d+ buổi, \d+ lượt", @"\d+ đợt tuyên truyền",
    ];

    private static readonly string[] ModelWordings =
    [
        @"đăng ký \d+ mô hình .+, gồm:", @"Đăng ký xây dựng \d+ mô hình", @"Có \d+ mô hình .+ mới được đăng ký", @"là \d+ mô hình .+ được .+ đăng ký",
        @"Xây dựng mới \d+ mô hình dân vận khéo", @"Số mô hình .+ đăng ký mới: \d+",
    ];

    private static readonly string[] RateWordings =
    [
        @"Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt", @"đúng và trước hạn đạt tỷ lệ", @"% hồ sơ thủ tục hành chính được giải quyết đúng hạn",
        @"Hồ sơ được giải quyết đúng hạn đạt", @"Tỷ lệ giải quyết đúng hạn: ", @"hồ sơ, tỷ lệ giải quyết đúng hạn đạt",
    ];

    /// <summary>The indices of the wordings (regular expressions, numbers as "\d+") a text uses.</summary>
    private static IEnumerable<int> Matching(string[] wordings, string text) =>
        Enumerable.Range(0, wordings.Length).Where(i => Regex.IsMatch(text, wordings[i].Replace(@"\d+", @"[\d.]+", StringComparison.Ordinal)));

    /// <summary>Every number in a text, read as Vietnamese writes them ("1.250", "98,5", "02") and, failing that, "90.6".</summary>
    private static HashSet<decimal> Numbers(string text)
    {
        var numbers = new HashSet<decimal>();
        foreach (Match m in Regex.Matches(text, @"\d+(?:[.,]\d+)*"))
        {
            var token = m.Value;
            if (Regex.IsMatch(token, @"^\d{1,3}(\.\d{3})*(,\d+)?$") || Regex.IsMatch(token, @"^\d+(,\d+)?$"))
            {
                numbers.Add(decimal.Parse(token.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture));
            }

            if (decimal.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plain))
            {
                numbers.Add(plain);
            }
        }

        return numbers;
    }

    private sealed record Written(Writer Writer, PeriodFacts Facts, Dictionary<string, string> Sections, List<Mention> Mentions);

    /// <summary>Reports of <paramref name="units"/> units (one in five an office) for each period, without a database.</summary>
    private static List<Written> Corpus(int units, ReportingPeriod[] periods, int seed, bool full = true)
    {
        var text = new SyntheticText(full);
        var rng = new Random(seed);
        var plan = new PlanRef("12/KH-UBND", new DateOnly(2025, 1, 10), "Ủy ban nhân dân tỉnh Lâm Đồng", "Thực hiện công tác dân vận chính quyền năm 2025");
        var writers = Enumerable.Range(0, units).Select(i =>
        {
            var place = string.Create(CultureInfo.InvariantCulture, $"Tân Hòa {i}");
            string[] villages = ["thôn An Lợi", "thôn Bình Hòa", "tổ dân phố Tân Mỹ"];
            return (i % 5) switch
            {
                4 => Writer.Create(i % 2 == 0 ? "Sở Tài chính" : "Ban Quản lý dự án đầu tư xây dựng", "Lâm Đồng", "Lâm Đồng", "tỉnh", i % 2 == 0 ? UnitSort.Department : UnitSort.Board, "", villages, rng.Next()),
                _ => Writer.Create("UBND xã " + place, place, "Lâm Đồng", "tỉnh", UnitSort.Commune, "xã", villages, rng.Next()),
            };
        }).ToList();
        var written = new List<Written>();
        foreach (var period in periods)
        {
            var boilerplate = text.Boilerplate(rng, "tỉnh Lâm Đồng");
            foreach (var w in writers)
            {
                var facts = PeriodFacts.Draw(rng, period, w);
                w.ModelsSoFar += facts.Models;
                var mentions = new List<Mention>();
                var sections = text.Write(w, period, facts, plan, boilerplate, new Random(rng.Next()), mentions);
                written.Add(new Written(w, facts, ReportTemplate.Default.Select((t, i) => (t.Key, Text: sections[i])).ToDictionary(x => x.Key, x => x.Text), mentions));
            }
        }

        return written;
    }

    private static async Task<(GenerateResult Result, string FirstText)> GenerateIntoFreshDatabaseAsync(GenerateOptions options)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);
        var result = await RunAsync(services, options);
        await using var db = database.NewContext();
        var first = await db.Reports.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        var text = string.Join("\n", await db.ReportSections.Where(s => s.ReportId == first).OrderBy(s => s.Order).Select(s => s.Text).ToListAsync());
        return (result, text);
    }

    private static async Task<GenerateResult> RunAsync(ServiceProvider services, GenerateOptions options)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SyntheticData>().GenerateAsync(options);
    }

    private static ServiceProvider Services(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDanVanCore(new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build());
        services.AddDataProtection();
        services.AddIdentityCore<AppUser>(DanVanServices.ConfigureIdentity).AddRoles<IdentityRole>().AddEntityFrameworkStores<DanVanDbContext>();
        return services.BuildServiceProvider();
    }
}
