using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class Phase1GateAndErrorAnalysis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "experiment_review_items",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    trace_id = table.Column<string>(type: "text", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    seed = table.Column<int>(type: "integer", nullable: false),
                    drawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acceptable = table.Column<bool>(type: "boolean", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    failure_mode = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiment_review_items", x => new { x.run_id, x.item_id });
                });

            migrationBuilder.CreateTable(
                name: "failure_modes",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_failure_modes", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "trace_failure_modes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trace_id = table.Column<string>(type: "text", nullable: false),
                    failure_mode = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reviewer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trace_failure_modes", x => x.id);
                    table.ForeignKey(
                        name: "fk_trace_failure_modes_failure_modes_failure_mode",
                        column: x => x.failure_mode,
                        principalTable: "failure_modes",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "score_definitions",
                columns: new[] { "name", "categories", "data_type", "description", "max_value", "min_value" },
                values: new object[,]
                {
                    { "cites_outdated_article", null, "boolean", "The draft cites a help-article version older than the article's current version; the comment names slug and versions.", 1.0, 0.0 },
                    { "manual_review", null, "boolean", "A reviewer read the output and found it acceptable (true) or not (false); the comment says why (tone, wording, facts).", 1.0, 0.0 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_experiment_review_items_run_id_category_position",
                table: "experiment_review_items",
                columns: new[] { "run_id", "category", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_trace_failure_modes_failure_mode_category_created_at",
                table: "trace_failure_modes",
                columns: new[] { "failure_mode", "category", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_trace_failure_modes_trace_id_failure_mode",
                table: "trace_failure_modes",
                columns: new[] { "trace_id", "failure_mode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "experiment_review_items");

            migrationBuilder.DropTable(
                name: "trace_failure_modes");

            migrationBuilder.DropTable(
                name: "failure_modes");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "cites_outdated_article");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "manual_review");
        }
    }
}
