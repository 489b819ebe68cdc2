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

            // Both tables are appended in row order by one import and read in row order by its undo: clustered on their
            // key WITHOUT ROWID (as ImportRows), one B-tree each instead of a table and a key index. EF Core cannot declare
            // this, so they are created here.
            migrationBuilder.Sql("""
                CREATE TABLE "ImportBeforeImages" (
                    "ImportId" INTEGER NOT NULL,
                    "RowNumber" INTEGER NOT NULL,
                    "RecordId" INTEGER NOT NULL,
                    "Changed" INTEGER NOT NULL,
                    "OldValues" TEXT NOT NULL,
                    "PreviousImportId" INTEGER NULL,
                    "PreviousImportRow" INTEGER NULL,
                    CONSTRAINT "PK_ImportBeforeImages" PRIMARY KEY ("ImportId", "RowNumber"),
                    CONSTRAINT "FK_ImportBeforeImages_Imports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "Imports" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                CREATE TABLE "ImportUndoResults" (
                    "ImportId" INTEGER NOT NULL,
                    "RowNumber" INTEGER NOT NULL,
                    "Status" INTEGER NOT NULL,
                    "RecordId" INTEGER NULL,
                    "Reason" TEXT NULL,
                    CONSTRAINT "PK_ImportUndoResults" PRIMARY KEY ("ImportId", "RowNumber"),
                    CONSTRAINT "FK_ImportUndoResults_Imports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "Imports" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);
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
