using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using AngleSharp.Html.Dom;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Periods;
using DanVan.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Tests;

/// <summary>
/// Every role × every report endpoint × own / sibling / parent / child unit, through the real UI (cookie log-in
/// with antiforgery) and the real API (bearer tokens). The tree, shared by the class, is
/// <code>
/// P (province)
/// ├── SNV (department, consolidates for P)   consolidator "cons-snv"
/// ├── D (district)                           consolidator "cons-d"
/// │   ├── C1 (commune)                       staff "staff", leader "leader"
/// │   └── C2 (commune)
/// └── D2 (district)
///     └── C3 (commune)
/// </code>
/// and the admin belongs to P. Each row gets fresh reports in the target unit, so rows do not affect each other.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AuthorizationMatrixTests(DanVanWebFactory app)
{
    private const int Ok = 200;
    private const int Forbidden = 403;
    private const int NotFound = 404;

    /// <summary>The columns of the matrix, in the order of the expected status codes.</summary>
    private static readonly string[] Endpoints =
    [
        "UI GET /reports/{id}",
        "UI GET /reports/{id}/sections/I.1",
        "UI GET /reports/{id}/figures",
        "API GET /reports/{id}",
        "API PUT /reports/{id}/sections/I.1",
        "API POST /reports/{id}/submit",
        "API POST /reports/{id}/accept",
        "API POST /reports/{id}/return",
    ];

    // Outside the user's scope: every endpoint answers as if the report did not exist.
    private static readonly int[] Hidden = [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound];

    // Own unit's staff: reads and edits, may not submit (leader's job) nor accept/return (consolidator's).
    private static readonly int[] OwnStaff = [Ok, Ok, Ok, Ok, Ok, Forbidden, Forbidden, Forbidden];

    // Own unit's leader: like staff, and submits.
    private static readonly int[] OwnLeader = [Ok, Ok, Ok, Ok, Ok, Ok, Forbidden, Forbidden];

    // A consolidator above the unit: the unit's draft is the unit's own, as if it did not exist; reports sent up it
    // accepts and returns (it reads them and never edits them: Consolidator_ReportSentUp_ReadsButNeverEdits).
    private static readonly int[] Consolidates = [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, Ok, Ok];

    // Sở Nội vụ on the People's Committee it consolidates for: it drafts the committee's reports, so it reads them at
    // every status (edits only a consolidated report, which this is not), and reviews them once sent.
    private static readonly int[] DraftsFor = [Ok, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Ok, Ok];

    // Visible but nothing to do: the admin anywhere, a consolidator on its own unit's report.
    private static readonly int[] ReadOnly = [Ok, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden];

    private static readonly ConditionalWeakTable<DanVanWebFactory, Lazy<Task<World>>> Worlds = new();

    private static int _periods;

    public static TheoryData<string, string, string, int[]> Matrix => new()
    {
        { "staff", "own", "C1", OwnStaff },
        { "staff", "sibling", "C2", Hidden },
        { "staff", "parent", "D", Hidden },
        { "staff", "cousin", "C3", Hidden },
        { "leader", "own", "C1", OwnLeader },
        { "leader", "sibling", "C2", Hidden },
        { "leader", "parent", "D", Hidden },
        { "leader", "grandparent", "P", Hidden },
        { "cons-d", "child", "C1", Consolidates },
        { "cons-d", "child", "C2", Consolidates },
        { "cons-d", "own", "D", ReadOnly },
        { "cons-d", "parent", "P", Hidden },
        { "cons-d", "sibling", "D2", Hidden },
        { "cons-d", "sibling's child", "C3", Hidden },
        { "cons-d", "province department", "SNV", Hidden },
        { "cons-snv", "own", "SNV", ReadOnly },
        { "cons-snv", "province it consolidates for", "P", DraftsFor },
        { "cons-snv", "district of the province", "D", Consolidates },
        { "cons-snv", "commune of the province", "C1", Consolidates },
        { "cons-snv", "commune of the other district", "C3", Consolidates },
        { "admin", "own", "P", ReadOnly },
        { "admin", "commune", "C1", ReadOnly },
        { "admin", "other commune", "C3", ReadOnly },
        { "admin", "department", "SNV", ReadOnly },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task ReportEndpoints_RoleAndUnit_AnswerPerScopeAndWorkflowRules(string user, string relation, string unit, int[] expected)
    {
        // Arrange
        var world = await WorldAsync();
        var draft = await world.CreateReportAsync(unit, ReportStatus.Draft);
        var toAccept = await world.CreateReportAsync(unit, ReportStatus.Submitted);
        var toReturn = await world.CreateReportAsync(unit, ReportStatus.Submitted);
        var ui = world.Ui[user].Client;
        var api = world.Api[user];

        // Act: the draft takes the reads and edits, then the submit (which changes it last).
        var responses = new[]
        {
            await ui.GetAsync(new Uri($"/reports/{draft}", UriKind.Relative)),
            await ui.GetAsync(new Uri($"/reports/{draft}/sections/I.1", UriKind.Relative)),
            await ui.GetAsync(new Uri($"/reports/{draft}/figures", UriKind.Relative)),
            await api.GetAsync($"/api/v1/reports/{draft}"),
            await api.SaveSectionAsync(draft, "I.1", $"Nội dung do {user} nhập", 0),
            await api.ActAsync(draft, "submit"),
            await api.ActAsync(toAccept, "accept"),
            await api.ActAsync(toReturn, "return", "Bổ sung số liệu mục I.1"),
        };

        // Assert: every cell of the row, and that a refused write left the report as it was while an allowed
        // one changed it; one failure lists everything that differs.
        var wrong = Endpoints
            .Select((endpoint, i) => (endpoint, expected: expected[i], actual: (int)responses[i].StatusCode))
            .Where(c => c.expected != c.actual)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.endpoint}: expected {c.expected}, got {c.actual}"))
            .ToList();
        var (draftAfter, acceptedAfter, returnedAfter) = (await world.ReadAsync(draft), await world.ReadAsync(toAccept), await world.ReadAsync(toReturn));
        Check("text of I.1 afterwards", expected[4] == Ok ? $"Nội dung do {user} nhập" : "", draftAfter.Sections.Single(s => s.Key == "I.1").Text);
        Check("draft's status afterwards", expected[5] == Ok ? ReportStatus.Submitted : ReportStatus.Draft, draftAfter.Status);
        Check("accepted report's status afterwards", expected[6] == Ok ? ReportStatus.Accepted : ReportStatus.Submitted, acceptedAfter.Status);
        Check("returned report's status afterwards", expected[7] == Ok ? ReportStatus.Returned : ReportStatus.Submitted, returnedAfter.Status);
        wrong.AddRange(responses.Skip(3)
            .Where(r => !r.IsSuccessStatusCode && r.Content.Headers.ContentType?.MediaType != "application/problem+json")
            .Select(r => $"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri?.AbsolutePath}: {(int)r.StatusCode} is not application/problem+json"));
        Assert.True(wrong.Count == 0, $"{user} on a report of the {relation} unit {unit}:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");

        void Check<T>(string what, T expectedValue, T actualValue)
        {
            if (!EqualityComparer<T>.Default.Equals(expectedValue, actualValue))
            {
                wrong.Add($"{what}: expected {expectedValue}, got {actualValue}");
            }
        }
    }

    public static TheoryData<string, ReportStatus, string, int> StateRules => new()
    {
        // Consolidators act only on submitted reports, and do not see a unit's draft at all.
        { "cons-d", ReportStatus.Draft, "accept", 404 },
        { "cons-d", ReportStatus.AwaitingLeader, "accept", 404 },
        { "cons-d", ReportStatus.Returned, "accept", 400 },
        { "cons-d", ReportStatus.Accepted, "return", 400 },
        { "cons-snv", ReportStatus.Accepted, "accept", 400 },

        // Own staff and leader edit only while the report is with the unit; while it is with the leader, only the leader.
        { "staff", ReportStatus.Submitted, "section", 400 },
        { "leader", ReportStatus.Accepted, "section", 400 },
        { "staff", ReportStatus.AwaitingLeader, "section", 400 },
        { "leader", ReportStatus.AwaitingLeader, "section", 200 },
        { "staff", ReportStatus.Returned, "section", 200 },

        // The leader submits a draft, an awaiting or a returned report, but not one already sent.
        { "leader", ReportStatus.Submitted, "submit", 400 },
        { "leader", ReportStatus.Returned, "submit", 200 },
        { "leader", ReportStatus.AwaitingLeader, "return-to-staff", 200 },
        { "leader", ReportStatus.Draft, "return-to-staff", 400 },
        { "staff", ReportStatus.Draft, "send-to-leader", 200 },
        { "staff", ReportStatus.Draft, "return-to-staff", 403 },

        // A section saved against an older version is refused, not overwritten.
        { "staff", ReportStatus.Draft, "stale-section", 409 },
    };

    [Theory]
    [MemberData(nameof(StateRules))]
    public async Task Action_ReportInState_AnswersPerWorkflow(string user, ReportStatus state, string action, int expected)
    {
        // Arrange: a report of C1, which every one of these users may see.
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", state);
        var api = world.Api[user];
        if (action == "stale-section")
        {
            await ApiClient.EnsureStatusAsync(await api.SaveSectionAsync(id, "I.2", "Bản đầu", 0), HttpStatusCode.OK);
        }

        // Act
        var response = action switch
        {
            "section" => await api.SaveSectionAsync(id, "I.2", "Bổ sung", 0),
            "stale-section" => await api.SaveSectionAsync(id, "I.2", "Bản thứ hai, dựa trên bản cũ", 0),
            "return" => await api.ActAsync(id, action, "Lý do trả lại"),
            _ => await api.ActAsync(id, action),
        };

        // Assert
        if (expected == Ok)
        {
            await ApiClient.EnsureStatusAsync(response, HttpStatusCode.OK);
        }
        else
        {
            await ApiClient.AssertProblemAsync(response, (HttpStatusCode)expected);
        }
    }

    [Theory]
    [InlineData("cons-d", "C1")]
    [InlineData("cons-snv", "C3")]
    public async Task Consolidator_ReportSentUp_ReadsButNeverEdits(string user, string unit)
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync(unit, ReportStatus.Submitted);

        // Act
        var page = await world.Ui[user].Client.GetAsync(new Uri($"/reports/{id}", UriKind.Relative));
        var read = await world.Api[user].GetAsync($"/api/v1/reports/{id}");
        var edit = await world.Api[user].SaveSectionAsync(id, "I.1", "Sửa hộ đơn vị", 0);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await ApiClient.EnsureStatusAsync(read, HttpStatusCode.OK);
        await ApiClient.AssertProblemAsync(edit, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_ReportUrls_UiRedirectsToLoginAndApiAnswers401()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", ReportStatus.Draft);
        var client = ApiClient.Anonymous(app);

        // Act
        var page = await client.GetAsync(new Uri($"/reports/{id}", UriKind.Relative));
        var api = await client.GetAsync(new Uri($"/api/v1/reports/{id}", UriKind.Relative));
        var put = await client.PutAsync(new Uri($"/api/v1/reports/{id}/sections/I.1", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { text = "x", version = 0 }));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = new Uri(client.BaseAddress!, page.Headers.Location!);
        Assert.Equal("/account/login", location.AbsolutePath, ignoreCase: true);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
    }

    [Fact]
    public async Task UiPost_SectionFormSentToSiblingReport_Answers404AndLeavesItUnchanged()
    {
        // Arrange: a genuine form (with its antiforgery token) from the staff member's own report…
        var world = await WorldAsync();
        var own = await world.CreateReportAsync("C1", ReportStatus.Draft);
        var sibling = await world.CreateReportAsync("C2", ReportStatus.Draft);
        var browser = world.Ui["staff"];
        var (_, page) = await browser.GetPageAsync($"/reports/{own}/sections/I.1");
        var form = (IHtmlFormElement)page.QuerySelector("form.editor")!;

        // Act: …posted to another commune's report.
        var response = await browser.PostFormAsync(form, $"/reports/{sibling}/sections/I.1", new() { ["Input.Text"] = "Ghi đè" });

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("", (await world.ReadAsync(sibling)).Sections.Single(s => s.Key == "I.1").Text);
    }

    [Fact]
    public async Task UiPost_ConsolidatorAcceptsChildReport_RedirectsAndReportIsAccepted()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C2", ReportStatus.Submitted);
        var browser = world.Ui["cons-d"];
        var (_, page) = await browser.GetPageAsync($"/reports/{id}");
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => (f.GetAttribute("action") ?? "").Contains("handler=Accept", StringComparison.OrdinalIgnoreCase));

        // Act
        var response = await browser.PostFormAsync(form, $"/reports/{id}", []);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var report = await world.Api["cons-d"].ReadAsync<ApiReport>($"/api/v1/reports/{id}");
        Assert.Equal(nameof(ReportStatus.Accepted), report.Status);
    }

    [Fact]
    public async Task ReportPage_ReadOnlyUsers_OfferNoEditLinksNorActions()
    {
        // Arrange
        var world = await WorldAsync();
        var id = await world.CreateReportAsync("C1", ReportStatus.Draft);

        // Act
        var (adminResponse, adminPage) = await world.Ui["admin"].GetPageAsync($"/reports/{id}");
        var (staffResponse, staffPage) = await world.Ui["staff"].GetPageAsync($"/reports/{id}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, adminResponse.StatusCode);
        Assert.Empty(adminPage.QuerySelectorAll($"a[href='/reports/{id}/write#section-I.1']"));
        Assert.Empty(adminPage.QuerySelectorAll("section.actions form"));
        Assert.Equal(HttpStatusCode.OK, staffResponse.StatusCode);
        Assert.Single(staffPage.QuerySelectorAll($"a[href='/reports/{id}/write#section-I.1']"));
    }

    private Task<World> WorldAsync() => Worlds.GetValue(app, f => new Lazy<Task<World>>(() => World.BuildAsync(f))).Value;

    private sealed class World
    {
        private World(DanVanWebFactory factory) => Factory = factory;

        public DanVanWebFactory Factory { get; }

        public Dictionary<string, int> Units { get; } = [];

        public Dictionary<string, Browserless> Ui { get; } = [];

        public Dictionary<string, ApiClient> Api { get; } = [];

        public static async Task<World> BuildAsync(DanVanWebFactory factory)
        {
            var world = new World(factory);
            var tag = Guid.NewGuid().ToString("N")[..8];
            async Task AddAsync(string name, UnitKind kind, string? parent = null, string? consolidatesFor = null) =>
                world.Units[name] = await factory.AddUnitAsync(
                    $"AM-{name}-{tag}",
                    $"Đơn vị {name} {tag}",
                    kind,
                    parent is null ? null : world.Units[parent],
                    consolidatesFor is null ? null : world.Units[consolidatesFor]);

            await AddAsync("P", UnitKind.Province);
            await AddAsync("SNV", UnitKind.Department, parent: "P", consolidatesFor: "P");
            await AddAsync("D", UnitKind.District, parent: "P");
            await AddAsync("C1", UnitKind.Commune, parent: "D");
            await AddAsync("C2", UnitKind.Commune, parent: "D");
            await AddAsync("D2", UnitKind.District, parent: "P");
            await AddAsync("C3", UnitKind.Commune, parent: "D2");

            (string Key, string Unit, string Role)[] people =
            [
                ("staff", "C1", Roles.Staff),
                ("leader", "C1", Roles.Leader),
                ("cons-d", "D", Roles.Consolidator),
                ("cons-snv", "SNV", Roles.Consolidator),
                ("admin", "P", Roles.Admin),
            ];
            foreach (var (key, unit, role) in people)
            {
                var userName = $"am-{tag}-{key}";
                await factory.AddUserAsync(userName, world.Units[unit], role);
                world.Ui[key] = await Browserless.LogInAsync(factory, userName);
                world.Api[key] = await ApiClient.LogInAsync(factory, userName);
            }

            return world;
        }

        /// <summary>The report as stored, read past any scope.</summary>
        public Task<Report> ReadAsync(int id) =>
            Factory.WithServicesAsync(sp => sp.GetRequiredService<ReportService>().GetAsync(id, DanVanWebFactory.SystemAdmin(0)));

        /// <summary>A fresh report of <paramref name="unit"/> brought to <paramref name="state"/> through Core's workflow.</summary>
        public async Task<int> CreateReportAsync(string unit, ReportStatus state)
        {
            var n = Interlocked.Increment(ref _periods);
            var period = ReportingPeriod.Month(2000 + (n / 12), (n % 12) + 1).ToString();
            var leader = new Actor("", "setup-leader", "Lãnh đạo " + unit, Units[unit], new HashSet<string> { Roles.Leader });
            var consolidator = new Actor("", "setup-snv", "Sở Nội vụ", Units["SNV"], new HashSet<string> { Roles.Consolidator });
            return await Factory.WithServicesAsync(async sp =>
            {
                var reports = sp.GetRequiredService<ReportService>();
                var id = await reports.CreateAsync(new CreateReport { Period = period }, leader);
                ReportAction[] steps = state switch
                {
                    ReportStatus.Draft => [],
                    ReportStatus.AwaitingLeader => [ReportAction.SendToLeader],
                    ReportStatus.Submitted => [ReportAction.Submit],
                    ReportStatus.Returned => [ReportAction.Submit, ReportAction.Return],
                    ReportStatus.Accepted => [ReportAction.Submit, ReportAction.Accept],
                    _ => throw new ArgumentOutOfRangeException(nameof(state)),
                };
                foreach (var step in steps)
                {
                    var actor = step is ReportAction.Accept or ReportAction.Return ? consolidator : leader;
                    await reports.ChangeStatusAsync(new ChangeStatus { ReportId = id, Action = step, Comment = "Chuẩn bị dữ liệu kiểm thử" }, actor);
                }

                return id;
            });
        }
    }
}
