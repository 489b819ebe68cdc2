using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <summary>
    /// One result per row of an import: a unique index on ImportRowResults (ImportId, RowNumber). The table stays
    /// WITHOUT ROWID and clustered on (ImportId, Status, RowNumber) (see RowResults): CREATE INDEX does not rebuild it.
    /// A row that already has both a Success and a Failed result (two committers once ran on one file: issue 15) keeps
    /// its Success, which wrote the record; its Failed result goes, and the import's counters with it.
    /// </summary>
    public partial class UniqueRowResult : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            const string twice = """
                "Status" = 4 AND EXISTS (SELECT 1 FROM "ImportRowResults" s
                    WHERE s."ImportId" = "ImportRowResults"."ImportId" AND s."RowNumber" = "ImportRowResults"."RowNumber" AND s."Status" = 3)
                """;
            migrationBuilder.Sql($"""
                UPDATE "Imports" SET "ProcessedRows" = "ProcessedRows" - d."Rows", "Failed" = "Failed" - d."Rows"
                FROM (SELECT "ImportId", COUNT(*) AS "Rows" FROM "ImportRowResults" WHERE {twice} GROUP BY "ImportId") AS d
                WHERE "Imports"."Id" = d."ImportId";
                """);
            migrationBuilder.Sql($"""DELETE FROM "ImportRowResults" WHERE {twice};""");
            migrationBuilder.CreateIndex(
                name: "IX_ImportRowResults_ImportId_RowNumber",
                table: "ImportRowResults",
                columns: new[] { "ImportId", "RowNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportRowResults_ImportId_RowNumber",
                table: "ImportRowResults");
        }
    }
}
