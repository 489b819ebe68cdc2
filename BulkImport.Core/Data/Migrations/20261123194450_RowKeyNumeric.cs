using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <summary>
    /// Gives ImportRows.RowKey NUMERIC affinity, so a whole-number key (a Client ID) is stored and indexed as an integer
    /// (issue 7: cheaper index entries when a million keyed rows are staged). SQLite cannot change a column's type, and
    /// EF Core's rebuild would drop WITHOUT ROWID, so the table is rebuilt here as migration ImportRowsWithoutRowid did,
    /// with the indexes it has now.
    /// </summary>
    public partial class RowKeyNumeric : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "NUMERIC");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "TEXT");

        private static void Rebuild(MigrationBuilder migrationBuilder, string rowKeyType)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE "ImportRows_new" (
                    "ImportId" INTEGER NOT NULL,
                    "RowNumber" INTEGER NOT NULL,
                    "Status" INTEGER NOT NULL,
                    "Action" INTEGER NOT NULL,
                    "Values" TEXT NOT NULL,
                    "Messages" TEXT NOT NULL,
                    "RowKey" {rowKeyType} NULL,
                    "SkippedByOperator" INTEGER NOT NULL,
                    CONSTRAINT "PK_ImportRows" PRIMARY KEY ("ImportId", "RowNumber"),
                    CONSTRAINT "FK_ImportRows_Imports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "Imports" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ImportRows_new" ("ImportId", "RowNumber", "Status", "Action", "Values", "Messages", "RowKey", "SkippedByOperator")
                SELECT "ImportId", "RowNumber", "Status", "Action", "Values", "Messages", "RowKey", "SkippedByOperator" FROM "ImportRows";
                """);
            migrationBuilder.Sql("""DROP TABLE "ImportRows";""");
            migrationBuilder.Sql("""ALTER TABLE "ImportRows_new" RENAME TO "ImportRows";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_ImportRows_ImportId_RowKey" ON "ImportRows" ("ImportId", "RowKey") WHERE "RowKey" IS NOT NULL;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_ImportRows_NotValid" ON "ImportRows" ("ImportId", "RowNumber", "Status") WHERE "Status" <> 0;""");
        }
    }
}
