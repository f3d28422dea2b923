using System.Net;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DanVan.Tests;

/// <summary>
/// Issue 19.3: the people of a commune formed by a merger read the reports its predecessors sent (the files pass to the
/// successor) on the unit page, the report page, the list, search and the API, but neither change nor review them; an
/// unrelated commune's people still do not see them.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class InheritedReportsTests(DanVanWebFactory app)
{
    private sealed record Inherited(MergedCommunes World, int Successor, string Code, int Predecessor, int Sent, int Draft, string Leader, string Stranger);

    /// <summary>The merger of <see cref="MergedCommunes"/>; one predecessor's Q2 report is awaiting review and the other left a Q1 draft.</summary>
    private async Task<Inherited> ArrangeAsync()
    {
        var w = await MergedCommunes.ArrangeAsync(app);
        await using var db = app.NewDbContext();
        var successor = await db.Reports.Where(r => r.Id == w.Report).Select(r => r.UnitId).SingleAsync();
        var code = await db.Units.Where(u => u.Id == successor).Select(u => u.Code).SingleAsync();
        var sent = await db.Reports.Where(r => r.PlanId == w.Plan && r.Period == "2025-Q2").OrderBy(r => r.Id).FirstAsync();
        sent.Status = ReportStatus.Submitted;
        db.ReportSections.Add(new ReportSection { ReportId = sent.Id, Key = "I.3", Heading = "3. Phong trào thi đua Dân vận khéo", Order = 3, Text = $"Mô hình Dân vận khéo ở thôn Kế{code[^6..]}." });
        var draft = new Report { UnitId = sent.UnitId, PlanId = w.Plan, Period = "2025-Q1", Title = "Dự thảo quý I", Status = ReportStatus.Draft };
        db.Reports.Add(draft);
        await db.SaveChangesAsync();

        var tag = Guid.NewGuid().ToString("N")[..6];
        var other = await app.AddUnitAsync($"O-{tag}", "Ủy ban nhân dân xã Khác", parentId: null);
        await app.AddUserAsync($"khac.{tag}", other, Roles.Staff);
        await app.AddUserAsync($"lanhdao.{tag}", successor, Roles.Leader);
        return new Inherited(w, successor, code, sent.UnitId, sent.Id, draft.Id, $"lanhdao.{tag}", $"khac.{tag}");
    }

    [Fact]
    public async Task SuccessorStaff_PredecessorsSentReports_ReadOnTheUnitPageReportPageListAndApi_DraftsNot()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.World.Staff);
        var api = await ApiClient.LogInAsync(app, u.World.Staff);

        var (unitResponse, unitPage) = await browser.GetPageAsync($"/units/{u.Successor}");
        var (reportResponse, reportPage) = await browser.GetPageAsync($"/reports/{u.Sent}");
        var (draftResponse, _) = await browser.GetPageAsync($"/reports/{u.Draft}");
        var (_, list) = await browser.GetPageAsync("/reports");
        var unitApi = await api.ReadAsync<JsonElement>($"/api/v1/units/{u.Successor}/reports");
        var reportApi = await api.GetAsync($"/api/v1/reports/{u.Sent}");
        var draftApi = await api.GetAsync($"/api/v1/reports/{u.Draft}");
        var docx = await api.GetAsync($"/api/v1/reports/{u.Sent}/docx");
        var listApi = await api.ReadAsync<JsonElement>("/api/v1/reports");
        var search = await api.ReadAsync<JsonElement>($"/api/v1/search?q=K%E1%BA%BF{u.Code[^6..]}&unit={u.Code}&withPredecessors=true");
        var lineage = await api.GetAsync($"/api/v1/units/{u.Predecessor}/lineage");

        Assert.Equal(HttpStatusCode.OK, unitResponse.StatusCode);
        var shown = unitPage.QuerySelectorAll("#predecessors tr[data-report]").Select(r => r.GetAttribute("data-report")).ToList();
        Assert.Contains(u.Sent.ToString(System.Globalization.CultureInfo.InvariantCulture), shown);
        Assert.DoesNotContain(u.Draft.ToString(System.Globalization.CultureInfo.InvariantCulture), shown);
        Assert.Equal(HttpStatusCode.OK, reportResponse.StatusCode);
        Assert.Equal("Ủy ban nhân dân xã Trà Tân", reportPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, draftResponse.StatusCode);
        Assert.NotNull(list.QuerySelector($"#reports a[href='/reports/{u.Sent}']"));
        Assert.Null(list.QuerySelector($"#reports a[href='/reports/{u.Draft}']"));
        Assert.Contains(unitApi.GetProperty("predecessors").EnumerateArray().SelectMany(p => p.GetProperty("reports").EnumerateArray()), r => r.GetProperty("id").GetInt32() == u.Sent);
        Assert.Equal(HttpStatusCode.OK, reportApi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, draftApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Contains(listApi.EnumerateArray(), r => r.GetProperty("id").GetInt32() == u.Sent);
        Assert.DoesNotContain(listApi.EnumerateArray(), r => r.GetProperty("id").GetInt32() == u.Draft);
        Assert.Equal([u.Sent], search.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("reportId").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, lineage.StatusCode);
    }

    [Fact]
    public async Task SuccessorLeader_PredecessorsReport_NoActionsOffered_EditReviewAndRemarksRefused()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Leader);
        var api = await ApiClient.LogInAsync(app, u.Leader);

        var (_, page) = await browser.GetPageAsync($"/reports/{u.Sent}");
        var accept = await api.ActAsync(u.Sent, "accept");
        var giveBack = await api.ActAsync(u.Sent, "return", "Bổ sung số liệu.");
        var save = await api.SaveSectionAsync(u.Sent, "I.3", "Sửa bởi đơn vị kế thừa.", 0);
        var remark = await api.PostAsync($"/api/v1/reports/{u.Sent}/comments", new { sectionKey = "I.3", text = "Đề nghị bổ sung số liệu." });

        Assert.Empty(page.QuerySelectorAll("main form[method='post']"));
        await ApiClient.AssertProblemAsync(accept, HttpStatusCode.Forbidden);
        await ApiClient.AssertProblemAsync(giveBack, HttpStatusCode.Forbidden);
        await ApiClient.AssertProblemAsync(save, HttpStatusCode.Forbidden);
        await ApiClient.AssertProblemAsync(remark, HttpStatusCode.Forbidden);
        await using var db = app.NewDbContext();
        var report = await db.Reports.Include(r => r.Sections).SingleAsync(r => r.Id == u.Sent);
        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.StartsWith("Mô hình Dân vận khéo", report.Sections.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnrelatedCommuneStaff_PredecessorsReport_NotFoundEverywhere()
    {
        var u = await ArrangeAsync();
        var browser = await Browserless.LogInAsync(app, u.Stranger);
        var api = await ApiClient.LogInAsync(app, u.Stranger);

        var (page, _) = await browser.GetPageAsync($"/reports/{u.Sent}");
        var (_, list) = await browser.GetPageAsync("/reports");
        var report = await api.GetAsync($"/api/v1/reports/{u.Sent}");
        var docx = await api.GetAsync($"/api/v1/reports/{u.Sent}/docx");
        var search = await api.ReadAsync<JsonElement>($"/api/v1/search?q=K%E1%BA%BF{u.Code[^6..]}");
        var lineage = await api.GetAsync($"/api/v1/units/{u.Predecessor}/lineage");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Null(list.QuerySelector($"a[href='/reports/{u.Sent}']"));
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, docx.StatusCode);
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, lineage.StatusCode);
    }
}
