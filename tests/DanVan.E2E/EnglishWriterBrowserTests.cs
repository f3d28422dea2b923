using System.Text.RegularExpressions;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Plans;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DanVan.E2E;

/// <summary>
/// A clerk who chose English writes, fills the figures and sends her report: every refusal, conflict and flash the
/// server sends back after an action is English, at 1366 px and on a 390 px phone, with no sideways scroll.
/// </summary>
public sealed partial class EnglishWriterBrowserTests(KestrelApp app) : BrowserTest(app)
{
    private const string Staff = "canbo.tienganh";
    private const string Leader = "lanhdao.tienganh";
    private const string Rate = "Tỷ lệ hồ sơ giải quyết đúng hạn";
    private const string Results = "1. Công tác lãnh đạo, chỉ đạo";
    private const string Assessment = "II. ĐÁNH GIÁ CHUNG";

    private readonly Screenshots _shots = new("english-");

    private static ILocator Box(IPage page, string key) => page.Locator($"form[data-key='{key}'] textarea");

    private static ILocator State(IPage page, string key) => page.Locator($"form[data-key='{key}'] .save-state");

    private async Task<int> ArrangeAsync()
    {
        var province = await App.AddUnitAsync("E2E-EN-TINH", "Tỉnh Tiếng Anh", UnitKind.Province);
        var department = await App.AddUnitAsync("E2E-EN-SNV", "Sở Nội vụ tỉnh Tiếng Anh", UnitKind.Department, parentId: province, consolidatesForId: province);
        var commune = await App.AddUnitAsync("E2E-EN-XA", "Xã Tiếng Anh", UnitKind.Commune, parentId: province);
        await App.AddUserAsync(Staff, commune, Roles.Staff, "Nguyễn Thị Lan");
        await App.AddUserAsync(Leader, commune, Roles.Leader, "Trần Văn Minh");
        await App.AddUserAsync("tonghop.tienganh", department, Roles.Consolidator, "Lê Thu Hà");
        var today = DanVan.Core.VietnamTime.Today(TimeProvider.System);
        var period = ReportingPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1).Previous();
        var consolidator = await App.ActorAsync("tonghop.tienganh");
        await App.WithServicesAsync(sp => sp.GetRequiredService<PlanService>().CreateAsync(
            new PlanInput
            {
                Number = "16/KH-UBND",
                IssuedOn = period.CalendarWindow().Start,
                Summary = "Báo cáo công tác dân vận chính quyền hằng quý",
                PeriodType = PeriodType.Quarter,
                FirstPeriod = period.ToString(),
                UnitDeadlineKind = DeadlineKind.DayOfMonth,
                UnitDeadlineValue = 20,
                OwnerDeadlineKind = DeadlineKind.DayOfMonth,
                OwnerDeadlineValue = 25,
                Sections =
                [
                    new PlanSectionInput("I", "I. KẾT QUẢ THỰC HIỆN", 1, null, false),
                    new PlanSectionInput("I.1", Results, 2, null, true),
                    new PlanSectionInput("II", Assessment, 1, null, true),
                    new PlanSectionInput("III", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", 1, null, false),
                ],
                Figures = [new(Rate, "%", FigureKind.DecimalNumber, Rollup.Mean)],
            },
            consolidator));
        var actor = await App.ActorAsync(Staff);
        return await App.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().CreateAsync(new CreateReport { Period = period.ToString() }, actor));
    }

    /// <summary>
    /// What the server said on the page — flash, error summary, field errors, the autosave's state, the status — holds
    /// no Vietnamese once the data it quotes (section headings, figure names) is taken out; then a picture at 1366 px
    /// and at 390 px, where the page must not scroll sideways.
    /// </summary>
    private async Task AssertEnglishAsync(IPage page, string step)
    {
        var said = await page.Locator("p.flash, .errors, .field-validation-error, .save-state, #report-status").AllInnerTextsAsync();
        foreach (var text in said)
        {
            var left = new[] { Rate, Results, Assessment }.Aggregate(text, (t, d) => t.Replace(d, "", StringComparison.Ordinal));
            Assert.False(VietnameseLetters().IsMatch(left), $"{step}: Vietnamese in \"{text}\"");
        }

        await page.SetViewportSizeAsync(1366, 900);
        await _shots.TakeAsync(page, step + "-1366");
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{step}: scrolls sideways at 390 px");
        await _shots.TakeAsync(page, step + "-390");
        await page.SetViewportSizeAsync(1366, 900);
    }

    [Fact]
    public async Task WriterInEnglish_FiguresRefusedAndSaved_SendRefused_Conflict_Sent_AllSaidInEnglish()
    {
        var id = await ArrangeAsync();
        var clerk = await NewPageAsync();
        var errors = new List<string>();
        clerk.Console += (_, m) =>
        {
            // A refused form or autosave answers 400/409 by design, which Chromium logs as a failed load; nothing else may.
            if (m.Type == "error" && !ExpectedRefusal().IsMatch(m.Text))
            {
                errors.Add(m.Text);
            }
        };
        clerk.PageError += (_, error) => errors.Add(error);
        try
        {
            await LogInAsync(clerk, Staff);
            await clerk.GotoAsync($"/language?culture=en&returnUrl={Uri.EscapeDataString($"/reports/{id}/figures")}");

            // A rate typed as 955 is refused with the reason; 95.5 is saved.
            await clerk.Locator($"#figures-form input[aria-label='{Rate}']").FillAsync("955");
            await clerk.GetByRole(AriaRole.Button, new() { Name = "Save figures", Exact = true }).ClickAsync();
            await Expect(clerk.Locator("#figures-form")).ToContainTextAsync("\"955\" is not a percentage: enter 0 to 100");
            await AssertEnglishAsync(clerk, "figures-refused");
            await clerk.Locator($"#figures-form input[aria-label='{Rate}']").FillAsync("95.5");
            await clerk.GetByRole(AriaRole.Button, new() { Name = "Save figures", Exact = true }).ClickAsync();
            await Expect(clerk.Locator("p.flash")).ToHaveTextAsync("1 figure(s) saved.");
            await AssertEnglishAsync(clerk, "figures-saved");

            // Sending with the required sections empty is refused, naming them.
            await clerk.GotoAsync($"/reports/{id}");
            await clerk.Locator("form[action*='handler=SendToLeader'] button").ClickAsync();
            await Expect(clerk.Locator(".errors")).ToContainTextAsync("The plan requires text in these sections: " + Results + "; " + Assessment);
            await AssertEnglishAsync(clerk, "send-refused");

            // She writes them; the leader saves the assessment meanwhile, and her autosave says so in English.
            await clerk.GotoAsync($"/reports/{id}/write");
            await Box(clerk, "I.1").FillAsync("Ban hành 3 kế hoạch thực hiện Chỉ thị 33/CT-TTg.");
            await Box(clerk, "III").FocusAsync();
            await Expect(State(clerk, "I.1")).ToHaveTextAsync(new Regex(@"^Saved at \d\d:\d\d$"));
            var leader = await App.ActorAsync(Leader);
            await App.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().SaveSectionAsync(
                new SaveSection { ReportId = id, Key = "II", Text = "Đánh giá của lãnh đạo.", ExpectedVersion = 0 }, leader));
            await Box(clerk, "II").FillAsync("Đánh giá của cán bộ.");
            await Box(clerk, "III").FocusAsync();
            await Expect(State(clerk, "II")).ToContainTextAsync(Leader + " saved this section at");
            await AssertEnglishAsync(clerk, "conflict");

            // With the sections written, sending to the leader goes through and says so.
            await clerk.GotoAsync($"/reports/{id}");
            await clerk.Locator("form[action*='handler=SendToLeader'] button").ClickAsync();
            await Expect(clerk.Locator("p.flash")).ToHaveTextAsync("Sent to the leader.");
            await Expect(clerk.Locator("#report-status")).ToHaveTextAsync("Awaiting the leader");
            await AssertEnglishAsync(clerk, "sent");
            Assert.Empty(errors);
        }
        catch
        {
            foreach (var page in Contexts.SelectMany(c => c.Pages))
            {
                await _shots.TakeAsync(page, "failed");
            }

            throw;
        }
    }

    [GeneratedRegex(@"^Failed to load resource: the server responded with a status of 40[09] ")]
    private static partial Regex ExpectedRefusal();

    [GeneratedRegex("[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9]")]
    private static partial Regex VietnameseLetters();
}
