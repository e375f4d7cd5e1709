using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "experiment_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    dataset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dataset_version = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    prompt_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prompt_label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    prompt_version = table.Column<int>(type: "integer", nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    pool = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    total_items = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiment_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_experiment_runs_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "experiment_item_results",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    output = table.Column<string>(type: "text", nullable: false),
                    handoff = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    duration_ms = table.Column<double>(type: "double precision", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiment_item_results", x => new { x.run_id, x.item_id });
                    table.ForeignKey(
                        name: "fk_experiment_item_results_dataset_items_item_id",
                        column: x => x.item_id,
                        principalTable: "dataset_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_experiment_item_results_experiment_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "experiment_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "score_definitions",
                columns: new[] { "name", "categories", "data_type", "description", "max_value", "min_value" },
                values: new object[] { "article_support", null, "numeric", "Share of the draft's content words found in the cited help articles (at the cited versions); skipped without a citation.", 1.0, 0.0 });

            migrationBuilder.CreateIndex(
                name: "ix_experiment_item_results_item_id",
                table: "experiment_item_results",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_experiment_runs_dataset_id",
                table: "experiment_runs",
                column: "dataset_id");

            migrationBuilder.CreateIndex(
                name: "ix_experiment_runs_pool_status_lease_expires_at",
                table: "experiment_runs",
                columns: new[] { "pool", "status", "lease_expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "experiment_item_results");

            migrationBuilder.DropTable(
                name: "experiment_runs");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "article_support");
        }
    }
}
