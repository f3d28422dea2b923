using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
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
                    SectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Folded = table.Column<string>(type: "TEXT", nullable: false)
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

            // FTS5 over the folded column (external content: the words are stored once, in SectionSearch). The text is
            // folded by the app (FTS5's remove_diacritics keeps "đ"), so the tokenizer only splits on spaces. Prefix
            // indexes for 2 to 6 letters (a Vietnamese syllable has at most 7): without them a prefix such as "dan*"
            // merges the whole posting lists of dan, dang, danh… before the first match comes out.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SectionSearchFts" USING fts5("Folded", content='SectionSearch', content_rowid='SectionId', tokenize='unicode61 remove_diacritics 0', prefix='2 3 4 5 6');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SectionSearch_ai" AFTER INSERT ON "SectionSearch" BEGIN
                  INSERT INTO "SectionSearchFts"(rowid, "Folded") VALUES (new."SectionId", new."Folded");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SectionSearch_ad" AFTER DELETE ON "SectionSearch" BEGIN
                  INSERT INTO "SectionSearchFts"("SectionSearchFts", rowid, "Folded") VALUES ('delete', old."SectionId", old."Folded");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SectionSearch_au" AFTER UPDATE ON "SectionSearch" BEGIN
                  INSERT INTO "SectionSearchFts"("SectionSearchFts", rowid, "Folded") VALUES ('delete', old."SectionId", old."Folded");
                  INSERT INTO "SectionSearchFts"(rowid, "Folded") VALUES (new."SectionId", new."Folded");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "SectionSearch_au";""");
            migrationBuilder.Sql("""DROP TRIGGER "SectionSearch_ad";""");
            migrationBuilder.Sql("""DROP TRIGGER "SectionSearch_ai";""");
            migrationBuilder.Sql("""DROP TABLE "SectionSearchFts";""");
            migrationBuilder.DropTable(
                name: "SectionSearch");
        }
    }
}
