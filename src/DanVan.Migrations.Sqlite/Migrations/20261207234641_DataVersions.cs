using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanVan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DataVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataVersions",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataVersions", x => x.Name);
                });

            migrationBuilder.InsertData(
                table: "DataVersions",
                columns: new[] { "Name", "Value" },
                values: new object[] { "completeness", 1L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataVersions");
        }
    }
}
