using BulkImport.Tests.Support;

namespace BulkImport.Tests.Hosting;

/// <summary>
/// The app as a newcomer starts it, with a setting it cannot use: the process ends with code 1 and says which settings
/// to fix and how, without a stack trace (the test host stops before this check, so only a real process shows it).
/// </summary>
public sealed class BadSettingStopsTheProcessTests
{
    [Fact]
    public async Task Settings_the_app_cannot_use_stop_it_with_their_messages_alone()
    {
        await using var app = new AppProcess(new() { ["Jobs:MaxConcurrent"] = "0", ["Import:MaxFileBytes"] = "-1" });

        var start = async () => await app.StartAsync();

        var refusal = (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        refusal.Should().Contain("The app exited with code 1 while starting")
            .And.Contain("BulkImport did not start: a setting cannot be used.")
            .And.Contain("Jobs:MaxConcurrent is 0; it must be a whole number of jobs greater than 0. Correct it, or remove the setting to use the default (2).")
            .And.Contain("Import:MaxFileBytes is -1");
        refusal.Split('\n').Should().NotContain(line => line.TrimStart().StartsWith("at "), "the message is for a person, not a stack trace")
            .And.NotContain(line => line.Contains("Hosting failed to start"));
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_names_the_setting_and_the_type_it_needs()
    {
        await using var app = new AppProcess(new() { ["Jobs:MaxConcurrent"] = "two" });

        var start = async () => await app.StartAsync();

        var refusal = (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        refusal.Should().Contain("Failed to convert configuration value 'two' at 'Jobs:MaxConcurrent' to type 'System.Int32'. Correct it, or remove the setting to use its default.");
        refusal.Split('\n').Should().NotContain(line => line.TrimStart().StartsWith("at "));
    }
}
