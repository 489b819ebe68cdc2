using System.Data.Common;
using System.Globalization;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains.ClientAssignments;

/// <summary>
/// Writes Client Assignment rows with prepared commands in the caller's transaction. An insert adds the assignment
/// only if it does not exist yet (and its client and section still do), and, with Auto Create Invoices, one Open
/// invoice for the course fee dated the commit day; an update changes only the cells that are not blank.
/// Whatever changed in the database since validation becomes a Failed row with its reason, never an exception.
/// Assignments and invoices record the import and row as their lineage, and an update first keeps the before-image of
/// the cells it changes (SPEC 21).
/// </summary>
public sealed class ClientAssignmentCommitter(CommitSettings settings) : IDomainCommitter
{
    public const string OpenInvoiceStatus = BulkImport.Core.Clients.Invoice.OpenStatus;

    private static readonly int KeyColumns = ClientAssignmentColumns.All.Count - ClientAssignmentColumns.Stored.Count;

    private DbCommand? _insert;
    private DbCommand? _update;
    private DbCommand? _invoice;
    private DbCommand? _diagnose;
    private Data.BeforeImageWriter? _beforeImages;

    public async Task<IReadOnlyList<RowOutcome>> CommitBatchAsync(DbConnection connection, DbTransaction transaction, CommitBatch batch, CancellationToken ct)
    {
        var rows = batch.Rows;
        _insert ??= CreateInsert(connection);
        _update ??= CreateUpdate(connection);
        _invoice ??= CreateInvoice(connection);
        _diagnose ??= CreateDiagnose(connection);
        _insert.Transaction = _update.Transaction = _invoice.Transaction = _diagnose.Transaction = transaction;
        _beforeImages ??= new Data.BeforeImageWriter(connection, settings.ImportId, "ClientAssignments", "AssignmentId",
            [.. ClientAssignmentColumns.Stored.Select(s => s.Property)], ["ClientId", "CourseId", "SectionId"]);

        if (settings.KeepBeforeImages)
        {
            // One statement keeps the before-images of the batch's updates, before any of them changes its assignment.
            foreach (var row in rows)
            {
                if (row.Action != RowAction.Insert)
                {
                    var k = KeyOf(row.Values);
                    _beforeImages.Add(row.RowNumber, ChangedCells(row.Values), [k.ClientId, k.CourseId, k.SectionId]);
                }
            }

            _beforeImages.KeepAdded();
        }

        var outcomes = new RowOutcome[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var key = KeyOf(row.Values);
            outcomes[r] = row.Action == RowAction.Insert
                ? await InsertAsync(row, key, ct)
                : await UpdateAsync(row, key, ct);
        }

        return outcomes;
    }

    private async Task<RowOutcome> InsertAsync(CommitRow row, AssignmentKey key, CancellationToken ct)
    {
        Bind(_insert!, key, row.Values);
        BindLineage(_insert!, row.RowNumber);
        if (await _insert!.ExecuteScalarAsync(ct) is not { } created || created is DBNull)
        {
            // About the assignment's key, which the grid marks on Client ID as the key's checks in review do.
            return RowOutcome.FailedWith(row.RowNumber, RowAction.Insert, await WhyNotInsertedAsync(key, ct), ClientAssignmentColumns.ClientId);
        }

        var assignmentId = Convert.ToInt64(created, CultureInfo.InvariantCulture);
        long? invoiceId = null;
        if (settings.AutoCreateInvoices)
        {
            var p = _invoice!.Parameters;
            p[0].Value = assignmentId;
            p[1].Value = key.CourseId;
            BindLineage(_invoice, row.RowNumber);
            invoiceId = Convert.ToInt64(
                await _invoice.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"CourseID {key.CourseId} has no fee to invoice."),
                CultureInfo.InvariantCulture);
        }

