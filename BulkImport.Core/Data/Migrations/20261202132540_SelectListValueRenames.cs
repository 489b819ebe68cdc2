using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SelectListValueRenames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SelectListValueRenames",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Field = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RenamedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectListValueRenames", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SelectListValueRenames_RenamedAt",
                table: "SelectListValueRenames",
                column: "RenamedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SelectListValueRenames");
        }
    }
}
