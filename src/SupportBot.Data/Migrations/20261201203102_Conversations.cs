using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class Conversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "category_pause_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    action = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_category_pause_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "category_pauses",
                columns: table => new
                {
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    paused_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_category_pauses", x => x.category);
                    table.ForeignKey(
                        name: "fk_category_pauses_categories_category",
                        column: x => x.category,
                        principalTable: "categories",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    customer_external_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    customer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    message_count = table.Column<int>(type: "integer", nullable: false),
                    customer_messages = table.Column<int>(type: "integer", nullable: false),
                    bot_answers = table.Column<int>(type: "integer", nullable: false),
                    handed_off_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handoff_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: true),
                    asked_for_human = table.Column<bool>(type: "boolean", nullable: false),
                    re_asks = table.Column<int>(type: "integer", nullable: false),
                    reopened = table.Column<bool>(type: "boolean", nullable: false),
                    abandoned = table.Column<bool>(type: "boolean", nullable: false),
                    resolved_by_customer = table.Column<bool>(type: "boolean", nullable: true),
                    awaiting_customer_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_bot_trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reopened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "conversation_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    draft_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    citations = table.Column<string>(type: "jsonb", nullable: true),
                    handoff_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversation_messages_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "score_definitions",
                columns: new[] { "name", "categories", "data_type", "description", "max_value", "min_value" },
                values: new object[,]
                {
                    { "abandoned", null, "boolean", "This answer asked or offered something and the customer neither wrote again within the abandon time nor closed the conversation.", null, null },
                    { "asked_for_human", null, "boolean", "After this bot answer the customer asked for a person (phrase rules or similarity to example requests, per language).", null, null },
                    { "re_asked", null, "boolean", "The customer's next message asked the same thing again: embedding similarity to the previous question above the calibrated threshold, with no new information.", null, null },
                    { "reopened", null, "boolean", "The conversation this answer closed was reopened within the reopen window (7 days).", null, null },
                    { "resolved", null, "boolean", "The customer's own answer when closing the conversation: resolved (true) or not (false).", null, null }
                });

            migrationBuilder.CreateIndex(
                name: "ix_category_pause_changes_category_changed_at",
                table: "category_pause_changes",
                columns: new[] { "category", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_messages_conversation_id_sequence",
                table: "conversation_messages",
                columns: new[] { "conversation_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversation_messages_trace_id",
                table: "conversation_messages",
                column: "trace_id",
                filter: "trace_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_awaiting_customer_since",
                table: "conversations",
                column: "awaiting_customer_since",
                filter: "awaiting_customer_since IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_conversations_category_created_at",
                table: "conversations",
                columns: new[] { "category", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_channel_customer_external_id",
                table: "conversations",
                columns: new[] { "channel", "customer_external_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_ticket_id",
                table: "conversations",
                column: "ticket_id",
                filter: "ticket_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "category_pause_changes");

            migrationBuilder.DropTable(
                name: "category_pauses");

            migrationBuilder.DropTable(
                name: "conversation_messages");

            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "abandoned");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "asked_for_human");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "re_asked");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "reopened");

            migrationBuilder.DeleteData(
                table: "score_definitions",
                keyColumn: "name",
                keyValue: "resolved");
        }
    }
}
