using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationAndSignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "category_phase_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    from_phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    to_phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    forced = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    gate_snapshot = table.Column<string>(type: "jsonb", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_category_phase_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "category_signal_stats",
                columns: table => new
                {
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent = table.Column<int>(type: "integer", nullable: false),
                    edited = table.Column<int>(type: "integer", nullable: false),
                    corrected = table.Column<int>(type: "integer", nullable: false),
                    word_edit_distance_sum = table.Column<double>(type: "double precision", nullable: false),
                    thumbs_up = table.Column<int>(type: "integer", nullable: false),
                    thumbs_down = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_category_signal_stats", x => new { x.category, x.hour });
                });

            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    current_version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_datasets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "draft_outcomes",
                columns: table => new
                {
                    draft_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_text = table.Column<string>(type: "text", nullable: true),
                    agent_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    word_edit_distance = table.Column<double>(type: "double precision", nullable: true),
                    char_edit_distance = table.Column<double>(type: "double precision", nullable: true),
                    edit_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    thumbs_up = table.Column<int>(type: "integer", nullable: false),
                    thumbs_down = table.Column<int>(type: "integer", nullable: false),
                    last_comment = table.Column<string>(type: "text", nullable: true),
                    review_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    review_note = table.Column<string>(type: "text", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_draft_outcomes", x => x.draft_id);
                    table.ForeignKey(
                        name: "fk_draft_outcomes_drafts_draft_id",
                        column: x => x.draft_id,
                        principalTable: "drafts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "score_definitions",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    data_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    min_value = table.Column<double>(type: "double precision", nullable: true),
                    max_value = table.Column<double>(type: "double precision", nullable: true),
                    categories = table.Column<string[]>(type: "text[]", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_score_definitions", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "dataset_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    dataset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    expected_output = table.Column<string>(type: "text", nullable: false),
                    expected_handoff = table.Column<bool>(type: "boolean", nullable: false),
                    expected_article_slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    source_ticket_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    metadata = table.Column<string>(type: "jsonb", nullable: false),
                    added_in_version = table.Column<int>(type: "integer", nullable: false),
                    removed_in_version = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dataset_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_dataset_items_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dataset_versions",
                columns: table => new
                {
                    dataset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    change = table.Column<string>(type: "text", nullable: false),
                    item_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dataset_versions", x => new { x.dataset_id, x.version });
                    table.ForeignKey(
                        name: "fk_dataset_versions_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "scores",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    data_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    numeric_value = table.Column<double>(type: "double precision", nullable: true),
                    string_value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    comment = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    experiment_run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scores", x => x.id);
                    table.ForeignKey(
                        name: "fk_scores_score_definitions_name",
                        column: x => x.name,
                        principalTable: "score_definitions",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_scores_traces_trace_id",
                        column: x => x.trace_id,
                        principalTable: "traces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_category_phase_changes_category_changed_at",
                table: "category_phase_changes",
                columns: new[] { "category", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_dataset_items_dataset_id_added_in_version",
                table: "dataset_items",
                columns: new[] { "dataset_id", "added_in_version" });

            migrationBuilder.CreateIndex(
                name: "ix_dataset_items_dataset_id_source_ticket_id",
                table: "dataset_items",
                columns: new[] { "dataset_id", "source_ticket_id" },
                unique: true,
                filter: "removed_in_version IS NULL AND source_ticket_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_dataset_items_dataset_id_source_trace_id",
                table: "dataset_items",
                columns: new[] { "dataset_id", "source_trace_id" },
                unique: true,
                filter: "removed_in_version IS NULL AND source_trace_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_datasets_name",
                table: "datasets",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_draft_outcomes_category_sent_at",
                table: "draft_outcomes",
                columns: new[] { "category", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "ix_scores_experiment_run_id",
                table: "scores",
                column: "experiment_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_scores_idempotency_key",
                table: "scores",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scores_name",
                table: "scores",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_scores_trace_id_name",
                table: "scores",
                columns: new[] { "trace_id", "name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "category_phase_changes");

            migrationBuilder.DropTable(
                name: "category_signal_stats");

            migrationBuilder.DropTable(
                name: "dataset_items");

            migrationBuilder.DropTable(
                name: "dataset_versions");

            migrationBuilder.DropTable(
                name: "draft_outcomes");

            migrationBuilder.DropTable(
                name: "scores");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropTable(
                name: "score_definitions");
        }
    }
}
