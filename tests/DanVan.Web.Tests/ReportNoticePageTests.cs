using System.Net;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// The report's round trip through the pages as the people do it: the lock while the leader holds it, the bell at
/// each step, the confirmation before sending, and the history's word diff between sending and sending again.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ReportNoticePageTests(DanVanWebFactory app)
{
    [Fact]
    public async Task Workflow_SentReturnedResentAndSubmitted_LockBellConfirmationAndDiffAtEachStep()
    {
        // Arrange
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await app.AddUnitAsync($"P-{tag}", "Ủy ban nhân dân tỉnh Thử", UnitKind.Province);
        var snv = await app.AddUnitAsync($"SNV-{tag}", "Sở Nội vụ tỉnh Thử", UnitKind.Department, province, province);
        var commune = await app.AddUnitAsync($"X-{tag}", "Ủy ban nhân dân xã Trà Thử", UnitKind.Commune, province);
        await app.AddUserAsync($"canbo.{tag}", commune, Roles.Staff, "Hồ Thị Lan");
        await app.AddUserAsync($"lanhdao.{tag}", commune, Roles.Leader, "Đinh Văn Sơn");
        await app.AddUserAsync($"snv.{tag}", snv, Roles.Consolidator, "Trần Văn Minh");
        var staffActor = await app.ActorAsync($"canbo.{tag}");
        var id = await app.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = "2025-06" }, staffActor));
        var staff = await Browserless.LogInAsync(app, $"canbo.{tag}");
        var leader = await Browserless.LogInAsync(app, $"lanhdao.{tag}");
        var consolidator = await Browserless.LogInAsync(app, $"snv.{tag}");
        var url = $"/reports/{id}";
        var section = $"{url}/sections/I.6";
        const string comment = "Ghi rõ số lượt công dân được tiếp.";

        // Act + Assert, step by step.
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(section, "form.editor", new() { ["Input.Text"] = "Tiếp 9 lượt công dân." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url, "form[action*='handler=SendToLeader']", [])).StatusCode);

        // With the leader: staff read it but cannot edit it, and a save sent anyway is refused by the service.
        var (_, locked) = await staff.GetPageAsync(url);
        Assert.Empty(locked.QuerySelectorAll($"a[href='{section}']"));
        Assert.Contains("đề nghị lãnh đạo trả lại", locked.QuerySelector("#with-leader")!.TextContent, StringComparison.Ordinal);
        var refused = await staff.SubmitAsync(section, "form.editor", new() { ["Input.Text"] = "Sửa khi lãnh đạo đang giữ." });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("chờ lãnh đạo duyệt", Browserless.Errors(await Browserless.ParseAsync(refused)), StringComparison.Ordinal);

        // The leader's bell says it awaits approval and leads to it.
        var awaiting = await BellRowAsync(leader, "chờ lãnh đạo duyệt");
        Assert.Contains("Hồ Thị Lan trình", awaiting.TextContent, StringComparison.Ordinal);
        Assert.NotNull(awaiting.QuerySelector($"a[href='{url}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync(url, "form[action*='handler=ReturnToStaff']", new() { ["Input.Comment"] = comment })).StatusCode);

        // Staff read the comment in the bell, edit again and send again.
        Assert.Contains(comment, (await BellRowAsync(staff, "trả lại báo cáo")).TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(section, "form.editor", new() { ["Input.Text"] = "Tiếp 12 lượt công dân." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url, "form[action*='handler=SendToLeader']", [])).StatusCode);

        // Sending is confirmed first: the button only opens the confirmation, which says what will happen.
        var (_, leaderView) = await leader.GetPageAsync(url);
        Assert.Empty(leaderView.QuerySelectorAll("form[action*='handler=Submit']"));
        Assert.NotNull(leaderView.QuerySelector("form[method='get'] input[name='confirm'][value='Submit']"));
        var (_, confirm) = await leader.GetPageAsync(url + "?confirm=Submit");
        var panel = confirm.QuerySelector("#confirm-submit")!.TextContent;
        Assert.Contains("cấp số", panel, StringComparison.Ordinal);
        Assert.Contains("Sở Nội vụ tỉnh Thử", panel, StringComparison.Ordinal);
        Assert.Contains("không sửa được nữa", panel, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync(url + "?confirm=Submit", "form[action*='handler=Submit']", [])).StatusCode);

        // The Sở Nội vụ's bell says one arrived.
        var arrived = await BellRowAsync(consolidator, "đã gửi đến");
        Assert.Contains("Ủy ban nhân dân xã Trà Thử", arrived.TextContent, StringComparison.Ordinal);
        Assert.NotNull(arrived.QuerySelector($"a[href='{url}']"));

        // History: the first hand-on against the re-send shows the words that changed in that section.
        var (_, history) = await staff.GetPageAsync(url + "?tab=history&from=1&to=2");
        Assert.Equal(3, history.QuerySelectorAll("#versions li").Length);
        var diff = history.QuerySelector("#diff-I\\.6")!;
        Assert.Equal(["9"], diff.QuerySelectorAll("del").Select(d => d.TextContent));
        Assert.Equal(["12"], diff.QuerySelectorAll("ins").Select(d => d.TextContent));
        Assert.Single(history.QuerySelectorAll("#diff section"));
    }

    private static async Task<AngleSharp.Dom.IElement> BellRowAsync(Browserless browser, string text)
    {
        var (response, page) = await browser.GetPageAsync("/notifications");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("table.notifications tbody tr").Where(r => r.TextContent.Contains(text, StringComparison.Ordinal)).ToList();
        return Assert.Single(rows);
    }
}
