using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BulkImport.Tests.Hosting;

/// <summary>
/// Bad settings found by an outside audit: a number the app cannot use (a negative limit, no workers) or a value that is
/// not of the setting's type stops the start at once, naming the setting, its value and what it must be.
/// </summary>
public sealed class SettingsCheckedAtStartTests
{
    [Theory]
    [InlineData("Import:MaxFileBytes", "-1", "Import:MaxFileBytes is -1; it must be a whole number of bytes greater than 0. Correct it, or remove the setting to use the default (268435456).")]
    [InlineData("Import:MaxFileBytes", "0", "Import:MaxFileBytes is 0; it must be a whole number of bytes greater than 0.")]
    [InlineData("Import:MaxDataRows", "0", "Import:MaxDataRows is 0; it must be a whole number of rows greater than 0.")]
    [InlineData("Import:MaxWorkbookExpandedBytes", "0", "Import:MaxWorkbookExpandedBytes is 0; it must be a whole number of bytes greater than 0.")]
    [InlineData("Import:MaxPendingPerUser", "0", "Import:MaxPendingPerUser is 0; it must be a whole number of imports greater than 0.")]
    [InlineData("Import:RetentionDays", "-1", "Import:RetentionDays is -1; it must be a whole number of days of 0 or more (0 keeps the rows' values for ever).")]
    [InlineData("Import:RetentionInterval", "00:00:00", "Import:RetentionInterval is 00:00:00; it must be a time longer than 0, written hh:mm:ss (like 00:00:05). Correct it, or remove the setting to use the default (01:00:00).")]
    [InlineData("Usage:RowsPerDay", "-5", "Usage:RowsPerDay is -5; it must be a whole number of rows of 0 or more (0 stops all imports for that period). Correct it, or remove the setting to use the default (1000000).")]
    [InlineData("Usage:RowsPerWeek", "-1", "Usage:RowsPerWeek is -1; it must be a whole number of rows of 0 or more")]
    [InlineData("Usage:RowsPerMonth", "-1", "Usage:RowsPerMonth is -1; it must be a whole number of rows of 0 or more")]
    [InlineData("Jobs:MaxConcurrent", "0", "Jobs:MaxConcurrent is 0; it must be a whole number of jobs greater than 0. Correct it, or remove the setting to use the default (2).")]
    [InlineData("Jobs:LargeJobRows", "0", "Jobs:LargeJobRows is 0; it must be a whole number of rows greater than 0.")]
    [InlineData("Jobs:LargeFileBytes", "-1", "Jobs:LargeFileBytes is -1; it must be a whole number of bytes greater than 0.")]
    [InlineData("Jobs:MaxYieldMilliseconds", "-1", "Jobs:MaxYieldMilliseconds is -1; it must be a whole number of milliseconds of 0 or more")]
    [InlineData("Jobs:HeartbeatSeconds", "10", "Jobs:HeartbeatSeconds is 10 and Jobs:LeaseSeconds is 15: a lease must outlive three heartbeats")]
    [InlineData("Email:RetryDelay", "00:00:00", "Email:RetryDelay is 00:00:00; it must be a time longer than 0")]
    [InlineData("Email:MaxRetryDelay", "-00:00:01", "Email:MaxRetryDelay is -00:00:01; it must be a time longer than 0")]
    [InlineData("Email:PollInterval", "00:00:00", "Email:PollInterval is 00:00:00; it must be a time longer than 0")]
    [InlineData("Email:Smtp:Port", "0", "Email:Smtp:Port is 0; it must be a port number from 1 to 65535. Correct it, or remove the setting to use the default (25).")]
    [InlineData("Intake:StableFor", "-00:00:02", "Intake:StableFor is -00:00:02; it must be a time of 0 or longer")]
    [InlineData("Intake:ScanInterval", "00:00:00", "Intake:ScanInterval is 00:00:00; it must be a time longer than 0")]
    public void A_value_the_app_cannot_use_stops_the_start_naming_the_setting_and_what_it_must_be(string setting, string value, string message)
    {
        var logs = new CapturingLoggerProvider();
        using var app = new TestApp(new() { [setting] = value }, services => services.AddSingleton<ILoggerProvider>(logs));

        StartFailure.Reasons(() => app.CreateClient(), logs).Should().Contain(reason => reason.Contains(message));
    }

    [Theory]
    [InlineData("Jobs:MaxConcurrent", "abc", "System.Int32")]
    [InlineData("Email:Smtp:UseTls", "maybe", "System.Boolean")]
    public void A_value_of_the_wrong_type_stops_the_start_at_once_naming_the_setting_and_its_type(string setting, string value, string type)
    {
        var logs = new CapturingLoggerProvider();
        using var app = new TestApp(new() { [setting] = value }, services => services.AddSingleton<ILoggerProvider>(logs));
        var clock = Stopwatch.StartNew();

        // Before: bound when a worker first read it, about 10 s in, inside "BackgroundService failed".
        StartFailure.Reasons(() => app.CreateClient(), logs).Should().Contain(reason => reason.Contains($"'{value}' at '{setting}'") && reason.Contains(type));
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_usage_limit_of_0_is_a_limit_no_commit_fits()
    {
        await using var app = new TestApp(new() { ["Usage:RowsPerDay"] = "0" });
        var api = await app.ApiAsync();

        var usage = await api.Http.GetFromJsonAsync<JsonElement>("/api/usage", ApiClient.Json);

        usage.GetProperty("today").GetProperty("allowed").GetInt64().Should().Be(0);
    }
}
