using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Indicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "PlanFigures",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Formula",
                table: "PlanFigures",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Target",
                table: "PlanFigures",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WeightBy",
                table: "PlanFigures",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlanRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Expression = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanRules_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanRules_PlanId",
                table: "PlanRules",
                column: "PlanId");

            // Existing figures are numbered by their position in the plan (1, 2, 3 …), as the forms showed them.
            migrationBuilder.Sql("UPDATE \"PlanFigures\" SET \"Code\" = CAST(\"Order\" + 1 AS TEXT)");

            // A rate was rolled up by Min, Max or Sum and printed as the province's rate (the lowest unit's 90 %
            // when the mean was 95.4 %). A percentage may no longer take those; existing ones become the plain mean,
            // which the consolidator can change to a weighted mean or a formula.
            migrationBuilder.Sql("UPDATE \"PlanFigures\" SET \"Rollup\" = 'Mean' WHERE TRIM(\"UnitOfMeasure\") = '%' AND \"Kind\" <> 'Text' AND \"Rollup\" IN ('Min', 'Max', 'Sum')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanRules");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "PlanFigures");

            migrationBuilder.DropColumn(
                name: "Formula",
                table: "PlanFigures");

            migrationBuilder.DropColumn(
                name: "Target",
                table: "PlanFigures");

            migrationBuilder.DropColumn(
                name: "WeightBy",
                table: "PlanFigures");
        }
    }
}
