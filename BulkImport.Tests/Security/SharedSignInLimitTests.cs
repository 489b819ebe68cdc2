using System.Net;
using System.Net.Http.Json;
using BulkImport.App.Instances;
using BulkImport.App.Security;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BulkImport.Tests.Security;

/// <summary>
/// SPEC 22's sign-in limits across instances: with <c>ConnectionStrings:Redis</c> every instance counts failed sign-ins
/// against one limit kept in a real Redis, so two instances do not give an account 20 checked passwords a minute; a Redis
/// that stops answering never stops a sign-in (each instance then judges by its own count and says so in its log).
/// </summary>
[Trait(RedisServer.Trait, "Redis")]
public sealed class SharedSignInLimitTests
{
    /// <summary>An instance on a database of its own (as far as the limit goes, instances share nothing but Redis).</summary>
    private static TestApp Instance(string redis, CapturingLoggerProvider? logs = null) => new(
        new()
        {
            ["ConnectionStrings:Redis"] = redis,
            // An hour: nothing leaves the window while a test runs, so the counts, not the clock, decide.
            ["Security:SignInLimitWindow"] = "01:00:00",
        },
        logs is null ? null : services => services.AddSingleton<ILoggerProvider>(logs));

    private static HttpClient Client(TestApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    [Fact]
    public async Task Ten_failures_of_an_account_spread_over_two_instances_make_the_eleventh_a_429_on_either()
    {
        await using var redis = await RedisServer.SharedOrOwnAsync();
        using var a = Instance(redis.ConnectionString);
        using var b = Instance(redis.ConnectionString);
        using var onA = Client(a);
        using var onB = Client(b);
        var (importer, password) = TestApp.DemoUser(Roles.Importer);

        for (var i = 1; i <= 10; i++)
        {
            // Five on each: neither instance alone has seen more than half the limit.
            var (client, where) = i % 2 == 0 ? (onB, "B") : (onA, "A");
            (await LoginAsync(client, importer, $"Wrong{i}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"failed attempt {i} (on {where}) is within the limit");
        }

        foreach (var (client, where) in new[] { (onA, "A"), (onB, "B") })
        {
            var refused = await LoginAsync(client, importer, password);
            refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, $"the eleventh attempt, on {where}, is refused even with the right password");
            int.Parse(refused.Headers.GetValues("Retry-After").Single()).Should().BeInRange(3500, 3600, "the first failure leaves the hour's window in under an hour");
            (await ApiClient.ProblemAsync(refused)).GetProperty("detail").GetString().Should().Contain("Too many failed sign-ins").And.Contain("Try again in");
        }

        var (supervisor, supervisorPassword) = TestApp.DemoUser(Roles.Supervisor);
        (await LoginAsync(onB, supervisor, supervisorPassword)).StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per account: another account signs in");
    }

    [Fact]
    public async Task Thirty_failures_from_one_address_spread_over_two_instances_make_the_thirty_first_a_429_on_either()
    {
        await using var redis = await RedisServer.SharedOrOwnAsync();
        using var a = Instance(redis.ConnectionString);
        using var b = Instance(redis.ConnectionString);
        using var onA = Client(a);
        using var onB = Client(b);

        for (var i = 0; i < 30; i++)
        {
            // Six accounts, five failures each, alternating instances: no account reaches its own limit.
            (await LoginAsync(i % 2 == 0 ? onA : onB, $"guess{i % 6}@example.org", $"Wrong{i}")).StatusCode
                .Should().Be(HttpStatusCode.Unauthorized, $"failed attempt {i + 1} is within the limit");
        }

        var (supervisor, password) = TestApp.DemoUser(Roles.Supervisor);
        (await LoginAsync(onA, supervisor, password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await LoginAsync(onB, supervisor, password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task With_Redis_stopped_sign_in_goes_on_judged_by_the_instance_s_own_count_and_the_shared_count_returns_with_Redis()
    {
        await using var redis = await RedisServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var a = Instance(redis.ConnectionString, logs);
        using var onA = Client(a);
        var (importer, password) = TestApp.DemoUser(Roles.Importer);
        for (var i = 1; i <= 6; i++)
        {
            (await LoginAsync(onA, importer, $"Wrong{i}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        await redis.StopAsync();

        (await LoginAsync(onA, importer, password)).StatusCode.Should().Be(HttpStatusCode.OK, "a Redis that does not answer never stops a sign-in");
        for (var i = 7; i <= 10; i++)
        {
            (await LoginAsync(onA, importer, $"Wrong{i}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"failed attempt {i} is within the limit");
        }

        (await LoginAsync(onA, importer, password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests,
            "the instance's own count holds its failures from before the outage too: 6 + 4");
        logs.Entries.Where(e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("failed sign-ins are counted by this instance alone"))
            .Should().ContainSingle("the outage is said once, not at every attempt").Which
            .Should().Contain(redis.ConnectionString).And.Contain("ConnectionStrings:Redis");

        // Redis comes back empty (nothing saved): the shared count, which no longer holds these failures, decides again.
        await redis.StartAgainAsync();
        await Eventually.TrueAsync(async () => (await LoginAsync(onA, importer, password)).StatusCode == HttpStatusCode.OK,
            "the right password signs in once Redis answers again", timeoutSeconds: 60);
        logs.Entries.Should().Contain(e => e.Contains("Redis answers again: failed sign-ins are counted for all instances together"));
    }

    [Fact]
    public async Task A_failure_leaves_the_shared_count_when_its_window_has_passed_and_the_wait_told_is_until_then()
    {
        await using var redis = await RedisServer.SharedOrOwnAsync();
        await using var connection = new RedisConnection(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString }).Build(),
            NullLogger<RedisConnection>.Instance);
        var window = TimeSpan.FromSeconds(3);
        var counts = new RedisSignInCounts(connection, Options.Create(new SecurityOptions
        {
            FailedSignInsPerAccount = 2, FailedSignInsPerAddress = 100, SignInLimitWindow = window,
        }));

        (await counts.RefusalAsync("ACCOUNT", "address")).Should().BeNull();
        await counts.RecordFailureAsync("ACCOUNT", "address");
        (await counts.RefusalAsync("ACCOUNT", "address")).Should().BeNull("one failure of two allowed");
        await counts.RecordFailureAsync("ACCOUNT", "address");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var wait = await counts.RefusalAsync("ACCOUNT", "address");

        wait.Should().NotBeNull("two failures of two allowed").And.BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(window);
        (await counts.RefusalAsync("ANOTHER", "address")).Should().BeNull("each account has its own count");
        await Eventually.TrueAsync(async () => await counts.RefusalAsync("ACCOUNT", "address") is null, "the first failure leaves the window", timeoutSeconds: 30);
        started.Elapsed.Should().BeGreaterThanOrEqualTo(wait!.Value - TimeSpan.FromMilliseconds(100), "the refusal lasted the wait told: it was not longer than needed");
    }
}
