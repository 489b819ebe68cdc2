using System.Runtime.CompilerServices;
using BulkImport.Core.Data.Sqlite;

namespace BulkImport.Tests.Support;

/// <summary>What the test process sets up before any test runs.</summary>
internal static class TestProcess
{
    /// <summary>
    /// SQLite's threading mode as the app sets it when it registers its services (<see cref="SqliteThreading"/>): SQLite
    /// takes it only before its first connection, and some tests open one before any app or test database exists.
    /// </summary>
    [ModuleInitializer]
    internal static void UseTheAppsSqliteThreading() => SqliteThreading.UseMultiThread();
}
