using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class LineageAndUndo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LastImportId",
                table: "Payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastImportRow",
                table: "Payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreatedByImportId",
                table: "Invoices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreatedByRow",
                table: "Invoices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastImportId",
                table: "Invoices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastImportRow",
                table: "Invoices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "KeptRows",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "UndoStartedAt",
                table: "Imports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndoneBy",
                table: "Imports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UndoneRows",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CreatedByImportId",
                table: "Clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreatedByRow",
                table: "Clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastImportId",
                table: "Clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastImportRow",
                table: "Clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreatedByImportId",
                table: "ClientAssignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreatedByRow",
                table: "ClientAssignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastImportId",
                table: "ClientAssignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastImportRow",
                table: "ClientAssignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportBeforeImages",
                columns: table => new
                {
                    ImportId = table.Column<int>(type: "INTEGER", nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Changed = table.Column<long>(type: "INTEGER", nullable: false),
                    OldValues = table.Column<string>(type: "TEXT", nullable: false),
                    PreviousImportId = table.Column<int>(type: "INTEGER", nullable: true),
                    PreviousImportRow = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBeforeImages", x => new { x.ImportId, x.RowNumber });
                    table.ForeignKey(
                        name: "FK_ImportBeforeImages_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImportUndoResults",
                columns: table => new
                {
                    ImportId = table.Column<int>(type: "INTEGER", nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportUndoResults", x => new { x.ImportId, x.RowNumber });
                    table.ForeignKey(
                        name: "FK_ImportUndoResults_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportBeforeImages");

            migrationBuilder.DropTable(
                name: "ImportUndoResults");

            migrationBuilder.DropColumn(
                name: "LastImportId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "LastImportRow",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "CreatedByImportId",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "CreatedByRow",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "LastImportId",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "LastImportRow",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "KeptRows",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "UndoStartedAt",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "UndoneBy",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "UndoneRows",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "CreatedByImportId",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "CreatedByRow",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "LastImportId",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "LastImportRow",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "CreatedByImportId",
                table: "ClientAssignments");

            migrationBuilder.DropColumn(
                name: "CreatedByRow",
                table: "ClientAssignments");

            migrationBuilder.DropColumn(
                name: "LastImportId",
                table: "ClientAssignments");

            migrationBuilder.DropColumn(
                name: "LastImportRow",
                table: "ClientAssignments");
        }
    }
}
