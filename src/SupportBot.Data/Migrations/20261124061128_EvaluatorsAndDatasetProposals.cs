using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvaluatorsAndDatasetProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dataset_proposals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    top_terms = table.Column<string[]>(type: "text[]", nullable: false),
                    example_subjects = table.Column<string[]>(type: "text[]", nullable: false),
                    ticket_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    named_by = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accepted_dataset_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dataset_proposals", x => x.id);
                    table.ForeignKey(
                        name: "fk_dataset_proposals_datasets_accepted_dataset_id",
                        column: x => x.accepted_dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "score_definitions",
                columns: new[] { "name", "categories", "data_type", "description", "max_value", "min_value" },
                values: new object[,]
                {
                    { "expected_article_cited", null, "boolean", "The draft cites the help article the item expects; skipped when the item names none.", 1.0, 0.0 },
                    { "grounding", null, "boolean", "Every URL and cited help article in the draft exists in the help-article index: nothing invented.", 1.0, 0.0 },
                    { "handoff_correct", null, "boolean", "The draft hands off exactly when the item expected a handoff.", 1.0, 0.0 },
                    { "judge_correctness", null, "numeric", "LLM judge: is the draft as correct and complete as the sent reply (1–5 scaled to 0–1); skipped without a judge model.", 1.0, 0.0 },
                    { "language_match", null, "boolean", "The draft is written in the item's language (en/de/fr/es stop-word profiles); skipped when too short to tell.", 1.0, 0.0 },
                    { "policy_compliance", null, "boolean", "The draft makes no promise outside policy (refunds, credits, deadlines, legal commitments), by the category's rules.", 1.0, 0.0 },
                    { "reference_f1", null, "numeric", "Token F1 between the draft and the reply that was sent (lower-cased words, punctuation stripped).", 1.0, 0.0 },
                    { "reference_rouge_l", null, "numeric", "ROUGE-L F-measure (longest common word subsequence) between the draft and the reply that was sent.", 1.0, 0.0 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_dataset_proposals_accepted_dataset_id",
                table: "dataset_proposals",
                column: "accepted_dataset_id");

            migrationBuilder.CreateIndex(
                name: "ix_dataset_proposals_batch_id",
                table: "dataset_proposals",
                column: "batch_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dataset_proposals");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "expected_article_cited");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "grounding");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "handoff_correct");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "judge_correctness");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "language_match");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "policy_compliance");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "reference_f1");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "reference_rouge_l");
        }
    }
}
