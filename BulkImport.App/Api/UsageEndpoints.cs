using BulkImport.Core.Data;
using BulkImport.Core.Usage;
using Microsoft.EntityFrameworkCore;
using BulkImport.App.Security;

namespace BulkImport.App.Api;

/// <summary>The usage endpoint of SPEC section 12: rows used and allowed today, this week and this month.</summary>
public static class UsageEndpoints
{
    /// <summary>Each period reads {period, used, allowed, remaining}.</summary>
    public sealed record UsageDto(UsagePeriod Today, UsagePeriod ThisWeek, UsagePeriod ThisMonth);

    public static RouteGroupBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/usage").WithTags("Usage").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", async (UsageService usage, IDbContextFactory<BulkImportDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var report = await usage.GetAsync(db, ct);
            return TypedResults.Ok(new UsageDto(report.Today, report.ThisWeek, report.ThisMonth));
        });
        return group;
    }
}
