using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.PostgreSql.Migrations
{
    /// <summary>
    /// The skip flag joins the not-Valid index, so View Results (Error rows and rows a person skipped, not blank rows)
    /// and the count of blank rows read the index alone instead of every staged row (ImportRowConfiguration). Made on
    /// each engine's set: its index is rebuilt from the table's not-Valid rows, a few in most imports.
    /// </summary>
    public partial class NotValidIndexWithSkipFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRows_NotValid",
                table: "ImportRows");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRows_NotValid",
                table: "ImportRows",
                columns: new[] { "ImportId", "RowNumber", "Status", "SkippedByOperator" },
                filter: "\"Status\" <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRows_NotValid",
                table: "ImportRows");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRows_NotValid",
                table: "ImportRows",
                columns: new[] { "ImportId", "RowNumber", "Status" },
                filter: "\"Status\" <> 0");
        }
    }
}