        return RowOutcome.Succeeded(row.RowNumber, RowAction.Insert, assignmentId, invoiceId);
    }

    private async Task<RowOutcome> UpdateAsync(CommitRow row, AssignmentKey key, CancellationToken ct)
    {
        Bind(_update!, key, row.Values);
        BindLineage(_update!, row.RowNumber);
        return await _update!.ExecuteScalarAsync(ct) is { } updated and not DBNull
            ? RowOutcome.Succeeded(row.RowNumber, RowAction.Update, Convert.ToInt64(updated, CultureInfo.InvariantCulture))
            : RowOutcome.FailedWith(row.RowNumber, RowAction.Update,
                $"{key.Describe()} no longer exists; it was removed after the file was validated. Use Add or Add & Update to add it again.",
                ClientAssignmentColumns.ClientId);
    }

    /// <summary>Only runs for the rare insert that did not happen, to say why.</summary>
    private async Task<string> WhyNotInsertedAsync(AssignmentKey key, CancellationToken ct)
    {
        BindKey(_diagnose!, key);
        await using var reader = await _diagnose!.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.GetInt64(0) > 0)
        {
            return $"{key.Describe()} already exists: it was added after the file was validated. Use Update or Add & Update to change it.";
        }

        if (reader.GetInt64(1) == 0)
        {
            return $"Client ID {key.ClientId} no longer exists; it was removed after the file was validated.";
        }

        return $"SectionID {key.SectionId} of CourseID {key.CourseId} no longer exists; it was changed after the file was validated.";
    }

    /// <summary>Valid staged rows hold the canonical key in the first three columns.</summary>
    private static AssignmentKey KeyOf(string?[] values) => new(
        int.Parse(values[0]!, CultureInfo.InvariantCulture),
        int.Parse(values[1]!, CultureInfo.InvariantCulture),
        int.Parse(values[2]!, CultureInfo.InvariantCulture));

    private static void BindKey(DbCommand command, AssignmentKey key)
    {
        command.Parameters["@clientId"].Value = key.ClientId;
        command.Parameters["@courseId"].Value = key.CourseId;
        command.Parameters["@sectionId"].Value = key.SectionId;
    }

    private void BindLineage(DbCommand command, int rowNumber)
    {
        command.Parameters["@importId"].Value = settings.ImportId;
        command.Parameters["@rowNumber"].Value = rowNumber;
    }

    /// <summary>The stored columns an update changes (its non-blank cells), a bit each.</summary>
    private static long ChangedCells(string?[] values)
    {
        long changed = 0;
        for (var i = 0; i < ClientAssignmentColumns.Stored.Count; i++)
        {
            if (!string.IsNullOrEmpty(values[KeyColumns + i]))
            {
                changed |= 1L << i;
            }
        }

        return changed;
    }

    private static void Bind(DbCommand command, AssignmentKey key, string?[] values)
    {
        BindKey(command, key);
        for (var i = 0; i < ClientAssignmentColumns.Stored.Count; i++)
        {
            var value = values[KeyColumns + i];
            command.Parameters[i].Value = string.IsNullOrEmpty(value) ? DBNull.Value : value;
        }
    }

    private static DbCommand CreateInsert(DbConnection connection)
    {
        var columns = string.Join(", ", ClientAssignmentColumns.Stored.Select(s => $"\"{s.Property}\""));
        var parameters = string.Join(", ", ClientAssignmentColumns.Stored.Select((_, i) => "@p" + i));
        return Prepare(connection,
            $"""INSERT INTO "ClientAssignments" ("ClientId", "CourseId", "SectionId", {columns}, "CreatedByImportId", "CreatedByRow", "LastImportId", "LastImportRow") """ +
            $"SELECT @clientId, @courseId, @sectionId, {parameters}, @importId, @rowNumber, @importId, @rowNumber " +
            """WHERE EXISTS (SELECT 1 FROM "Clients" WHERE "ClientId" = @clientId) """ +
            """AND EXISTS (SELECT 1 FROM "Sections" WHERE "SectionId" = @sectionId AND "CourseId" = @courseId) """ +
            """ON CONFLICT DO NOTHING RETURNING "AssignmentId" """,
            stored: true, lineage: true);
    }

    private static DbCommand CreateUpdate(DbConnection connection)
    {
        var sets = string.Join(", ", ClientAssignmentColumns.Stored.Select((s, i) => $"\"{s.Property}\" = COALESCE(@p{i}, \"{s.Property}\")"));
        return Prepare(connection,
            $"UPDATE \"ClientAssignments\" SET {sets}, \"LastImportId\" = @importId, \"LastImportRow\" = @rowNumber " +
            "WHERE \"ClientId\" = @clientId AND \"CourseId\" = @courseId AND \"SectionId\" = @sectionId RETURNING \"AssignmentId\"",
            stored: true, lineage: true);
    }

    /// <summary>The amount (and the open balance) is copied from the course's Fee in the database, so it is stored exactly as the fee is.</summary>
    private DbCommand CreateInvoice(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText =
            """INSERT INTO "Invoices" ("AssignmentId", "Amount", "Balance", "InvoiceDate", "Status", "CreatedByImportId", "CreatedByRow", "LastImportId", "LastImportRow") """ +
            """SELECT @assignmentId, "Fee", "Fee", @invoiceDate, @status, @importId, @rowNumber, @importId, @rowNumber FROM "Courses" WHERE "CourseId" = @courseId RETURNING "InvoiceId" """;
        Add(command, "@assignmentId", 0L);
        Add(command, "@courseId", 0);
        Add(command, "@invoiceDate", settings.CommitDay);
        Add(command, "@status", OpenInvoiceStatus);
        Add(command, "@importId", 0);
        Add(command, "@rowNumber", 0);
        return command;
    }

    private static DbCommand CreateDiagnose(DbConnection connection) => Prepare(connection,
        """SELECT (SELECT COUNT(*) FROM "ClientAssignments" WHERE "ClientId" = @clientId AND "CourseId" = @courseId AND "SectionId" = @sectionId), """ +
        """(SELECT COUNT(*) FROM "Clients" WHERE "ClientId" = @clientId)""",
        stored: false);

    /// <summary>
    /// A command with the key parameters, the stored columns' parameters (@p0..) when <paramref name="stored"/>, and
    /// the import and row (@importId, @rowNumber) when <paramref name="lineage"/>.
    /// </summary>
    private static DbCommand Prepare(DbConnection connection, string sql, bool stored, bool lineage = false)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        if (stored)
        {
            for (var i = 0; i < ClientAssignmentColumns.Stored.Count; i++)
            {
                Add(command, "@p" + i, DBNull.Value);
            }
        }

        Add(command, "@clientId", 0);
        Add(command, "@courseId", 0);
        Add(command, "@sectionId", 0);
        if (lineage)
        {
            Add(command, "@importId", 0);
            Add(command, "@rowNumber", 0);
        }

        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
        _invoice?.Dispose();
        _diagnose?.Dispose();
        _beforeImages?.Dispose();
    }
}
