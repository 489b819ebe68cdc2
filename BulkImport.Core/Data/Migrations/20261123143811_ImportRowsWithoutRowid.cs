using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <summary>
    /// Rebuilds ImportRows as a WITHOUT ROWID table clustered on its key (ImportId, RowNumber). As a rowid table, every
    /// staged row also went into a separate index for the key, and every commit mark looked the row up twice (key index,
    /// then table); clustered, both are one B-tree (issue 7). EF Core cannot declare this, so the table is rebuilt here;
    /// a later migration that rebuilds ImportRows must keep WITHOUT ROWID.
    /// </summary>
    public partial class ImportRowsWithoutRowid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, " WITHOUT ROWID");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "");

        private static void Rebuild(MigrationBuilder migrationBuilder, string tableOption)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE "ImportRows_new" (
                    "ImportId" INTEGER NOT NULL,
                    "RowNumber" INTEGER NOT NULL,
                    "Status" INTEGER NOT NULL,
                    "Action" INTEGER NOT NULL,
                    "Values" TEXT NOT NULL,
                    "Messages" TEXT NOT NULL,
                    "RowKey" TEXT NULL,
                    "RecordId" INTEGER NULL,
                    "InvoiceId" INTEGER NULL,
                    "SkippedByOperator" INTEGER NOT NULL,
                    CONSTRAINT "PK_ImportRows" PRIMARY KEY ("ImportId", "RowNumber"),
                    CONSTRAINT "FK_ImportRows_Imports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "Imports" ("Id") ON DELETE CASCADE
                ){tableOption};
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ImportRows_new" ("ImportId", "RowNumber", "Status", "Action", "Values", "Messages", "RowKey", "RecordId", "InvoiceId", "SkippedByOperator")
                SELECT "ImportId", "RowNumber", "Status", "Action", "Values", "Messages", "RowKey", "RecordId", "InvoiceId", "SkippedByOperator" FROM "ImportRows";
                """);
            migrationBuilder.Sql("""DROP TABLE "ImportRows";""");
            migrationBuilder.Sql("""ALTER TABLE "ImportRows_new" RENAME TO "ImportRows";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_ImportRows_ImportId_RowKey" ON "ImportRows" ("ImportId", "RowKey") WHERE "RowKey" IS NOT NULL;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_ImportRows_ImportId_Status_RowNumber" ON "ImportRows" ("ImportId", "Status", "RowNumber");""");
        }
    }
}
