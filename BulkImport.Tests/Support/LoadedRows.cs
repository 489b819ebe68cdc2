using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Support;

/// <summary>
/// Counts the staged rows EF Core materialises in the app (every context the app creates), so a test can show that a
/// step never loads the rows of a large key group into memory, without timing it.
/// </summary>
public sealed class LoadedRows : IMaterializationInterceptor
{
    private int _count;

    /// <summary>Staged rows loaded since the last <see cref="Reset"/>.</summary>
    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    /// <summary>Adds this counter to every context of the app (a service override of <see cref="TestApp"/>).</summary>
    public void AddTo(IServiceCollection services) =>
        services.ConfigureDbContext<BulkImportDbContext>((_, options) => options.AddInterceptors(this));

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is ImportRow)
        {
            Interlocked.Increment(ref _count);
        }

        return entity;
    }
}
