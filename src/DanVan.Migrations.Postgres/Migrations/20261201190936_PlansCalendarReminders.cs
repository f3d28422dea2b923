using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace DanVan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PlansCalendarReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CopiedFromReportId",
                table: "ReportSections",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Guidance",
                table: "ReportSections",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Required",
                table: "ReportSections",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PlanId",
                table: "Reports",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PlanFigureId",
                table: "ReportFigures",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextValue",
                table: "ReportFigures",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CalendarDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CarryForwardItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Task = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarryForwardItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CarryForwardItems_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerUnitId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PeriodType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Semantics = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FirstPeriod = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    LastPeriod = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AudienceRootId = table.Column<int>(type: "integer", nullable: true),
                    AudienceUnitKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    UnitDeadlineKind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    UnitDeadlineValue = table.Column<int>(type: "integer", nullable: false),
                    OwnerDeadlineKind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    OwnerDeadlineValue = table.Column<int>(type: "integer", nullable: false),
                    LockAfterDays = table.Column<int>(type: "integer", nullable: true),
                    RemindDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Plans_Units_AudienceRootId",
                        column: x => x.AudienceRootId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Plans_Units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LockExceptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LockExceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LockExceptions_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LockExceptions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanFigures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    UnitOfMeasure = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Rollup = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanFigures_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanSections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Heading = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Guidance = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanSections_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanUnits",
                columns: table => new
                {
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanUnits", x => new { x.PlanId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_PlanUnits_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlanUnits_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RemindersSent",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Notified = table.Column<int>(type: "integer", nullable: false),
                    Emailed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemindersSent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RemindersSent_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RemindersSent_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "CalendarDays",
                columns: new[] { "Id", "Date", "Kind", "Name" },
                values: new object[,]
                {
                    { 1, new DateOnly(2024, 1, 1), "Holiday", "Tết Dương lịch" },
                    { 2, new DateOnly(2024, 2, 8), "Holiday", "Tết Nguyên đán Giáp Thìn" },
                    { 3, new DateOnly(2024, 2, 9), "Holiday", "Tết Nguyên đán Giáp Thìn" },
                    { 4, new DateOnly(2024, 2, 12), "Holiday", "Tết Nguyên đán Giáp Thìn" },
                    { 5, new DateOnly(2024, 2, 13), "Holiday", "Tết Nguyên đán Giáp Thìn" },
                    { 6, new DateOnly(2024, 2, 14), "Holiday", "Tết Nguyên đán Giáp Thìn" },
                    { 7, new DateOnly(2024, 4, 18), "Holiday", "Giỗ Tổ Hùng Vương" },
                    { 8, new DateOnly(2024, 4, 29), "Holiday", "Nghỉ bù (làm bù thứ Bảy 04/5/2024)" },
                    { 9, new DateOnly(2024, 4, 30), "Holiday", "Ngày Chiến thắng" },
                    { 10, new DateOnly(2024, 5, 1), "Holiday", "Ngày Quốc tế Lao động" },
                    { 11, new DateOnly(2024, 5, 4), "MakeUpWorkday", "Làm bù cho ngày 29/4/2024" },
                    { 12, new DateOnly(2024, 9, 2), "Holiday", "Quốc khánh" },
                    { 13, new DateOnly(2024, 9, 3), "Holiday", "Quốc khánh" },
                    { 14, new DateOnly(2025, 1, 1), "Holiday", "Tết Dương lịch" },
                    { 15, new DateOnly(2025, 1, 27), "Holiday", "Tết Nguyên đán Ất Tỵ" },
                    { 16, new DateOnly(2025, 1, 28), "Holiday", "Tết Nguyên đán Ất Tỵ" },
                    { 17, new DateOnly(2025, 1, 29), "Holiday", "Tết Nguyên đán Ất Tỵ" },
                    { 18, new DateOnly(2025, 1, 30), "Holiday", "Tết Nguyên đán Ất Tỵ" },
                    { 19, new DateOnly(2025, 1, 31), "Holiday", "Tết Nguyên đán Ất Tỵ" },
                    { 20, new DateOnly(2025, 4, 7), "Holiday", "Giỗ Tổ Hùng Vương" },
                    { 21, new DateOnly(2025, 4, 30), "Holiday", "Ngày Chiến thắng" },
                    { 22, new DateOnly(2025, 5, 1), "Holiday", "Ngày Quốc tế Lao động" },
                    { 23, new DateOnly(2025, 5, 2), "Holiday", "Nghỉ bù (làm bù thứ Bảy 26/4/2025)" },
                    { 24, new DateOnly(2025, 4, 26), "MakeUpWorkday", "Làm bù cho ngày 02/5/2025" },
                    { 25, new DateOnly(2025, 9, 1), "Holiday", "Quốc khánh" },
                    { 26, new DateOnly(2025, 9, 2), "Holiday", "Quốc khánh" },
                    { 27, new DateOnly(2026, 1, 1), "Holiday", "Tết Dương lịch" },
                    { 28, new DateOnly(2026, 2, 16), "Holiday", "Tết Nguyên đán Bính Ngọ" },
                    { 29, new DateOnly(2026, 2, 17), "Holiday", "Tết Nguyên đán Bính Ngọ" },
                    { 30, new DateOnly(2026, 2, 18), "Holiday", "Tết Nguyên đán Bính Ngọ" },
                    { 31, new DateOnly(2026, 2, 19), "Holiday", "Tết Nguyên đán Bính Ngọ" },
                    { 32, new DateOnly(2026, 2, 20), "Holiday", "Tết Nguyên đán Bính Ngọ" },
                    { 33, new DateOnly(2026, 4, 27), "Holiday", "Giỗ Tổ Hùng Vương (nghỉ bù, 26/4 là Chủ nhật)" },
                    { 34, new DateOnly(2026, 4, 30), "Holiday", "Ngày Chiến thắng" },
                    { 35, new DateOnly(2026, 5, 1), "Holiday", "Ngày Quốc tế Lao động" },
                    { 36, new DateOnly(2026, 9, 1), "Holiday", "Quốc khánh" },
                    { 37, new DateOnly(2026, 9, 2), "Holiday", "Quốc khánh" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportSections_CopiedFromReportId",
                table: "ReportSections",
                column: "CopiedFromReportId");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_PlanId",
                table: "Reports",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportFigures_PlanFigureId",
                table: "ReportFigures",
                column: "PlanFigureId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarDays_Date",
                table: "CalendarDays",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CarryForwardItems_ReportId",
                table: "CarryForwardItems",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_LockExceptions_PlanId_UnitId_Period",
                table: "LockExceptions",
                columns: new[] { "PlanId", "UnitId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_LockExceptions_UnitId",
                table: "LockExceptions",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanFigures_PlanId",
                table: "PlanFigures",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_AudienceRootId",
                table: "Plans",
                column: "AudienceRootId");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_OwnerUnitId_Number_IssuedOn",
                table: "Plans",
                columns: new[] { "OwnerUnitId", "Number", "IssuedOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanSections_PlanId_Key",
                table: "PlanSections",
                columns: new[] { "PlanId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanUnits_UnitId",
                table: "PlanUnits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RemindersSent_PlanId_UnitId_Period_Kind",
                table: "RemindersSent",
                columns: new[] { "PlanId", "UnitId", "Period", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemindersSent_UnitId",
                table: "RemindersSent",
                column: "UnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_ReportFigures_PlanFigures_PlanFigureId",
                table: "ReportFigures",
                column: "PlanFigureId",
                principalTable: "PlanFigures",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Reports_Plans_PlanId",
                table: "Reports",
                column: "PlanId",
                principalTable: "Plans",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ReportSections_Reports_CopiedFromReportId",
                table: "ReportSections",
                column: "CopiedFromReportId",
                principalTable: "Reports",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ReportFigures_PlanFigures_PlanFigureId",
                table: "ReportFigures");

            migrationBuilder.DropForeignKey(
                name: "FK_Reports_Plans_PlanId",
                table: "Reports");

            migrationBuilder.DropForeignKey(
                name: "FK_ReportSections_Reports_CopiedFromReportId",
                table: "ReportSections");

            migrationBuilder.DropTable(
                name: "CalendarDays");

            migrationBuilder.DropTable(
                name: "CarryForwardItems");

            migrationBuilder.DropTable(
                name: "LockExceptions");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PlanFigures");

            migrationBuilder.DropTable(
                name: "PlanSections");

            migrationBuilder.DropTable(
                name: "PlanUnits");

            migrationBuilder.DropTable(
                name: "RemindersSent");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropIndex(
                name: "IX_ReportSections_CopiedFromReportId",
                table: "ReportSections");

            migrationBuilder.DropIndex(
                name: "IX_Reports_PlanId",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_ReportFigures_PlanFigureId",
                table: "ReportFigures");

            migrationBuilder.DropColumn(
                name: "CopiedFromReportId",
                table: "ReportSections");

            migrationBuilder.DropColumn(
                name: "Guidance",
                table: "ReportSections");

            migrationBuilder.DropColumn(
                name: "Required",
                table: "ReportSections");

            migrationBuilder.DropColumn(
                name: "PlanId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "PlanFigureId",
                table: "ReportFigures");

            migrationBuilder.DropColumn(
                name: "TextValue",
                table: "ReportFigures");
        }
    }
}
