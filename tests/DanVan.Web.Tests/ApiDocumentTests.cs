using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DanVan.Core.Access;
using DanVan.Core.OrgUnits;
using DanVan.Core.Spreadsheets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace DanVan.Tests;

/// <summary>
/// /openapi/v1.json as an integrator reads it: valid OpenAPI 3.1, every operation with its bodies and problems, and
/// a client generated from it (NSwag, at test time) that runs the report journey as the people who do each step.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ApiDocumentTests(DanVanWebFactory app)
{
    [Fact]
    public async Task OpenApiDocument_AsServed_IsValidOpenApi31()
    {
        var json = await DocumentAsync();

        var read = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());

        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.Empty(read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!);
    }

    [Fact]
    public async Task OpenApiDocument_EveryOperation_StatesItsAnswersAndProblems()
    {
        using var document = JsonDocument.Parse(await DocumentAsync());

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .ToList();

        Assert.NotEmpty(operations);
        var failures = operations.SelectMany(o => Defects(o.Operation).Select(d => $"{o.Name}: {d}")).ToList();
        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task GeneratedClient_RunsTheReportJourney_AsTheRolesWhoDoEachStep()
    {
        // Arrange: a district (its consolidator) above a commune (its staff and leader), and a client made from the document.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var province = await app.AddUnitAsync($"GEN-P-{tag}", $"Tỉnh {tag}", UnitKind.Province);
        var district = await app.AddUnitAsync($"GEN-D-{tag}", $"Huyện {tag}", UnitKind.District, province);
        var commune = await app.AddUnitAsync($"GEN-C-{tag}", $"Xã {tag}", UnitKind.Commune, district);
        await app.AddUserAsync($"gen-staff-{tag}", commune, Roles.Staff);
        await app.AddUserAsync($"gen-leader-{tag}", commune, Roles.Leader);
        await app.AddUserAsync($"gen-cons-{tag}", district, Roles.Consolidator);
        var generated = await GeneratedApiClient.FromDocumentAsync(await DocumentAsync());
        var staff = await LogInAsync(generated, $"gen-staff-{tag}");
        var leader = await LogInAsync(generated, $"gen-leader-{tag}");
        var consolidator = await LogInAsync(generated, $"gen-cons-{tag}");
        var word = $"Kondan{tag}";

        // Act + Assert, step by step.
        var create = generated.New("CreateReportRequest");
        create.Period = "2025-Q1";
        var report = await staff.CreateReportAsync(create);
        int id = report.Id;
        Assert.Equal("Draft", report.Status.ToString());

        var section = generated.New("SectionUpdate");
        section.Text = $"Tổ chức hội nghị dân vận {word} tại thôn.";
        section.Version = 0;
        var saved = await staff.SaveSectionAsync(id, "I.1", section);
        Assert.Equal(1, (int)saved.Version);

        // A stale version comes back as the documented problem, typed.
        Exception stale = await Assert.ThrowsAnyAsync<Exception>(() => (Task)staff.SaveSectionAsync(id, "I.1", section));
        Assert.Equal(409, (int)((dynamic)stale).StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((string)((dynamic)stale).Result.Title));

        var figure = generated.New("FigureDto");
        figure.Name = "Số hội nghị";
        figure.Value = 3;
        figure.UnitOfMeasure = "hội nghị";
        var figures = generated.New("FiguresUpdate");
        figures.Figures = generated.List("FigureDto", figure);
        figures.Version = (int)saved.ReportVersion;
        var afterFigures = await staff.SaveFiguresAsync(id, figures);

        var sent = await staff.SendToLeaderAsync(id, Action(generated, null, (int)afterFigures.Version));
        Assert.Equal("AwaitingLeader", sent.Status.ToString());
        var submitted = await leader.SubmitReportAsync(id, Action(generated, null, (int)sent.Version));
        Assert.Equal("Submitted", submitted.Status.ToString());
        var returned = await consolidator.ReturnReportAsync(id, Action(generated, "Bổ sung số liệu tiếp công dân.", (int)submitted.Version));
        Assert.Equal("Returned", returned.Status.ToString());

        var seen = await staff.GetReportAsync(id);
        Assert.Equal("Bổ sung số liệu tiếp công dân.", (string)Enumerable.Last((IEnumerable<dynamic>)seen.History).Comment);
        var resent = await staff.SendToLeaderAsync(id, Action(generated, null, (int)seen.Version));
        var resubmitted = await leader.SubmitReportAsync(id, Action(generated, "Đã bổ sung", (int)resent.Version));
        var accepted = await consolidator.AcceptReportAsync(id, Action(generated, null, (int)resubmitted.Version));
        Assert.Equal("Accepted", accepted.Status.ToString());

        var found = await consolidator.SearchReportsAsync(q: word);
        Assert.Equal(1, (int)found.Total);
        Assert.Equal(id, (int)Enumerable.Single((IEnumerable<dynamic>)found.Hits).ReportId);

        var file = await consolidator.DownloadReportDocxAsync(id);
        using var docx = new ZipArchive((Stream)file.Stream);
        using var body = new StreamReader(docx.GetEntry("word/document.xml")!.Open());
        Assert.Contains(word, await body.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadFigureWorkbook_PastTheServersBodyLimit_AnswersTheDocumented413()
    {
        // Arrange: a real Kestrel server taking bodies of at most 1,000 bytes.
        await using var kestrel = new SmallBodyFactory();
        await ((IAsyncLifetime)kestrel).InitializeAsync();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var commune = await kestrel.AddUnitAsync($"BIG-{tag}", $"Xã {tag}", UnitKind.Commune);
        await kestrel.AddUserAsync($"big-{tag}", commune, Roles.Staff);
        // The factory's own client, which knows the server's port.
        var http = kestrel.CreateClient();
        var token = await (await http.PostAsJsonAsync("/api/v1/tokens", new { userName = $"big-{tag}", password = DanVanWebFactory.Password })).Content.ReadFromJsonAsync<ApiToken>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.Token);
        var staff = new ApiClient(http);
        var created = await staff.PostAsync("/api/v1/reports", new { period = "2025-Q1" });
        await ApiClient.EnsureStatusAsync(created, HttpStatusCode.Created);
        var report = await ApiClient.ReadJsonAsync<ApiReport>(created);
        using var workbook = new ByteArrayContent(new byte[20_000]);
        workbook.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);

        // Act
        var response = await staff.Client.PutAsync(new Uri($"/api/v1/reports/{report.Id}/figures.xlsx?version={report.Version}", UriKind.Relative), workbook);

        // Assert
        await ApiClient.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await ((IAsyncLifetime)kestrel).DisposeAsync();
    }

    private static dynamic Action(GeneratedApiClient generated, string? comment, int version)
    {
        var action = generated.New("ActionRequest");
        action.Comment = comment;
        action.Version = version;
        return action;
    }

    private async Task<dynamic> LogInAsync(GeneratedApiClient generated, string userName)
    {
        var request = generated.New("TokenRequest");
        request.UserName = userName;
        request.Password = DanVanWebFactory.Password;
        var token = await generated.Client(ApiClient.Anonymous(app)).CreateTokenAsync(request);
        var http = ApiClient.Anonymous(app);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token.Token);
        return generated.Client(http);
    }

    private async Task<string> DocumentAsync()
    {
        var response = await ApiClient.Anonymous(app).GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        await ApiClient.EnsureStatusAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private sealed class SmallBodyFactory : DanVanWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Uploads:MaxRequestBytes", "1000");
        }
    }

    /// <summary>What a client generator would miss in one operation.</summary>
    private static IEnumerable<string> Defects(JsonElement operation)
    {
        foreach (var part in new[] { "operationId", "summary", "description", "tags" })
        {
            if (!operation.TryGetProperty(part, out _))
            {
                yield return $"no {part}";
            }
        }

        var responses = operation.GetProperty("responses").EnumerateObject().ToList();
        var successes = responses.Where(r => r.Name.StartsWith('2')).ToList();
        if (successes.Count == 0)
        {
            yield return "no success response";
        }

        foreach (var success in successes.Where(r => r.Name != "204"))
        {
            if (!success.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
            {
                yield return $"{success.Name} describes no body";
                continue;
            }

            foreach (var media in content.EnumerateObject().Where(m => !m.Value.TryGetProperty("schema", out _)))
            {
                yield return $"{success.Name} {media.Name} has no schema";
            }
        }

        var anonymous = operation.TryGetProperty("operationId", out var id) && id.GetString() == "CreateToken";
        if (!anonymous && !operation.TryGetProperty("security", out _))
        {
            yield return "names no security scheme (Bearer)";
        }

        var problems = responses.Where(r => r.Name[0] is '4' or '5').ToList();
        if (operation.TryGetProperty("requestBody", out _) && !problems.Any(r => r.Name == "413"))
        {
            yield return "takes a body but does not list 413";
        }

        if (!problems.Any(r => r.Name == "401"))
        {
            yield return "does not list 401";
        }

        foreach (var problem in problems.Where(r => !(r.Value.TryGetProperty("content", out var c) && c.TryGetProperty("application/problem+json", out var m) && m.TryGetProperty("schema", out _))))
        {
            yield return $"{problem.Name} is not described as ProblemDetails";
        }
    }
}
