using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PossibleDuplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "BatchDate",
                table: "Imports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CheckDuplicates",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Discrepancies",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UnresolvedDiscrepancies",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "UseBatchDateAsEnrollmentDate",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ImportDiscrepancies",
                columns: table => new
                {
                    ImportId = table.Column<int>(type: "INTEGER", nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Rules = table.Column<string>(type: "TEXT", nullable: false),
                    Candidates = table.Column<string>(type: "TEXT", nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    SelectedClientId = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportDiscrepancies", x => new { x.ImportId, x.RowNumber });
                    table.ForeignKey(
                        name: "FK_ImportDiscrepancies_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportDiscrepancies_ImportId_Resolution_RowNumber",
                table: "ImportDiscrepancies",
                columns: new[] { "ImportId", "Resolution", "RowNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportDiscrepancies");

            migrationBuilder.DropColumn(
                name: "BatchDate",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "CheckDuplicates",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "Discrepancies",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "UnresolvedDiscrepancies",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "UseBatchDateAsEnrollmentDate",
                table: "Imports");
        }
    }
}
