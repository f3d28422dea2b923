using System.Net;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace DanVan.Tests;

/// <summary>/openapi/v1.json as an integrator reads it: valid OpenAPI 3.1, every operation with its bodies and problems.</summary>
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

    private async Task<string> DocumentAsync()
    {
        var response = await ApiClient.Anonymous(app).GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        await ApiClient.EnsureStatusAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
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

        var problems = responses.Where(r => r.Name[0] is '4' or '5').ToList();
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
