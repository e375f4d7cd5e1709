using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class Monitors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checked_replies",
                columns: table => new
                {
                    reply_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    conversation_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    flag_count = table.Column<int>(type: "integer", nullable: false),
                    flags = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checked_replies", x => x.reply_id);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: true),
                    latest_reply_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    severity_rank = table.Column<int>(type: "integer", nullable: false),
                    monitors = table.Column<string[]>(type: "text[]", nullable: false),
                    flag_count = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    first_flagged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_flagged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    taken_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_ups", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "score_definitions",
                columns: new[] { "name", "categories", "data_type", "description", "max_value", "min_value" },
                values: new object[,]
                {
                    { "invented_link", new[] { "low", "medium", "high" }, "categorical", "Monitor flag (invented_link): the value is the severity, the comment the evidence span, kind and monitor version (docs/monitors.md).", null, null },
                    { "invented_policy", new[] { "low", "medium", "high" }, "categorical", "Monitor flag (invented_policy): the value is the severity, the comment the evidence span, kind and monitor version (docs/monitors.md).", null, null },
                    { "leaked_data", new[] { "low", "medium", "high" }, "categorical", "Monitor flag (leaked_data): the value is the severity, the comment the evidence span, kind and monitor version (docs/monitors.md).", null, null },
                    { "llm_judge", new[] { "low", "medium", "high" }, "categorical", "Monitor flag (llm_judge): the value is the severity, the comment the evidence span, kind and monitor version (docs/monitors.md).", null, null },
                    { "monitor_error", new[] { "low", "medium", "high" }, "categorical", "A monitor threw on this reply (the comment names it); the other monitors still ran.", null, null },
                    { "prompt_injection", new[] { "low", "medium", "high" }, "categorical", "Monitor flag (prompt_injection): the value is the severity, the comment the evidence span, kind and monitor version (docs/monitors.md).", null, null },
                    { "rudeness", new[] { "low", "medium", "high" }, "categorical", "Monitor flag (rudeness): the value is the severity, the comment the evidence span, kind and monitor version (docs/monitors.md).", null, null },
                    { "unauthorized_commitment", new[] { "low", "medium", "high" }, "categorical", "Monitor flag (unauthorized_commitment): the value is the severity, the comment the evidence span, kind and monitor version (docs/monitors.md).", null, null },
                    { "unsafe_advice", new[] { "low", "medium", "high" }, "categorical", "Monitor flag (unsafe_advice): the value is the severity, the comment the evidence span, kind and monitor version (docs/monitors.md).", null, null }
                });

            migrationBuilder.CreateIndex(
                name: "ix_checked_replies_conversation_key",
                table: "checked_replies",
                column: "conversation_key");

            migrationBuilder.CreateIndex(
                name: "ix_checked_replies_trace_id",
                table: "checked_replies",
                column: "trace_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_open_conversation",
                table: "follow_ups",
                column: "conversation_key",
                unique: true,
                filter: "status <> 'resolved'");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_status_severity_rank_first_flagged_at",
                table: "follow_ups",
                columns: new[] { "status", "severity_rank", "first_flagged_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checked_replies");

            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "invented_link");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "invented_policy");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "leaked_data");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "llm_judge");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "monitor_error");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "prompt_injection");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "rudeness");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "unauthorized_commitment");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "unsafe_advice");
        }
    }
}
