using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <summary>
    /// Keeps the commit's outcome of each row in ImportRowResults, a WITHOUT ROWID table clustered on (ImportId, Status,
    /// RowNumber), instead of rewriting the staged row (issue 7: the rewrite and its move in the status index were about
    /// half of a million-row commit). EF Core cannot declare WITHOUT ROWID, and its DropColumn would rebuild ImportRows
    /// without it, so this migration is SQL. The outcomes of imports committed before it move to the new table.
    /// </summary>
    public partial class RowResults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ImportRowResults" (
                    "ImportId" INTEGER NOT NULL,
                    "Status" INTEGER NOT NULL,
                    "RowNumber" INTEGER NOT NULL,
                    "RecordId" INTEGER NULL,
                    "InvoiceId" INTEGER NULL,
                    "Error" TEXT NULL,
                    CONSTRAINT "PK_ImportRowResults" PRIMARY KEY ("ImportId", "Status", "RowNumber"),
                    CONSTRAINT "FK_ImportRowResults_Imports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "Imports" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ImportRowResults" ("ImportId", "Status", "RowNumber", "RecordId", "InvoiceId", "Error")
                SELECT "ImportId", "Status", "RowNumber", "RecordId", "InvoiceId", CASE WHEN "Status" = 4 THEN json_extract("Messages", '$[0].Message') END
                FROM "ImportRows" WHERE "Status" IN (3, 4);
                """);
            migrationBuilder.Sql("""UPDATE "ImportRows" SET "Status" = 0, "Messages" = '[]' WHERE "Status" IN (3, 4);""");
            migrationBuilder.Sql("""ALTER TABLE "ImportRows" DROP COLUMN "RecordId";""");
            migrationBuilder.Sql("""ALTER TABLE "ImportRows" DROP COLUMN "InvoiceId";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "ImportRows" ADD COLUMN "RecordId" INTEGER NULL;""");
            migrationBuilder.Sql("""ALTER TABLE "ImportRows" ADD COLUMN "InvoiceId" INTEGER NULL;""");
            migrationBuilder.Sql("""
                UPDATE "ImportRows" SET ("Status", "RecordId", "InvoiceId", "Messages") = (
                    SELECT r."Status", r."RecordId", r."InvoiceId",
                        CASE WHEN r."Error" IS NULL THEN '[]' ELSE json_array(json_object('Message', r."Error", 'Code', 'commit')) END
                    FROM "ImportRowResults" r
                    WHERE r."ImportId" = "ImportRows"."ImportId" AND r."RowNumber" = "ImportRows"."RowNumber")
                WHERE EXISTS (SELECT 1 FROM "ImportRowResults" r WHERE r."ImportId" = "ImportRows"."ImportId" AND r."RowNumber" = "ImportRows"."RowNumber");
                """);
            migrationBuilder.Sql("""DROP TABLE "ImportRowResults";""");
        }
    }
}
