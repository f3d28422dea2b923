using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SectionSearch",
                columns: table => new
                {
                    SectionId = table.Column<int>(type: "integer", nullable: false),
                    Folded = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SectionSearch", x => x.SectionId);
                    table.ForeignKey(
                        name: "FK_SectionSearch_ReportSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "ReportSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The app folds the text (no unaccent needed: it is not immutable anyway), so the 'simple' configuration
            // only splits on spaces; the stored tsvector is computed by PostgreSQL on every insert and update.
            migrationBuilder.Sql("""
                ALTER TABLE "SectionSearch" ADD "Vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "Folded")) STORED;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_SectionSearch_Vector" ON "SectionSearch" USING gin ("Vector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SectionSearch");
        }
    }
}
