using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Keeps a section's search row in one piece up to a page (8 kB) instead of moving the tsvector out to the TOAST
    /// table once the row passes 2 kB. Search walks the newest sections testing each one's tsvector (SearchSql); with
    /// one in fourteen of them out of line, each of those cost a TOAST index lookup and read: the same walk over 62,000
    /// sections went from 67 to 47 ms in psql. VACUUM FULL rewrites the rows already there under the new limit (it
    /// locks the table while it runs: about a minute per million sections); it cannot run inside a transaction.
    /// </summary>
    public partial class SearchVectorsInline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "SectionSearch" SET (toast_tuple_target = 8160);""");
            migrationBuilder.Sql("""VACUUM FULL "SectionSearch";""", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "SectionSearch" RESET (toast_tuple_target);""");
        }
    }
}
