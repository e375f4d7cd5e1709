using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExperimentSkippedMetrics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "skipped_metrics",
                table: "experiment_runs",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "skipped_metrics",
                table: "experiment_runs");
        }
    }
}
