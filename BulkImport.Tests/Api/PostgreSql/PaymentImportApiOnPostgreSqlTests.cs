using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api.PostgreSql;

/// <summary>Every test of <see cref="PaymentImportApiTests"/>, on PostgreSQL (a database of its own per test).</summary>
[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class PaymentImportApiOnPostgreSqlTests() : PaymentImportApiTests(TestEngine.PostgreSql);
