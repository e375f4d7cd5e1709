using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConversationReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "context",
                table: "dataset_items",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_note",
                table: "conversations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_status",
                table: "conversations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reviewed_at",
                table: "conversations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reviewed_by",
                table: "conversations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "context",
                table: "dataset_items");

            migrationBuilder.DropColumn(
                name: "review_note",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "review_status",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "reviewed_at",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "reviewed_by",
                table: "conversations");
        }
    }
}
