using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// /api/v1 as an integration uses it: tokens, scoped lists, report detail, section saves with versions, the
/// whole workflow, and the errors as ProblemDetails. The tree, shared by the class, is
/// P (province, admin) → D (district, consolidator) → C1 (staff, leader), C2; P → D2 → C3.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ApiTests(DanVanWebFactory app)
{
    private const string ProblemJson = "application/problem+json";

    private static readonly ConditionalWeakTable<DanVanWebFactory, Lazy<Task<World>>> Worlds = new();

    [Fact]
    public async Task Token_CorrectPassword_ReturnsTokenThatAuthenticates()
    {
        // Arrange
        var world = await WorldAsync();
        var before = DateTimeOffset.UtcNow;

        // Act
        var response = await ApiClient.RequestTokenAsync(app, world.UserName("staff"), DanVanWebFactory.Password);

        // Assert
        await ApiClient.EnsureStatusAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        var token = body.GetProperty("token").GetString();
        Assert.False(string.IsNullOrWhiteSpace(token));
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, before.AddHours(7), before.AddHours(9));

        var client = ApiClient.Anonymous(app);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/units", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("staff", "Sai-matkhau-1", HttpStatusCode.Unauthorized)]
    [InlineData("nobody-at-all", DanVanWebFactory.Password, HttpStatusCode.Unauthorized)]
    [InlineData("staff", "", HttpStatusCode.BadRequest)]
    public async Task Token_BadCredentials_AnswersProblem(string who, string password, HttpStatusCode expected)
    {
        // Arrange
        var world = await WorldAsync();
        var userName = who == "staff" ? world.UserName("staff") : who;

        // Act
        var response = await ApiClient.RequestTokenAsync(app, userName, password);

        // Assert
        var problem = await ApiClient.AssertProblemAsync(response, expected);
        Assert.False(problem.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Token_FiveFailedAttempts_LocksOutEvenTheCorrectPassword()
    {
        // Arrange: a user of its own, so the lockout touches nobody else.
        var world = await WorldAsync();
        var userName = $"api-{world.Tag}-lockout";
        await app.AddUserAsync(userName, world.Units["C1"], Roles.Staff);

        // Act
        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add((await ApiClient.RequestTokenAsync(app, userName, $"Sai-matkhau-{i}")).StatusCode);
        }

        var correct = await ApiClient.RequestTokenAsync(app, userName, DanVanWebFactory.Password);
        var browser = new Browserless(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        var uiLogIn = await browser.SubmitAsync("/account/login", "form", new() { ["Input.UserName"] = userName, ["Input.Password"] = DanVanWebFactory.Password });

        // Assert
        Assert.All(failures, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        await ApiClient.AssertProblemAsync(correct, HttpStatusCode.Unauthorized);
        Assert.NotEqual(HttpStatusCode.Redirect, uiLogIn.StatusCode);
    }

    [Fact]
    public async Task Token_OfAUserTheAdministratorMoved_StopsWorking()
    {
        // Arrange: a commune's staff member with a token, then moved by the administrator to another district's commune.
        var world = await WorldAsync();
        var userName = world.UserName($"moved-{Guid.NewGuid():N}"[..24]);
        await app.AddUserAsync(userName, world.Units["C1"], Roles.Staff);
        var client = await ApiClient.LogInAsync(app, userName);
        var report = await world.CreateReportAsync("C1", world.NextPeriod());
        await ApiClient.EnsureStatusAsync(await client.GetAsync($"/api/v1/reports/{report}"), HttpStatusCode.OK);
        var userId = (await app.ActorAsync(userName)).UserId;

        // Act
        await app.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<UserAdminService>().UpdateAsync(
                new UpdateUser { UserId = userId, FullName = "Cán bộ đã chuyển công tác", UnitId = world.Units["C3"], Role = Roles.Staff },
                DanVanWebFactory.SystemAdmin(world.Units["P"]));
            return 0;
        });

        // Assert: the old token reads nothing, not even its old unit's report; a new log-in sees the new unit.
        await ApiClient.AssertProblemAsync(await client.GetAsync($"/api/v1/reports/{report}"), HttpStatusCode.Unauthorized);
        await ApiClient.AssertProblemAsync(await client.GetAsync("/api/v1/units"), HttpStatusCode.Unauthorized);
        var again = await ApiClient.LogInAsync(app, userName);
        await ApiClient.AssertProblemAsync(await again.GetAsync($"/api/v1/reports/{report}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Request_MalformedBearerToken_Answers401()
    {
        // Arrange
        var client = ApiClient.Anonymous(app);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-real-token");

        // Act
        var response = await client.GetAsync(new Uri("/api/v1/reports", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_NoToken_Answers401Problem()
    {
        // Act
        var response = await ApiClient.Anonymous(app).GetAsync(new Uri("/api/v1/units", UriKind.Relative));

        // Assert
        await ApiClient.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_WithLogInCookieOnly_Answers401()
    {
        // Arrange: a real cookie log-in, which works for the pages…
        var world = await WorldAsync();
        var browser = await Browserless.LogInAsync(app, world.UserName("staff"));
        var period = world.NextPeriod();

        // Act: …but must not authenticate the API (no cross-site requests riding on the cookie).
        var list = await browser.Client.GetAsync(new Uri("/api/v1/reports", UriKind.Relative));
        var create = await browser.Client.PostAsJsonAsync("/api/v1/reports", new { period }, ApiClient.Json);
        var page = await browser.Client.GetAsync(new Uri("/reports", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var reports = await world.Api["staff"].ReadAsync<List<ApiReportSummary>>($"/api/v1/reports?period={period}");
        Assert.Empty(reports);
    }

    [Fact]
    public async Task Units_EachRole_ListsOnlyItsScope()
    {
        // Arrange
        var world = await WorldAsync();

        // Act
        var staff = await world.Api["staff"].ReadAsync<List<ApiUnit>>("/api/v1/units");
        var consolidator = await world.Api["cons-d"].ReadAsync<List<ApiUnit>>("/api/v1/units");
        var admin = await world.Api["admin"].ReadAsync<List<ApiUnit>>("/api/v1/units");

        // Assert
        Assert.Equal([world.Code("C1")], staff.Select(u => u.Code));
        Assert.Equal(
            new[] { "D", "C1", "C2" }.Select(world.Code).Order(StringComparer.Ordinal),
            consolidator.Select(u => u.Code).Order(StringComparer.Ordinal));
        Assert.Subset(admin.Select(u => u.Code).ToHashSet(), new[] { "P", "D", "C1", "C2", "D2", "C3" }.Select(world.Code).ToHashSet());
        var c1 = consolidator.Single(u => u.Code == world.Code("C1"));
        Assert.Equal(world.Units["D"], c1.ParentId);
        Assert.Equal(nameof(UnitKind.Commune), c1.Kind);
    }

    [Fact]
    public async Task Reports_FilterByPeriodAndUnit_ReturnsOnlyMatchingVisibleReports()
    {
        // Arrange: two periods of this test's own, in three communes.
        var world = await WorldAsync();
        var first = world.NextPeriod();
        var second = world.NextPeriod();
        var c1First = await world.CreateReportAsync("C1", first, send: true);
        var c1Second = await world.CreateReportAsync("C1", second, send: true);
        var c2First = await world.CreateReportAsync("C2", first, send: true);
        var c2Draft = await world.CreateReportAsync("C2", second);
        await world.CreateReportAsync("C3", first, send: true);
        var consolidator = world.Api["cons-d"];

        // Act
        var byPeriod = await consolidator.ReadAsync<List<ApiReportSummary>>($"/api/v1/reports?period={first}");
        var byUnit = await consolidator.ReadAsync<List<ApiReportSummary>>($"/api/v1/reports?unit={world.Code("C1").ToLowerInvariant()}");
        var byBoth = await consolidator.ReadAsync<List<ApiReportSummary>>($"/api/v1/reports?period={second}&unit={world.Code("C1")}");
        var draftUnit = await consolidator.ReadAsync<List<ApiReportSummary>>($"/api/v1/reports?period={second}&unit={world.Code("C2")}");
        var draftRead = await consolidator.GetAsync($"/api/v1/reports/{c2Draft}");
        var otherUnit = await world.Api["staff"].ReadAsync<List<ApiReportSummary>>($"/api/v1/reports?unit={world.Code("C2")}");
        var otherDistrict = await consolidator.ReadAsync<List<ApiReportSummary>>($"/api/v1/reports?unit={world.Code("C3")}");
        var badPeriod = await consolidator.GetAsync("/api/v1/reports?period=2025-13");

        // Assert
        Assert.Equal(new[] { c1First, c2First }.Order(), byPeriod.Select(r => r.Id).Order());
        Assert.All(byPeriod, r => Assert.Equal(first, r.Period));
        Assert.Contains(c1First, byUnit.Select(r => r.Id));
        Assert.Contains(c1Second, byUnit.Select(r => r.Id));
        Assert.All(byUnit, r => Assert.Equal(world.Code("C1"), r.UnitCode));
        Assert.Equal([c1Second], byBoth.Select(r => r.Id));
        Assert.Equal(nameof(ReportStatus.Submitted), byBoth.Single().Status);
        Assert.Empty(draftUnit); // a draft is the unit's own until it is sent up
        await ApiClient.AssertProblemAsync(draftRead, HttpStatusCode.NotFound);
        Assert.Empty(otherUnit);
        Assert.Empty(otherDistrict);
        await ApiClient.AssertProblemAsync(badPeriod, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateReport_Staff_Answers201WithFullReport()
    {
        // Arrange
        var world = await WorldAsync();
        var period = world.NextPeriod();

        // Act
        var response = await world.Api["staff"].PostAsync("/api/v1/reports", new { period });
        var again = await world.Api["leader"].PostAsync("/api/v1/reports", new { period });

        // Assert
        await ApiClient.EnsureStatusAsync(response, HttpStatusCode.Created);
        var report = await ApiClient.ReadJsonAsync<ApiReport>(response);
        Assert.Equal($"/api/v1/reports/{report.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(world.Code("C1"), report.UnitCode);
        Assert.Equal(period, report.Period);
        Assert.Equal(nameof(ReportStatus.Draft), report.Status);
        await ApiClient.AssertProblemAsync(again, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("cons-d", "2031-01", HttpStatusCode.Forbidden)]
    [InlineData("admin", "2031-01", HttpStatusCode.Forbidden)]
    [InlineData("staff", "2031-13", HttpStatusCode.BadRequest)]
    [InlineData("staff", "", HttpStatusCode.BadRequest)]
    public async Task CreateReport_NotAllowedOrBadPeriod_AnswersProblem(string user, string period, HttpStatusCode expected)
    {
        // Arrange
        var world = await WorldAsync();

        // Act
        var response = await world.Api[user].PostAsync("/api/v1/reports", new { period });

        // Assert
        await ApiClient.AssertProblemAsync(response, expected);
    }

    [Fact]
    public async Task GetReport_Detail_HasSectionsFiguresStatusAndHistory()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", world.NextPeriod());
        var staff = world.Api["staff"];
        var saved = await staff.PutAsync($"/api/v1/reports/{id}/figures", new
        {
            figures = new[] { new { name = "Số cuộc tiếp công dân", value = 12.5m, unitOfMeasure = "cuộc" } },
            version = 0,
        });
        await ApiClient.EnsureStatusAsync(saved, HttpStatusCode.OK);
        await ApiClient.EnsureStatusAsync(await staff.SaveSectionAsync(id, "II", "Đánh giá chung", 0), HttpStatusCode.OK);

        // Act
        var response = await staff.GetAsync($"/api/v1/reports/{id}");

        // Assert: the raw JSON names…
        await ApiClient.EnsureStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        foreach (var name in new[] { "id", "unitId", "unitCode", "period", "title", "status", "version", "createdAt", "sections", "figures", "history" })
        {
            Assert.True(json.TryGetProperty(name, out _), $"report JSON has no \"{name}\"");
        }

        var firstSection = json.GetProperty("sections")[0];
        foreach (var name in new[] { "key", "heading", "level", "text", "version" })
        {
            Assert.True(firstSection.TryGetProperty(name, out _), $"section JSON has no \"{name}\"");
        }

        Assert.Equal("Draft", json.GetProperty("status").GetString());

        // …and their content.
        var report = json.Deserialize<ApiReport>(ApiClient.Json)!;
        Assert.Equal(ReportTemplate.Default.Select(t => t.Key), report.Sections.Select(s => s.Key));
        var ii = report.Sections.Single(s => s.Key == "II");
        Assert.Equal(("Đánh giá chung", 1, world.UserName("staff")), (ii.Text, ii.Version, ii.UpdatedBy));
        Assert.All(report.Sections.Where(s => s.Key != "II"), s => Assert.Equal(0, s.Version));
        Assert.Equal([new ApiFigure("Số cuộc tiếp công dân", 12.5m, "cuộc")], report.Figures);
        Assert.Equal(2, report.Version); // the figures, then a section
        var created = Assert.Single(report.History);
        Assert.Null(created.From);
        Assert.Equal(nameof(ReportStatus.Draft), created.To);
    }

    [Fact]
    public async Task GetReport_UnknownId_Answers404Problem()
    {
        // Arrange
        var world = await WorldAsync();

        // Act
        var response = await world.Api["admin"].GetAsync($"/api/v1/reports/{int.MaxValue}");

        // Assert
        await ApiClient.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SaveSection_SameVersionTwice_SecondAnswers409Problem()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", world.NextPeriod());
        var staff = world.Api["staff"];
        var leader = world.Api["leader"];

        // Act
        var first = await staff.SaveSectionAsync(id, "I.1", "Bản của cán bộ", 0);
        var second = await leader.SaveSectionAsync(id, "I.1", "Bản của lãnh đạo, dựa trên bản cũ", 0);

        // Assert
        await ApiClient.EnsureStatusAsync(first, HttpStatusCode.OK);
        var saved = await ApiClient.ReadJsonAsync<ApiSectionSaved>(first);
        Assert.Equal(("I.1", 1), (saved.Key, saved.Version));
        var problem = await ApiClient.AssertProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Equal(1, problem.GetProperty("latestVersion").GetInt32());
        var report = await staff.ReadAsync<ApiReport>($"/api/v1/reports/{id}");
        Assert.Equal("Bản của cán bộ", report.Sections.Single(s => s.Key == "I.1").Text);
    }

    [Fact]
    public async Task SaveSection_ThirteenWritersOnTheirOwnSections_No409AndEverySaveKept()
    {
        // Arrange: what issue 18 measured, 13 writers saving their own section 25 times each, at once.
        const int rounds = 25;
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", world.NextPeriod());
        var keys = ReportTemplate.Default.Select(t => t.Key).ToList();

        // Act
        var refusals = await Task.WhenAll(keys.Select(key => Task.Run(async () =>
        {
            var version = 0;
            var refused = new List<string>();
            for (var round = 1; round <= rounds; round++)
            {
                var response = await world.Api[round % 2 == 0 ? "staff" : "leader"].SaveSectionAsync(id, key, $"Mục {key}, lần {round}", version);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    version = (await ApiClient.ReadJsonAsync<ApiSectionSaved>(response)).Version;
                }
                else
                {
                    refused.Add($"{key} round {round}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }

            return refused;
        })));

        // Assert
        Assert.Empty(refusals.SelectMany(r => r));
        var report = await world.Api["staff"].ReadAsync<ApiReport>($"/api/v1/reports/{id}");
        Assert.All(report.Sections, s => Assert.Equal(($"Mục {s.Key}, lần {rounds}", rounds), (s.Text, s.Version)));
    }

    [Fact]
    public async Task SaveSection_Text100001Chars_Answers400AndKeepsOldText()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", world.NextPeriod());
        var staff = world.Api["staff"];

        // Act
        var tooLong = await staff.SaveSectionAsync(id, "I.3", new string('a', ReportSection.MaxTextLength + 1), 0);
        var atLimit = await staff.SaveSectionAsync(id, "I.4", new string('b', ReportSection.MaxTextLength), 0);

        // Assert
        var problem = await ApiClient.AssertProblemAsync(tooLong, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty("Text", out _), problem.ToString());
        await ApiClient.EnsureStatusAsync(atLimit, HttpStatusCode.OK);
        var report = await staff.ReadAsync<ApiReport>($"/api/v1/reports/{id}");
        Assert.Equal(("", 0), (report.Sections.Single(s => s.Key == "I.3").Text, report.Sections.Single(s => s.Key == "I.3").Version));
        Assert.Equal(ReportSection.MaxTextLength, report.Sections.Single(s => s.Key == "I.4").Text.Length);
    }

    [Fact]
    public async Task SaveSection_HtmlAndVietnameseText_ReturnedExactlyAsTyped()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", world.NextPeriod());
        var staff = world.Api["staff"];
        const string text = "<script>alert(\"x\")</script> & <b>Đã tiếp 12 lượt công dân</b> &amp; 'trích' \u00a0\n  thụt lề\n\n";

        // Act
        await ApiClient.EnsureStatusAsync(await staff.SaveSectionAsync(id, "I.6", text, 0), HttpStatusCode.OK);
        var report = await staff.ReadAsync<ApiReport>($"/api/v1/reports/{id}");

        // Assert
        Assert.Equal(text, report.Sections.Single(s => s.Key == "I.6").Text);
    }

    [Fact]
    public async Task SaveSection_UnknownKey_Answers404Problem()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", world.NextPeriod());

        // Act
        var response = await world.Api["staff"].SaveSectionAsync(id, "IX.9", "Mục không có trong đề cương", 0);

        // Assert
        await ApiClient.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SaveSection_MalformedJson_Answers400Problem()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", world.NextPeriod());
        using var body = new StringContent("{\"text\": \"thiếu dấu đóng", System.Text.Encoding.UTF8, "application/json");

        // Act
        var response = await world.Api["staff"].Client.PutAsync(new Uri($"/api/v1/reports/{id}/sections/I.1", UriKind.Relative), body);

        // Assert
        await ApiClient.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SaveFigures_StaleVersion_Answers409Problem()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", world.NextPeriod());
        var staff = world.Api["staff"];
        object Figures(decimal value) => new { figures = new[] { new { name = "Số hội nghị", value, unitOfMeasure = "hội nghị" } }, version = 0 };
        await ApiClient.EnsureStatusAsync(await staff.PutAsync($"/api/v1/reports/{id}/figures", Figures(3)), HttpStatusCode.OK);

        // Act
        var stale = await staff.PutAsync($"/api/v1/reports/{id}/figures", Figures(4));

        // Assert
        await ApiClient.AssertProblemAsync(stale, HttpStatusCode.Conflict);
        var report = await staff.ReadAsync<ApiReport>($"/api/v1/reports/{id}");
        Assert.Equal(3m, Assert.Single(report.Figures).Value);
    }

    [Fact]
    public async Task Workflow_CreateToAcceptWithAReturn_WorksEndToEndViaApi()
    {
        // Arrange
        var world = await WorldAsync();
        var staff = world.Api["staff"];
        var leader = world.Api["leader"];
        var consolidator = world.Api["cons-d"];
        const string reason = "Mục I.6 thiếu số liệu tiếp công dân; bổ sung và gửi lại.";

        // Act + Assert, step by step as the people would do it.
        var created = await staff.PostAsync("/api/v1/reports", new { period = world.NextPeriod() });
        await ApiClient.EnsureStatusAsync(created, HttpStatusCode.Created);
        var report = await ApiClient.ReadJsonAsync<ApiReport>(created);
        var id = report.Id;
        var i1 = await staff.SaveSectionAsync(id, "I.1", "Đã ban hành kế hoạch.", 0);
        await ApiClient.EnsureStatusAsync(i1, HttpStatusCode.OK);
        var i1Saved = await ApiClient.ReadJsonAsync<ApiSectionSaved>(i1);
        Assert.Equal(("I.1", 1, report.Version + 1), (i1Saved.Key, i1Saved.Version, i1Saved.ReportVersion));

        // Sending what the staff saw before their own section save is refused: the section is part of the report.
        await ApiClient.AssertProblemAsync(await staff.ActAsync(id, "send-to-leader", version: report.Version), HttpStatusCode.Conflict);
        var sent = await Step(staff.ActAsync(id, "send-to-leader", version: i1Saved.ReportVersion), "AwaitingLeader");
        var submitted = await Step(leader.ActAsync(id, "submit", version: sent.Version), "Submitted");

        var noReason = await consolidator.ActAsync(id, "return", comment: "   ", version: submitted.Version);
        var problem = await ApiClient.AssertProblemAsync(noReason, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Comment", out _), problem.ToString());
        var stale = await consolidator.ActAsync(id, "return", comment: reason, version: submitted.Version - 1);
        await ApiClient.AssertProblemAsync(stale, HttpStatusCode.Conflict);

        var returned = await Step(consolidator.ActAsync(id, "return", comment: reason, version: submitted.Version), "Returned");

        var seenByStaff = await staff.ReadAsync<ApiReport>($"/api/v1/reports/{id}");
        Assert.Equal(nameof(ReportStatus.Returned), seenByStaff.Status);
        var last = seenByStaff.History[^1];
        Assert.Equal((nameof(ReportStatus.Submitted), nameof(ReportStatus.Returned), reason, world.UserName("cons-d")), (last.From, last.To, last.Comment, last.UserName));

        var section = seenByStaff.Sections.Single(s => s.Key == "I.6");
        var i6 = await staff.SaveSectionAsync(id, "I.6", "Tiếp 12 lượt công dân.", section.Version);
        await ApiClient.EnsureStatusAsync(i6, HttpStatusCode.OK);
        var resent = await Step(staff.ActAsync(id, "send-to-leader", version: (await ApiClient.ReadJsonAsync<ApiSectionSaved>(i6)).ReportVersion), "AwaitingLeader");
        var resubmitted = await Step(leader.ActAsync(id, "submit", comment: "Đã bổ sung", version: resent.Version), "Submitted");
        await Step(consolidator.ActAsync(id, "accept", version: resubmitted.Version), "Accepted");

        var final = await staff.ReadAsync<ApiReport>($"/api/v1/reports/{id}");
        Assert.Equal(
            ["Draft", "AwaitingLeader", "Submitted", "Returned", "AwaitingLeader", "Submitted", "Accepted"],
            final.History.Select(h => h.To));
        var locked = await staff.SaveSectionAsync(id, "I.6", "Sửa sau khi đã tiếp nhận", final.Sections.Single(s => s.Key == "I.6").Version);
        await ApiClient.AssertProblemAsync(locked, HttpStatusCode.BadRequest);

        static async Task<ApiStatus> Step(Task<HttpResponseMessage> request, string expectedStatus)
        {
            var response = await request;
            await ApiClient.EnsureStatusAsync(response, HttpStatusCode.OK);
            var status = await ApiClient.ReadJsonAsync<ApiStatus>(response);
            Assert.Equal(expectedStatus, status.Status);
            return status;
        }
    }

    [Fact]
    public async Task Workflow_LeaderReturnsToStaff_StaffSeesDraftAgain()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", world.NextPeriod());
        await ApiClient.EnsureStatusAsync(await world.Api["staff"].ActAsync(id, "send-to-leader"), HttpStatusCode.OK);

        // Act
        var response = await world.Api["leader"].ActAsync(id, "return-to-staff", comment: "Viết lại phần mở đầu");

        // Assert
        await ApiClient.EnsureStatusAsync(response, HttpStatusCode.OK);
        var report = await world.Api["staff"].ReadAsync<ApiReport>($"/api/v1/reports/{id}");
        Assert.Equal(nameof(ReportStatus.Draft), report.Status);
        Assert.Equal("Viết lại phần mở đầu", report.History[^1].Comment);
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryApiEndpoint()
    {
        // Act
        var response = await ApiClient.Anonymous(app).GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        // Assert
        await ApiClient.EnsureStatusAsync(response, HttpStatusCode.OK);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
        var expected = new (string Path, string Method)[]
        {
            ("/api/v1/tokens", "post"),
            ("/api/v1/units", "get"),
            ("/api/v1/reports", "get"),
            ("/api/v1/reports", "post"),
            ("/api/v1/reports/{id}", "get"),
            ("/api/v1/reports/{id}/sections/{key}", "put"),
            ("/api/v1/reports/{id}/figures", "put"),
            ("/api/v1/reports/{id}/send-to-leader", "post"),
            ("/api/v1/reports/{id}/submit", "post"),
            ("/api/v1/reports/{id}/return-to-staff", "post"),
            ("/api/v1/reports/{id}/return", "post"),
            ("/api/v1/reports/{id}/accept", "post"),
        };
        Assert.All(expected, e =>
        {
            Assert.True(paths.TryGetProperty(e.Path, out var operations), $"OpenAPI has no path {e.Path}");
            Assert.True(operations.TryGetProperty(e.Method, out _), $"OpenAPI has no {e.Method} {e.Path}");
        });
    }

    private Task<World> WorldAsync() => Worlds.GetValue(app, f => new Lazy<Task<World>>(() => World.BuildAsync(f))).Value;

    private sealed class World
    {
        private int _periods;

        private World(DanVanWebFactory factory, string tag)
        {
            Factory = factory;
            Tag = tag;
        }

        public DanVanWebFactory Factory { get; }

        public string Tag { get; }

        public Dictionary<string, int> Units { get; } = [];

        public Dictionary<string, ApiClient> Api { get; } = [];

        public string Code(string unit) => $"API-{unit}-{Tag}".ToUpperInvariant();

        public string UserName(string key) => $"api-{Tag}-{key}";

        /// <summary>A period nobody in this class has used yet, so every test files its own reports.</summary>
        public string NextPeriod()
        {
            var n = Interlocked.Increment(ref _periods);
            return ReportingPeriod.Month(2000 + (n / 12), (n % 12) + 1).ToString();
        }

        public static async Task<World> BuildAsync(DanVanWebFactory factory)
        {
            var world = new World(factory, Guid.NewGuid().ToString("N")[..8]);
            async Task AddAsync(string name, UnitKind kind, string? parent = null) =>
                world.Units[name] = await factory.AddUnitAsync(world.Code(name), $"Đơn vị {name} {world.Tag}", kind, parent is null ? null : world.Units[parent]);

            await AddAsync("P", UnitKind.Province);
            await AddAsync("D", UnitKind.District, "P");
            await AddAsync("C1", UnitKind.Commune, "D");
            await AddAsync("C2", UnitKind.Commune, "D");
            await AddAsync("D2", UnitKind.District, "P");
            await AddAsync("C3", UnitKind.Commune, "D2");

            (string Key, string Unit, string Role)[] people =
            [
                ("staff", "C1", Roles.Staff),
                ("leader", "C1", Roles.Leader),
                ("cons-d", "D", Roles.Consolidator),
                ("admin", "P", Roles.Admin),
            ];
            foreach (var (key, unit, role) in people)
            {
                await factory.AddUserAsync(world.UserName(key), world.Units[unit], role);
                world.Api[key] = await ApiClient.LogInAsync(factory, world.UserName(key));
            }

            return world;
        }

        /// <summary>
        /// A draft of <paramref name="unit"/> for <paramref name="period"/>, made through Core by one of the unit; with
        /// <paramref name="send"/>, sent up by its leader.
        /// </summary>
        public Task<int> CreateReportAsync(string unit, string period, bool send = false) =>
            Factory.WithServicesAsync(async sp =>
            {
                var reports = sp.GetRequiredService<ReportService>();
                var author = new Actor("", $"setup-{unit.ToLowerInvariant()}", "Cán bộ " + unit, Units[unit], new HashSet<string> { Roles.Staff });
                var id = await reports.CreateAsync(new CreateReport { Period = period }, author);
                if (send)
                {
                    var leader = new Actor("", $"setup-leader-{unit.ToLowerInvariant()}", "Lãnh đạo " + unit, Units[unit], new HashSet<string> { Roles.Leader });
                    await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = ReportAction.Submit }, leader);
                }

                return id;
            });
    }
}
