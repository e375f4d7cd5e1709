using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignalsScoringAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "score_definitions",
                columns: new[] { "name", "categories", "data_type", "description", "max_value", "min_value" },
                values: new object[,]
                {
                    { "edit_distance", null, "numeric", "Normalized word-level edit distance between the draft and the reply the team sent: 0 = sent unchanged, 1 = rewritten.", 1.0, 0.0 },
                    { "edit_distance_chars", null, "numeric", "Normalized character-level edit distance between the draft and the sent reply (0..1).", 1.0, 0.0 },
                    { "edit_type", new[] { "none", "tone", "corrected", "added" }, "categorical", "What the team changed before sending: none, tone (greetings, politeness, punctuation, case), corrected (facts, steps, links, numbers), added (new information only).", null, null },
                    { "thumbs", null, "boolean", "Thumbs up (true) or down (false) from the support team, with their comment.", null, null }
                });

            migrationBuilder.CreateIndex(
                name: "ix_draft_outcomes_trace_id",
                table: "draft_outcomes",
                column: "trace_id");

            migrationBuilder.CreateIndex(
                name: "ix_draft_outcomes_unreviewed",
                table: "draft_outcomes",
                columns: new[] { "category", "updated_at" },
                filter: "review_status IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_draft_outcomes_trace_id",
                table: "draft_outcomes");

            migrationBuilder.DropIndex(
                name: "ix_draft_outcomes_unreviewed",
                table: "draft_outcomes");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "edit_distance");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "edit_distance_chars");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "edit_type");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "thumbs");
        }
    }
}
