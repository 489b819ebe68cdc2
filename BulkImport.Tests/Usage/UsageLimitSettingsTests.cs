using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Core.Usage;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.Tests.Usage;

/// <summary>Usage limits changed by an administrator: stored over the configuration, used by the usage check, reset back.</summary>
public sealed class UsageLimitSettingsTests : IAsyncLifetime
{
    private static readonly UsageOptions Configured = new() { RowsPerDay = 100, RowsPerWeek = 500, RowsPerMonth = 2000 };
    private TestDatabase _database = null!;
    private UsageLimitSettings _settings = null!;
    private UsageService _usage = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var options = new StaticOptionsMonitor<UsageOptions>(Configured);
        _settings = new UsageLimitSettings(new TestDbContextFactory(_database), options, TimeProvider.System);
        _usage = new UsageService(options, TimeProvider.System);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Without_a_change_the_configured_limits_apply()
    {
        var view = await _settings.GetAsync(default);

        view.Overridden.Should().BeFalse();
        view.Effective.Should().Be(new UsageLimits(100, 500, 2000));
        (await ReportAsync()).Today.Allowed.Should().Be(100);
    }

    [Fact]
    public async Task Stored_limits_take_precedence_over_configuration_in_the_usage_check()
    {
        var view = await _settings.SetAsync(new UsageLimits(10, 50, 200), "admin@example.org", default);

        view.Overridden.Should().BeTrue();
        view.ChangedBy.Should().Be("admin@example.org");
        view.Configured.Should().Be(new UsageLimits(100, 500, 2000));
        var report = await ReportAsync();
        report.Periods.Select(p => p.Allowed).Should().Equal(10, 50, 200);
        report.WhyNotAllowed(11).Should().Contain("by 1 row");
    }

    [Fact]
    public async Task Resetting_brings_back_the_configured_limits()
    {
        await _settings.SetAsync(new UsageLimits(10, 50, 200), "admin@example.org", default);

        var view = await _settings.ResetAsync("admin@example.org", default);

        view.Overridden.Should().BeFalse();
        (await ReportAsync()).Today.Allowed.Should().Be(100);
    }

    [Fact]
    public async Task Changing_the_limits_again_replaces_the_stored_ones()
    {
        await _settings.SetAsync(new UsageLimits(10, 50, 200), "a@example.org", default);
        var view = await _settings.SetAsync(new UsageLimits(0, 0, 0), "b@example.org", default);

        view.Effective.Should().Be(new UsageLimits(0, 0, 0));
        view.ChangedBy.Should().Be("b@example.org");
        (await ReportAsync()).WhyNotAllowed(1).Should().NotBeNull();
    }

    [Theory]
    [InlineData(-1, 10, 10, "A usage limit cannot be negative. Use 0 to stop all imports for that period.")]
    [InlineData(20, 10, 30, "The daily limit (20) cannot be higher than the weekly limit (10). Lower the daily limit or raise the weekly one.")]
    [InlineData(5, 40, 30, "The weekly limit (40) cannot be higher than the monthly limit (30). Lower the weekly limit or raise the monthly one.")]
    public async Task Limits_that_do_not_fit_together_are_refused_with_what_to_change(int day, int week, int month, string message)
    {
        var act = () => _settings.SetAsync(new UsageLimits(day, week, month), "admin@example.org", default);

        var problem = (await act.Should().ThrowAsync<ImportProblem>()).Which;
        problem.StatusCode.Should().Be(400);
        problem.Message.Should().Be(message);
        (await _settings.GetAsync(default)).Overridden.Should().BeFalse();
    }

    [Fact]
    public async Task Changes_and_resets_are_recorded_in_the_audit_log()
    {
        await _settings.SetAsync(new UsageLimits(10, 50, 200), "admin@example.org", default);
        await _settings.ResetAsync("admin@example.org", default);

        await using var db = _database.CreateDbContext();
        (await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action).ToListAsync())
            .Should().Equal(AuditActions.UsageLimitsChanged, AuditActions.UsageLimitsReset);
    }

    private async Task<UsageReport> ReportAsync()
    {
        await using var db = _database.CreateDbContext();
        return await _usage.GetAsync(db, default);
    }
}
