using System.Data.Common;
using Npgsql;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// Leases in the table <c>WorkLeases</c>, every time on the server's clock (<c>now()</c>), so instances whose clocks
/// differ agree on when a lease lapses. A claim is one statement: the row of a lapsed lease is locked and rewritten by
/// the first claimer; a second claimer waits on that row lock for the statement's few milliseconds and then sees a live
/// lease, so it gets nothing back.
/// </summary>
internal sealed class PostgreSqlLeaseStore : LeaseStore
{
    public static readonly PostgreSqlLeaseStore Instance = new();

    private PostgreSqlLeaseStore()
    {
    }

    /// <remarks>A released lease is deleted, so a claim that updates a row (<c>xmax</c> set) takes over a lapsed one.</remarks>
    public override async Task<LeaseClaim> TryClaimAsync(DbConnection connection, string kind, int importId, string holder, TimeSpan length, CancellationToken ct)
    {
        await using var command = Command(connection, """
            INSERT INTO "WorkLeases" ("Kind", "ImportId", "Holder", "ExpiresAt") VALUES ($1, $2, $3, now() + make_interval(secs => $4))
            ON CONFLICT ("Kind", "ImportId") DO UPDATE SET "Holder" = EXCLUDED."Holder", "ExpiresAt" = EXCLUDED."ExpiresAt"
            WHERE "WorkLeases"."ExpiresAt" <= now()
            RETURNING "xmax" <> 0
            """, kind, importId, holder, length.TotalSeconds);
        return await command.ExecuteScalarAsync(ct) switch
        {
            true => LeaseClaim.TakenOver,
            false => LeaseClaim.Claimed,
            _ => LeaseClaim.Refused,
        };
    }

    public override async Task<IReadOnlyList<(string Kind, int ImportId)>> RenewAsync(DbConnection connection, string holder, TimeSpan length, CancellationToken ct)
    {
        await using var command = Command(connection, """
            UPDATE "WorkLeases" SET "ExpiresAt" = now() + make_interval(secs => $2) WHERE "Holder" = $1 RETURNING "Kind", "ImportId"
            """, holder, length.TotalSeconds);
        var held = new List<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            held.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return held;
    }

    public override async Task ReleaseAsync(DbConnection connection, string kind, int importId, string holder, CancellationToken ct)
    {
        await using var command = Command(connection, """
            DELETE FROM "WorkLeases" WHERE "Kind" = $1 AND "ImportId" = $2 AND "Holder" = $3
            """, kind, importId, holder);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>FOR SHARE conflicts with a claim's update of the row, so a takeover waits for the batch to end.</summary>
    public override async Task<bool> ConfirmHeldAsync(DbConnection connection, DbTransaction transaction, string kind, int importId, string holder, CancellationToken ct)
    {
        await using var command = Command(connection, """
            SELECT 1 FROM "WorkLeases" WHERE "Kind" = $1 AND "ImportId" = $2 AND "Holder" = $3 AND "ExpiresAt" > now() FOR SHARE
            """, kind, importId, holder);
        command.Transaction = (NpgsqlTransaction)transaction;
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public override async Task<IReadOnlyList<(int ImportId, string Status)>> UnleasedImportsAsync(DbConnection connection, IReadOnlyList<string> statuses, CancellationToken ct)
    {
        await using var command = Command(connection, """
            SELECT i."Id", i."Status" FROM "Imports" i
            WHERE i."Status" = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM "WorkLeases" l WHERE l."ImportId" = i."Id" AND l."ExpiresAt" > now())
            ORDER BY i."Id"
            """, (object)statuses.ToArray());
        var found = new List<(int, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return found;
    }

    private static NpgsqlCommand Command(DbConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
