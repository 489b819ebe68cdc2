using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Tests.Api;
using BulkImport.Tests.BadInputs;
using BulkImport.Tests.Imports.Commit;
using BulkImport.Tests.Jobs;
using BulkImport.Tests.Fixes;
using BulkImport.Tests.Imports.Discrepancies;
using BulkImport.Tests.Imports.Undo;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.PostgreSql;

// The API, commit-guarantee, crash and bad-input tests again on PostgreSQL (issue 23), and the usage reservation of
// commits side by side (which PostgreSqlWriteLock serialises there): every test of the class each one derives from,
// each with a database of its own on the server of BULKIMPORT_POSTGRES (scripts/test.sh starts one). Undo (insert,
// update and mixed undos compared cell by cell, kept records), the fixes API and the discrepancies API too, so the SQL
// that came with them (JSON, before-images, lineage) is checked on both engines; and the workbook API (a refused
// workbook still stores its sheet list); and the Client committer's before-images read ahead, kept and taken again.

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class ClientImportApiOnPostgreSqlTests() : ClientImportApiTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class ClientAssignmentImportApiOnPostgreSqlTests() : ClientAssignmentImportApiTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class PaymentImportApiOnPostgreSqlTests() : PaymentImportApiTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class WorkbookImportApiOnPostgreSqlTests() : Workbooks.WorkbookImportApiTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class ClientCommitterBeforeImageOnPostgreSqlTests() : Domains.Clients.ClientCommitterBeforeImageTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class CommitGuaranteeOnPostgreSqlTests : CommitGuaranteeTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class CrashRecoveryOnPostgreSqlTests : CrashRecoveryTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;

    /// <summary>
    /// SPEC 22 changes this on PostgreSQL on purpose: the killed process's lease lapses and the restarted instance takes
    /// the commit over by itself, from the first row not committed, whatever Commit:ResumeInterruptedOnStartup says.
    /// </summary>
    protected override async Task<ImportSummary> AfterRestartAsync(AppProcess app, ApiClient support, int importId)
    {
        await Eventually.TrueAsync(() => app.HasLogged($"Took over Commit of import {importId}"), "the restarted instance takes the commit over", timeoutSeconds: 60);
        // The rest of 60,000 rows in batches of 25, on a machine shared with other test runs.
        return await support.WaitForAsync(importId, s => s.Status.IsFinal(), timeoutSeconds: 300);
    }
}

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class FieldValueBadInputOnPostgreSqlTests() : FieldValueBadInputTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class FileLevelBadInputOnPostgreSqlTests() : FileLevelBadInputTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class FileNameBadInputOnPostgreSqlTests() : FileNameBadInputTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class HeaderBadInputOnPostgreSqlTests() : HeaderBadInputTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class StructureAndQuotingBadInputOnPostgreSqlTests() : StructureAndQuotingBadInputTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class ConcurrentCommitUsageOnPostgreSqlTests : ConcurrentCommitUsageTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class UndoApiOnPostgreSqlTests() : UndoApiTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class FixesApiOnPostgreSqlTests() : FixesApiTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class DiscrepancyApiOnPostgreSqlTests() : DiscrepancyApiTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class TimestampsApiOnPostgreSqlTests() : TimestampsApiTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class ClientMatchKeyReaderOnPostgreSqlTests() : Data.ClientMatchKeyReaderTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class ProblemGroupCountsOnPostgreSqlTests() : Data.ProblemGroupCountsTests(TestEngine.PostgreSql);

[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class LargeLookupOnPostgreSqlTests() : Data.LargeLookupTests(TestEngine.PostgreSql);
