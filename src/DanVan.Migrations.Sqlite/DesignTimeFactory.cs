using DanVan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DanVan.Migrations.Sqlite;

public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DanVanDbContext>
{
    public DanVanDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DanVanDbContext>();
        new DanVanDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db").Configure(options);
        return new DanVanDbContext(options.Options);
    }
}
