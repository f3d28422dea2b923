using System.Reflection;

namespace DanVan.Tests;

/// <summary>
/// Only `dotnet publish` puts the stylesheets and scripts beside the app: a build output run in Production would serve
/// every page without them, so it refuses to start and says what to run instead.
/// </summary>
[Trait("Database", "none")]
public sealed class PublishedBuildTests
{
    [Fact]
    public async Task BuildOutput_InProduction_RefusesToStartSayingToPublish()
    {
        var configuration = typeof(PublishedBuildTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(Fixtures.Root(), "..", "..", "src", "DanVan.Web", "bin", configuration, "net10.0", "DanVan.Web.dll");
        var home = Directory.CreateTempSubdirectory("danvan-build-output").FullName;
        try
        {
            using var app = ChildProcess.Start("build output", "dotnet", [dll], home, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["ConnectionStrings__DanVan"] = $"Data Source={Path.Combine(home, "danvan.db")}",
            });

            Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the build output kept running in Production:\n{app.Output}");
            Assert.Equal(1, app.ExitCode);
            Assert.Contains("Static files are missing", app.Output, StringComparison.Ordinal);
            Assert.Contains("dotnet publish src/DanVan.Web -c Release", app.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
