using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatusIndexWithoutValidRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRows_ImportId_Status_RowNumber",
                table: "ImportRows");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRows_NotValid",
                table: "ImportRows",
                columns: new[] { "ImportId", "RowNumber", "Status" },
                filter: "\"Status\" <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRows_NotValid",
                table: "ImportRows");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRows_ImportId_Status_RowNumber",
                table: "ImportRows",
                columns: new[] { "ImportId", "Status", "RowNumber" });
        }
    }
}
