using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BulkImport.Core.Data.Migrations
{
    /// <summary>
    /// Data only (issue 15, docs/decisions.md "Pathological files"). A row's key now says it takes part in the duplicate
    /// rule, so a key group's size is a count in the key index: rows skipped before this lose their key. And a
    /// duplicate-key message of a group of 12 rows or more is now recomputed when read, since an edit no longer rewrites
    /// the group: the messages such groups were given are marked so (their text says "and N more").
    /// </summary>
    public partial class SkippedRowsHaveNoKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "ImportRows" SET "RowKey" = NULL WHERE "Status" = 2 AND "RowKey" IS NOT NULL;""");
            migrationBuilder.Sql(
                """
                UPDATE "ImportRows" SET "Messages" = replace("Messages", '"Code":"duplicate-key"', '"Code":"duplicate-key-large"')
                WHERE "Status" = 1 AND "RowKey" IS NOT NULL AND "Messages" LIKE '% more. Keep one row per key%';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The keys of skipped rows are not needed back (editing a skipped row validates it again, which gives it its key),
            // and a message marked for recomputing reads the same as one stored.
        }
    }
}
