using System.Text;
using DanVan.Core;
using DanVan.Core.Access;
using DanVan.Core.Data;
using DanVan.Core.Reports;
using DanVan.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>The same cases on SQLite (FTS5) and PostgreSQL (tsvector): the run's engine is DANVAN_TEST_PROVIDER.</summary>
[Collection(CoreCollection.Name)]
public sealed class SearchTests(CoreFixture core)
{
    private sealed record Tree(int Province, int Snv, int Commune, int Sibling, string CommuneCode)
    {
        public Actor Consolidator => CoreFixture.As(Snv, Roles.Consolidator, "snv");
    }

    private async Task<Tree> TreeAsync()
    {
        var province = await core.AddUnitAsync(CoreFixture.Code("P"), kind: Core.OrgUnits.UnitKind.Province);
        var snv = await core.AddUnitAsync(CoreFixture.Code("SNV"), province, province, Core.OrgUnits.UnitKind.Department);
        var code = CoreFixture.Code("C");
        var commune = await core.AddUnitAsync(code, province);
        var sibling = await core.AddUnitAsync(CoreFixture.Code("S"), province);
        return new Tree(province, snv, commune, sibling, code);
    }

    /// <summary>
    /// A report of the unit for the period with the given text in one section (saved through ReportService), sent up
    /// unless <paramref name="send"/> is false: the consolidator searches only what was sent.
    /// </summary>
    private Task<int> ReportAsync(int unitId, string period, string text, string key = "I.3", bool send = true) => core.RunAsync(async sp =>
    {
        var reports = sp.GetRequiredService<ReportService>();
        var staff = CoreFixture.As(unitId, Roles.Staff);
        var id = await core.WhileOpenAsync(period, () => reports.CreateAsync(new CreateReport { Period = period }, staff));
        var report = await reports.GetAsync(id, staff);
        var version = report.Sections.Single(s => s.Key == key).Version;
        await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = key, Text = text, ExpectedVersion = version }, staff);
        if (send)
        {
            await SendAsync(id, unitId);
        }

