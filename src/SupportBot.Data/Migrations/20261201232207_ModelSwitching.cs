using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelSwitching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "model_configuration",
                table: "experiment_runs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "draft_ms",
                table: "experiment_item_results",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "input_tokens",
                table: "experiment_item_results",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "output_tokens",
                table: "experiment_item_results",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "tokens_counted",
                table: "experiment_item_results",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "model_comparisons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    prompt_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    baseline_prompt_version = table.Column<int>(type: "integer", nullable: false),
                    candidate_prompt_version = table.Column<int>(type: "integer", nullable: false),
                    baseline_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    candidate_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    runs = table.Column<string>(type: "jsonb", nullable: false),
                    margins = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: true),
                    verdict = table.Column<string>(type: "text", nullable: true),
                    report = table.Column<string>(type: "jsonb", nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_comparisons", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "production_models",
                columns: table => new
                {
                    prompt_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_production_models", x => x.prompt_name);
                });

            migrationBuilder.CreateTable(
                name: "model_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    prompt_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    from_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    to_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    from_prompt_version = table.Column<int>(type: "integer", nullable: false),
                    to_prompt_version = table.Column<int>(type: "integer", nullable: false),
                    forced = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    comparison_id = table.Column<Guid>(type: "uuid", nullable: true),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_model_changes_model_comparisons_comparison_id",
                        column: x => x.comparison_id,
                        principalTable: "model_comparisons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_model_changes_comparison_id",
                table: "model_changes",
                column: "comparison_id");

            migrationBuilder.CreateIndex(
                name: "ix_model_changes_prompt_name_changed_at",
                table: "model_changes",
                columns: new[] { "prompt_name", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_model_comparisons_prompt_name_candidate_model_created_at",
                table: "model_comparisons",
                columns: new[] { "prompt_name", "candidate_model", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "model_changes");

            migrationBuilder.DropTable(
                name: "production_models");

            migrationBuilder.DropTable(
                name: "model_comparisons");

            migrationBuilder.DropColumn(
                name: "model_configuration",
                table: "experiment_runs");

            migrationBuilder.DropColumn(
                name: "draft_ms",
                table: "experiment_item_results");

            migrationBuilder.DropColumn(
                name: "input_tokens",
                table: "experiment_item_results");

            migrationBuilder.DropColumn(
                name: "output_tokens",
                table: "experiment_item_results");

            migrationBuilder.DropColumn(
                name: "tokens_counted",
                table: "experiment_item_results");
        }
    }
}
