using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class SemanticRetrieval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The similar-tickets function now filters by a given category and returns the customer's name
            // (a new result column, so it is dropped and created rather than replaced).
            migrationBuilder.Sql(SupportBot.Data.Retrieval.SimilarTicketsFunction.DropSql);
            migrationBuilder.Sql(SupportBot.Data.Retrieval.SimilarTicketsFunction.CreateSql);

            migrationBuilder.CreateTable(
                name: "article_chunk_vectors",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    chunk = table.Column<int>(type: "integer", nullable: false),
                    model_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    start = table.Column<int>(type: "integer", nullable: false),
                    length = table.Column<int>(type: "integer", nullable: false),
                    vector = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_chunk_vectors", x => new { x.article_id, x.model_id, x.chunk });
                    table.ForeignKey(
                        name: "fk_article_chunk_vectors_help_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "help_articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ticket_vectors",
                columns: table => new
                {
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    model_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    vector = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_vectors", x => new { x.ticket_id, x.kind, x.model_id });
                    table.ForeignKey(
                        name: "fk_ticket_vectors_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_vectors_model_id_kind",
                table: "ticket_vectors",
                columns: new[] { "model_id", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SupportBot.Data.Retrieval.SimilarTicketsFunction.DropSql);

            migrationBuilder.DropTable(
                name: "article_chunk_vectors");

            migrationBuilder.DropTable(
                name: "ticket_vectors");
        }
    }
}
