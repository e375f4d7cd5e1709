using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ShadowMode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "shadow_drafts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    candidate = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    production_draft_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    error = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    prompt_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prompt_version = table.Column<int>(type: "integer", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    text = table.Column<string>(type: "text", nullable: true),
                    shadow_category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    handoff = table.Column<bool>(type: "boolean", nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    latency_ms = table.Column<double>(type: "double precision", nullable: true),
                    production_latency_ms = table.Column<double>(type: "double precision", nullable: true),
                    input_tokens = table.Column<int>(type: "integer", nullable: true),
                    output_tokens = table.Column<int>(type: "integer", nullable: true),
                    flags = table.Column<string[]>(type: "text[]", nullable: false),
                    production_flags = table.Column<string[]>(type: "text[]", nullable: false),
                    drafted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    edit_distance = table.Column<double>(type: "double precision", nullable: true),
                    edit_distance_chars = table.Column<double>(type: "double precision", nullable: true),
                    production_edit_distance = table.Column<double>(type: "double precision", nullable: true),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shadow_drafts", x => x.id);
                    table.ForeignKey(
                        name: "fk_shadow_drafts_drafts_production_draft_id",
                        column: x => x.production_draft_id,
                        principalTable: "drafts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_shadow_drafts_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_drafts_created_at",
                table: "drafts",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_shadow_drafts_candidate_category",
                table: "shadow_drafts",
                columns: new[] { "candidate", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_shadow_drafts_production_draft_id",
                table: "shadow_drafts",
                column: "production_draft_id");

            migrationBuilder.CreateIndex(
                name: "ix_shadow_drafts_ticket_id_candidate",
                table: "shadow_drafts",
                columns: new[] { "ticket_id", "candidate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shadow_drafts_unscored",
                table: "shadow_drafts",
                column: "production_draft_id",
                filter: "scored_at IS NULL AND status = 'drafted'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "shadow_drafts");

            migrationBuilder.DropIndex(
                name: "ix_drafts_created_at",
                table: "drafts");
        }
    }
}
