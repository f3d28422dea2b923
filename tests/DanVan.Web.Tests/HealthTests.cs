using System.Net;
using DanVan.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanVan.Tests;

[Collection(WebCollection.Name)]
public sealed class HealthTests(DanVanWebFactory app)
{
    [Fact]
    public async Task Health_DatabaseReachable_Answers200()
    {
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_DatabaseUnreachable_Answers503()
    {
        await using var broken = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", nameof(DatabaseProvider.Postgres));
            b.UseSetting("ConnectionStrings:DanVan", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");
            b.UseSetting("Demo:Seed", "false");
        });

        var response = await broken.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_ListsReportEndpoints()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/reports/{id}/sections/{key}", json, StringComparison.Ordinal);
        Assert.Contains("/api/v1/tokens", json, StringComparison.Ordinal);
    }
}
