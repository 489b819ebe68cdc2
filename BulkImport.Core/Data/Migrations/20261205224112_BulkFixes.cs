using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class BulkFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FixesImportId",
                table: "Imports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportProblemGroups",
                columns: table => new
                {
                    ImportId = table.Column<int>(type: "INTEGER", nullable: false),
                    Column = table.Column<string>(type: "TEXT", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", nullable: false),
                    ValueKey = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: true),
                    Value = table.Column<string>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportProblemGroups", x => new { x.ImportId, x.Column, x.Rule, x.ValueKey });
                    table.ForeignKey(
                        name: "FK_ImportProblemGroups_Imports_ImportId",
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
                name: "ImportProblemGroups");

            migrationBuilder.DropColumn(
                name: "FixesImportId",
                table: "Imports");
        }
    }
}
