using DanVan.Core.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DanVan.Web.Infrastructure;

public sealed class DatabaseHealthCheck(DanVanDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Database is not reachable.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database is not reachable.", ex);
        }
    }
}