        return id;
    });

    private Task<ReportStatus> SendAsync(int id, int unitId) => core.RunAsync(sp =>
        sp.GetRequiredService<ReportService>().ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, CoreFixture.As(unitId, Roles.Leader)));

    private Task<SearchResults> SearchAsync(Actor actor, string query, Func<SearchRequest, SearchRequest>? with = null, bool? narrow = null) =>
        core.RunAsync(sp =>
        {
            var search = sp.GetRequiredService<SearchService>();
            if (narrow is { } n)
            {
                search.NarrowReports = n ? int.MaxValue : 0;
                search.CommonWords = !n;
                search.RecentSections = 20; // about a report's sections: the walk finds the newest matches, the index the older ones
                search.FirstBatch = 1; // filtered searches go through several batches of reports
            }

            return search.SearchAsync((with ?? (r => r))(new SearchRequest { Query = query }), actor);
        });

    private async Task<IReadOnlyList<int>> ReportIdsAsync(Actor actor, string query, Func<SearchRequest, SearchRequest>? with = null, bool? narrow = null) =>
        (await SearchAsync(actor, query, with, narrow)).Hits.Select(h => h.ReportId).Distinct().Order().ToList();

    [Theory]
    [InlineData("dan van kheo", "Đơn vị đăng ký mô hình Dân vận khéo tại thôn 3.")]
    [InlineData("don thu", "Tiếp nhận 5 đơn thư khiếu nại.")]
    [InlineData("Dang uy", "Thực hiện nghị quyết của Đảng ủy xã.")]
    [InlineData("ĐẢNG ỦY", "Thực hiện nghị quyết của Đảng uỷ xã.")]
    [InlineData("hoà giải", "Tổ hòa giải ở cơ sở hoạt động tốt.")]
    [InlineData("hòa giải", "Tổ hoà giải ở cơ sở hoạt động tốt.")]
    [InlineData("uỷ ban", "Ủy ban nhân dân xã chỉ đạo.")]
    [InlineData("ủy ban", "Uỷ ban nhân dân xã chỉ đạo.")]
    public async Task SearchAsync_WithOrWithoutDiacritics_FindsVietnameseText(string query, string text)
    {
        var tree = await TreeAsync();
        var id = await ReportAsync(tree.Commune, "2025-01", text);

        Assert.Equal([id], await ReportIdsAsync(tree.Consolidator, query));
    }

    [Fact]
    public async Task SearchAsync_DecomposedTextAndQuery_MatchComposed()
    {
        var tree = await TreeAsync();
        var nfd = await ReportAsync(tree.Commune, "2025-01", "Phong trào Dân vận khéo ở thôn Đông".Normalize(NormalizationForm.FormD));
        var nfc = await ReportAsync(tree.Commune, "2025-02", "Phong trào Dân vận khéo ở thôn Đông");

        Assert.Equal([nfd, nfc], await ReportIdsAsync(tree.Consolidator, "dân vận khéo".Normalize(NormalizationForm.FormD)));
        Assert.Equal([nfd, nfc], await ReportIdsAsync(tree.Consolidator, "dan van kheo"));
    }

    [Fact]
    public async Task SearchAsync_QuotedPhrase_MatchesWordsInARowOnly()
    {
        var tree = await TreeAsync();
        var phrase = await ReportAsync(tree.Commune, "2025-01", "Duy trì tiếp công dân định kỳ.");
        var scattered = await ReportAsync(tree.Commune, "2025-02", "Công dân đến tiếp xúc cử tri.");

        Assert.Equal([phrase], await ReportIdsAsync(tree.Consolidator, "\"tiep cong dan\""));
        Assert.Equal([phrase, scattered], await ReportIdsAsync(tree.Consolidator, "tiep cong dan"));
    }

    [Fact]
    public async Task SearchAsync_MinusWord_ExcludesSectionsWithIt()
    {
        var tree = await TreeAsync();
        var kheo = await ReportAsync(tree.Commune, "2025-01", "Phong trào dân vận khéo.");
        var plain = await ReportAsync(tree.Commune, "2025-02", "Công tác dân vận chính quyền.");

        Assert.Equal([plain], await ReportIdsAsync(tree.Consolidator, "dân vận -khéo"));
        Assert.Equal([kheo], await ReportIdsAsync(tree.Consolidator, "dân vận -\"chính quyền\""));
        Assert.Empty((await SearchAsync(tree.Consolidator, "-khéo")).Hits);
    }

    [Fact]
    public async Task SearchAsync_LastWordUnfinished_MatchesAsPrefix()
    {
        var tree = await TreeAsync();
        var id = await ReportAsync(tree.Commune, "2025-01", "Phong trào Dân vận khéo.");

        Assert.Equal([id], await ReportIdsAsync(tree.Consolidator, "dan van khe"));
        Assert.Empty(await ReportIdsAsync(tree.Consolidator, "dan khe van"));
    }

    [Theory]
    [InlineData("33/CT-TTg", "Quán triệt Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.")]
    [InlineData("33/ct-ttg", "Quán triệt Chỉ thị số 33/CT- TTg ngày 26/11/2021 của Thủ tướng Chính phủ.")]
    [InlineData("34/2007/PL-UBTVQH11", "Thực hiện Pháp lệnh số 34/2007/PL-UBTVQH 11 về dân chủ ở xã.")]
    [InlineData("217-QD/TW", "Thực hiện Quyết định số 217- QĐ/TW ngày 12/12/2013 của Bộ Chính trị.")]
    public async Task SearchAsync_DocumentNumber_FindsEveryWayItWasWritten(string query, string text)
    {
        var tree = await TreeAsync();
        var id = await ReportAsync(tree.Commune, "2025-01", text);
        await ReportAsync(tree.Commune, "2025-02", "Quán triệt Chỉ thị số 34/CT-TTg ngày 26/11/2021.");

        Assert.Equal([id], await ReportIdsAsync(tree.Consolidator, query));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SearchAsync_Filters_NarrowByUnitPeriodSectionAndStatus(bool scopeFirst)
    {
        var tree = await TreeAsync();
        var jan = await ReportAsync(tree.Commune, "2025-01", "Tổ chức đối thoại với Nhân dân.");
        var q2 = await ReportAsync(tree.Commune, "2025-Q2", "Tổ chức đối thoại với Nhân dân.", "I.8");
        var sibling = await ReportAsync(tree.Sibling, "2024-12", "Tổ chức đối thoại với Nhân dân.");
        var actor = tree.Consolidator;
        await core.RunAsync(sp => sp.GetRequiredService<ReportService>().ChangeStatusAsync(
            new ChangeStatus { ReportId = q2, Action = ReportAction.Accept }, actor));

        Assert.Equal([jan, q2, sibling], await ReportIdsAsync(actor, "doi thoai", narrow: scopeFirst));
        Assert.Equal([jan, q2], await ReportIdsAsync(actor, "doi thoai", r => r with { Unit = tree.CommuneCode.ToLowerInvariant() }, scopeFirst));
        Assert.Equal([jan, q2], await ReportIdsAsync(actor, "doi thoai", r => r with { From = "2025-01", To = "2025-H1" }, scopeFirst));
        Assert.Equal([jan, sibling], await ReportIdsAsync(actor, "doi thoai", r => r with { To = "2025-Q1" }, scopeFirst));
        Assert.Equal([jan, sibling], await ReportIdsAsync(actor, "doi thoai", r => r with { Section = "I.3" }, scopeFirst));
        Assert.Equal([jan, q2, sibling], await ReportIdsAsync(actor, "doi thoai", r => r with { Section = "I" }, scopeFirst));
        Assert.Empty(await ReportIdsAsync(actor, "doi thoai", r => r with { Section = "II" }, scopeFirst));
        Assert.Equal([q2], await ReportIdsAsync(actor, "doi thoai", r => r with { Status = ReportStatus.Accepted }, scopeFirst));
        await Assert.ThrowsAsync<DomainException>(() => SearchAsync(actor, "doi thoai", r => r with { From = "tháng 1" }, scopeFirst));
    }

    [Fact]
    public async Task SearchAsync_UnitWithPredecessors_AlsoFindsTheReportsOfTheUnitsItWasFormedFrom()
    {
        var tree = await TreeAsync();
        var merged = await ReportAsync(tree.Commune, "2025-Q1", "Tổ hòa giải ở cơ sở hoạt động tốt.");
        await ReportAsync(tree.Sibling, "2025-Q1", "Tổ hòa giải ở cơ sở hoạt động tốt.");
        var successor = CoreFixture.Code("XA");
        var province = await core.RunAsync(sp => sp.GetRequiredService<DanVanDbContext>().Units.Where(u => u.Id == tree.Province).Select(u => u.Code).SingleAsync());
        await core.RunAsync(sp => sp.GetRequiredService<Core.OrgUnits.ReorganisationService>().ApplyAsync(
            [new Core.OrgUnits.ReorganisationRow { Row = 2, Code = successor, Name = "Ủy ban nhân dân xã Mới", Kind = "xã", ParentCode = province, EffectiveOn = new DateOnly(2025, 4, 1), LegalBasis = "Nghị quyết số 1677/NQ-UBTVQH15", Predecessors = [new(tree.CommuneCode)] }],
            CoreFixture.Admin));

        Assert.Empty(await ReportIdsAsync(tree.Consolidator, "hoa giai", r => r with { Unit = successor }));
        Assert.Equal([merged], await ReportIdsAsync(tree.Consolidator, "hoa giai", r => r with { Unit = successor, WithPredecessors = true }));
        var refused = await Assert.ThrowsAsync<DomainException>(() => SearchAsync(tree.Consolidator, "hoa giai", r => r with { WithPredecessors = true }));
        Assert.Equal("Unit", refused.Field);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(3)]
    public async Task SearchAsync_CommonWordsPastTheNewestSections_FindTheNewestMatchesWalkingOnOrByTheIndex(int recentSections)
    {
        var tree = await TreeAsync();
        var word = "xom" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<int>();
        foreach (var month in Enumerable.Range(1, 12))
        {
            ids.Add(await ReportAsync(tree.Commune, $"2025-{month:00}", $"Tuyên truyền tại {word}."));
        }

        var results = await core.RunAsync(sp =>
        {
            var search = sp.GetRequiredService<SearchService>();
            (search.NarrowReports, search.CommonWords, search.Candidates) = (0, true, 5);
            // A report has 13 sections: the newest 30 hold two matches, so the other four lie within about 60 more
            // sections and the walk goes on; the newest 3 hold none, so the index lists the older ones.
            search.RecentSections = recentSections;
            return search.SearchAsync(new SearchRequest { Query = word }, CoreFixture.Admin);
        });

        Assert.True(results.More);
        Assert.Equal(ids.TakeLast(5).Reverse(), results.Hits.Select(h => h.ReportId));
    }

    [Fact]
    public async Task SearchAsync_ByRelevance_SectionAboutTheWordsFirst()
    {
        var tree = await TreeAsync();
        var passing = await ReportAsync(tree.Commune, "2025-02", "Hội nghị tổng kết năm, khen thưởng tập thể, cá nhân; có nêu phong trào Dân vận khéo.");
        var about = await ReportAsync(tree.Commune, "2025-01", "Dân vận khéo: đăng ký 3 mô hình Dân vận khéo, nhân rộng mô hình Dân vận khéo.");

        var hits = (await SearchAsync(tree.Consolidator, "dân vận khéo")).Hits;

        Assert.Equal([about, passing], hits.Select(h => h.ReportId));
    }

    [Fact]
    public async Task SearchAsync_SortByDate_NewestPeriodFirst()
    {
        var tree = await TreeAsync();
        var q1 = await ReportAsync(tree.Commune, "2025-Q1", "Hội nghị tiếp xúc cử tri.");
        var dec = await ReportAsync(tree.Commune, "2024-12", "Hội nghị tiếp xúc cử tri, tiếp xúc cử tri.");
        var jun = await ReportAsync(tree.Sibling, "2025-06", "Hội nghị tiếp xúc cử tri.");

        var hits = (await SearchAsync(tree.Consolidator, "tiep xuc cu tri", r => r with { Sort = SearchSort.Date })).Hits;

        Assert.Equal([jun, q1, dec], hits.Select(h => h.ReportId));
    }

    [Fact]
    public async Task SearchAsync_SortByDate_EveryUnitOverTheNewestSections_NewestPeriodFirst()
    {
        var tree = await TreeAsync();
        var word = "cutri" + Guid.NewGuid().ToString("N")[..8];
        var q1 = await ReportAsync(tree.Commune, "2025-Q1", $"Hội nghị {word}.");
        var dec = await ReportAsync(tree.Commune, "2024-12", $"Hội nghị {word}, {word}.");
        var jun = await ReportAsync(tree.Sibling, "2025-06", $"Hội nghị {word}.");

        // Without filters PostgreSQL's walk reads no report, so the periods to sort by are read afterwards.
        var hits = (await SearchAsync(CoreFixture.Admin, word, r => r with { Sort = SearchSort.Date }, narrow: false)).Hits;

        Assert.Equal([jun, q1, dec], hits.Select(h => h.ReportId));
        Assert.Equal(["2025-06", "2025-Q1", "2024-12"], hits.Select(h => h.Period));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SearchAsync_OnlyVisibleReports_AreCountedAndShown(bool scopeFirst)
    {
        var tree = await TreeAsync();
        var other = await TreeAsync();
        var word = "Xuantruong" + Guid.NewGuid().ToString("N")[..6];
        var own = await ReportAsync(tree.Commune, "2025-01", $"Mô hình {word} được nhân rộng.");
        var sibling = await ReportAsync(tree.Sibling, "2025-01", $"Mô hình {word} được nhân rộng.");
        var elsewhere = await ReportAsync(other.Commune, "2025-01", $"Mô hình {word} được nhân rộng.");

        Assert.Equal([own], await ReportIdsAsync(CoreFixture.As(tree.Commune, Roles.Staff), word, narrow: scopeFirst));
        Assert.Equal([own], await ReportIdsAsync(CoreFixture.As(tree.Commune, Roles.Leader), word, narrow: scopeFirst));
        Assert.Equal([own, sibling], await ReportIdsAsync(tree.Consolidator, word, narrow: scopeFirst));
        Assert.Equal([own, sibling, elsewhere], await ReportIdsAsync(CoreFixture.Admin, word, narrow: scopeFirst));
        var staffResult = await SearchAsync(CoreFixture.As(tree.Commune, Roles.Staff), word, narrow: scopeFirst);
        Assert.Equal(1, staffResult.Total);
        Assert.Empty((await SearchAsync(CoreFixture.As(tree.Commune, Roles.Staff), word, r => r with { Unit = other.CommuneCode }, scopeFirst)).Hits);
    }

    [Fact]
    public async Task SearchAsync_HostileQueries_NeverFailAndNeverInject()
    {
        var tree = await TreeAsync();
        var id = await ReportAsync(tree.Commune, "2025-01", "Dân vận khéo \"trích dẫn\" NEAR OR AND NOT * ' ; -- thôn 5.");
        string[] queries =
        [
            "\"", "\"\"", "\"dân vận", "dân\" vận\"\"", "'", "''; DROP TABLE \"Reports\"; --", "\"); DELETE FROM \"SectionSearch\"; --",
            "NEAR(dân vận)", "dân OR vận", "dân AND vận", "NOT dân", "*", "dân*", "^dân", "dân:*", "!dân", "dân & | ! <-> vận", "(((", ")))",
            "{Folded}: dan", "Folded:dan", "-", "--", "- -", "-\"", "\\", "%", "_", "%_%", "\0", "🙂 dân", "\u0301\u0301", "dân\u200Bvận",
            new string('x', 10_000), string.Concat(Enumerable.Repeat("\"a\" -b OR (c* NEAR/3 ", 600)), "1 = 1 OR 1 = 1", "$$ $1 {0} @p0",
        ];

        foreach (var query in queries)
        {
            var result = await SearchAsync(tree.Consolidator, query);
            Assert.True(result.Total >= 0, query);
        }

        Assert.Equal([id], await ReportIdsAsync(tree.Consolidator, "dân vận khéo thôn"));
        Assert.Equal([id], await ReportIdsAsync(tree.Consolidator, "\"dân vận"));
        Assert.Equal([id], await ReportIdsAsync(tree.Consolidator, "NEAR OR AND NOT"));
    }

    [Fact]
    public async Task Save_TextEdited_IndexFollowsInTheSameSave()
    {
        var tree = await TreeAsync();
        var id = await ReportAsync(tree.Commune, "2025-01", "Tổ chức hội nghị ở thôn Làng Rê.", send: false);
        await core.RunAsync(async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            var staff = CoreFixture.As(tree.Commune, Roles.Staff);
            var section = (await reports.GetAsync(id, staff)).Sections.Single(s => s.Key == "I.3");
            await reports.SaveSectionAsync(new SaveSection { ReportId = id, Key = "I.3", Text = "Tổ chức hội nghị ở thôn Gò Rô.", ExpectedVersion = section.Version }, staff);
        });
        await SendAsync(id, tree.Commune);

        Assert.Empty(await ReportIdsAsync(tree.Consolidator, "lang re"));
        Assert.Equal([id], await ReportIdsAsync(tree.Consolidator, "go ro"));
        await core.RunAsync(async sp =>
        {
            var db = sp.GetRequiredService<DanVanDbContext>();
            var sections = await db.ReportSections.Where(s => s.ReportId == id).Select(s => s.Id).ToListAsync();
            Assert.Equal(sections.Count, await db.SectionSearch.CountAsync(x => sections.Contains(x.SectionId)));
        });
    }

    [Fact]
    public async Task SearchAsync_Hit_ShowsUnitPeriodSectionAndMarkedSnippet()
    {
        var tree = await TreeAsync();
        var id = await ReportAsync(tree.Commune, "2025-01", "Năm nay <b>đơn vị</b> đăng ký mô hình Dân vận khéo tại thôn 3.");

        var hit = Assert.Single((await SearchAsync(tree.Consolidator, "dan van kheo")).Hits);

        Assert.Equal(id, hit.ReportId);
        Assert.Equal(tree.CommuneCode, hit.UnitCode);
        Assert.Equal("Đơn vị " + tree.CommuneCode, hit.Unit);
        Assert.Equal("2025-01", hit.Period);
        Assert.Equal("I.3", hit.SectionKey);
        Assert.Equal(["Dân", "vận", "khéo"], hit.Snippet.Where(p => p.Hit).Select(p => p.Text));
        Assert.Contains("&lt;b&gt;đơn vị&lt;/b&gt;", Snippet.ToHtml(hit.Snippet), StringComparison.Ordinal);
        Assert.Contains("<mark>Dân</mark> <mark>vận</mark> <mark>khéo</mark>", Snippet.ToHtml(hit.Snippet), StringComparison.Ordinal);
    }
}
