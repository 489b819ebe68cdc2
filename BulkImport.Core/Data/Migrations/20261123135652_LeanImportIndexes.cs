using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeanImportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRows_ImportId_RowKey",
                table: "ImportRows");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Email",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_LastName",
                table: "Clients");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRows_ImportId_RowKey",
                table: "ImportRows",
                columns: new[] { "ImportId", "RowKey" },
                filter: "\"RowKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRows_ImportId_RowKey",
                table: "ImportRows");

            migrationBuilder.CreateIndex(
                name: "IX_ImportRows_ImportId_RowKey",
                table: "ImportRows",
                columns: new[] { "ImportId", "RowKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Email",
                table: "Clients",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_LastName",
                table: "Clients",
                column: "LastName");
        }
    }
}
