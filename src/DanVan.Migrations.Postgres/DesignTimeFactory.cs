using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DanVan.Migrations.Postgres;

public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DanVanDbContext>
{
    public DanVanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        new DanVanDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=danvan_design").Configure(options);
        return new DanVanDbContext(options.Options);
    }
}
