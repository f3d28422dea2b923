using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanVan.Tests;

/// <summary>The token a client gets from POST /api/v1/tokens.</summary>
public sealed record ApiToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>A /api/v1 client as an integration would write it: a real token, JSON in and out, no cookies.</summary>
public sealed class ApiClient(HttpClient client)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Client { get; } = client;

    /// <summary>A client with no cookie jar, so only what the test sends (e.g. a bearer header) authenticates.</summary>
    public static HttpClient Anonymous(DanVanWebFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public static async Task<HttpResponseMessage> RequestTokenAsync(DanVanWebFactory factory, string userName, string password) =>
        await Anonymous(factory).PostAsJsonAsync("/api/v1/tokens", new { userName, password }, Json);

    /// <summary>Logs in through the token endpoint and returns a client that sends the token on every request.</summary>
    public static async Task<ApiClient> LogInAsync(DanVanWebFactory factory, string userName, string password = DanVanWebFactory.Password)
    {
        var response = await RequestTokenAsync(factory, userName, password);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Token for {userName} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var token = await response.Content.ReadFromJsonAsync<ApiToken>(Json) ?? throw new InvalidOperationException("Empty token response");
        var client = Anonymous(factory);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return new ApiClient(client);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(new Uri(url, UriKind.Relative));

    public Task<HttpResponseMessage> PutAsync(string url, object body) => Client.PutAsJsonAsync(url, body, Json);

    public Task<HttpResponseMessage> PostAsync(string url, object? body) =>
        body is null ? Client.PostAsync(new Uri(url, UriKind.Relative), null) : Client.PostAsJsonAsync(url, body, Json);

    public Task<HttpResponseMessage> SaveSectionAsync(int reportId, string key, string text, int version) =>
        PutAsync($"/api/v1/reports/{reportId}/sections/{key}", new { text, version });

    /// <summary>POST /api/v1/reports/{id}/{action} with {"comment","version"}.</summary>
    public Task<HttpResponseMessage> ActAsync(int reportId, string action, string? comment = null, int? version = null) =>
        PostAsync($"/api/v1/reports/{reportId}/{action}", new { comment, version });

    public async Task<T> ReadAsync<T>(string url)
    {
        var response = await GetAsync(url);
        await EnsureStatusAsync(response, HttpStatusCode.OK);
        return await ReadJsonAsync<T>(response);
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(Json) ?? throw new InvalidOperationException("Empty JSON body");

    /// <summary>Like Assert.Equal on the status, but shows the body when it differs (the problem's title says why).</summary>
    public static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}. {body[..Math.Min(body.Length, 500)]}");
        }
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and returns its JSON.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await EnsureStatusAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

/// <summary>The parts of the API's JSON the tests read, typed independently of the app's own DTOs.</summary>
public sealed record ApiUnit(int Id, string Code, string Name, string Kind, int? ParentId);

public sealed record ApiReportSummary(int Id, int UnitId, string UnitCode, string Period, string Status, int Version);

public sealed record ApiSection(string Key, string Heading, int Level, string Text, int Version, string? UpdatedBy);

public sealed record ApiSectionSaved(string Key, int Version, int ReportVersion);

public sealed record ApiFigure(string Name, decimal Value, string UnitOfMeasure);

public sealed record ApiTransition(DateTime At, string UserName, string? From, string To, string? Comment);

public sealed record ApiReport(
    int Id, int UnitId, string UnitCode, string Period, string Title, string Status, int Version,
    IReadOnlyList<ApiSection> Sections, IReadOnlyList<ApiFigure> Figures, IReadOnlyList<ApiTransition> History);

public sealed record ApiStatus(string Status, int Version);

