using System.Text.Json;
using System.Text.RegularExpressions;
using BulkImport.App.Instances;
using BulkImport.Core.Data;

namespace BulkImport.Tests.Instances;

/// <summary>
/// No container engine runs here, so deploy/ cannot be started in a test: these checks keep it in step with the app and
/// with the tests that start the same setup as real processes (SeveralInstancesTests): every setting the compose file
/// gives the app is one the app reads, the proxy reaches both instances, and the image runs as a non-root user.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");

    [Fact]
    public void The_compose_file_runs_PostgreSQL_Redis_two_instances_and_a_proxy()
    {
        var compose = File.ReadAllText(Path.Combine(Deploy, "compose.yaml"));
        var services = ServiceLine().Matches(Section(compose, "services")).Select(m => m.Groups["name"].Value).ToList();
        services.Should().BeEquivalentTo(["postgres", "redis", "app-a", "app-b", "proxy"]);
        compose.Should().Contain("image: postgres:15").And.Contain("image: redis:7");
        compose.Should().Contain("dockerfile: deploy/Dockerfile");
    }

    [Fact]
    public void Every_setting_the_compose_file_gives_the_app_is_one_the_app_reads()
    {
        var compose = File.ReadAllText(Path.Combine(Deploy, "compose.yaml"));
        var given = EnvironmentLine().Matches(compose).Select(m => m.Groups["key"].Value.Replace("__", ":")).ToHashSet();
        var known = SettingsIn(Path.Combine(RepositoryRoot(), "BulkImport.App", "appsettings.json"));
        known.UnionWith([DatabaseProvider.Setting, DatabaseProvider.ConnectionSetting, RedisConnection.Setting, KeyRingCheck.ApplicationNameSetting,
            "Seed:AdminEmail", "Seed:AdminPassword"]);

        given.Should().Contain([DatabaseProvider.Setting, DatabaseProvider.ConnectionSetting, RedisConnection.Setting, "Import:DataFolder"],
            "the instances share one PostgreSQL database, one Redis and one data folder, as in the tests");
        given.Should().BeSubsetOf(known, "a misspelt setting in the compose file would be ignored without a word");
        compose.Should().Contain($"{DatabaseProvider.Setting.Replace(":", "__")}: {DatabaseProvider.PostgreSql}");
        compose.Should().Contain(InstanceRegistration.OtlpEndpointVariable);
    }

    [Fact]
    public void The_proxy_reaches_both_instances_with_sticky_sessions_and_passes_WebSockets()
    {
        var nginx = File.ReadAllText(Path.Combine(Deploy, "nginx.conf"));
        nginx.Should().Contain("ip_hash;", "a Blazor circuit lives in one instance: a browser must always reach the same one");
        nginx.Should().Contain("server app-a:8080;").And.Contain("server app-b:8080;");
        nginx.Should().Contain("proxy_set_header Upgrade $http_upgrade;");
        File.ReadAllText(Path.Combine(Deploy, "compose.yaml")).Should().Contain("./nginx.conf:/etc/nginx/conf.d/default.conf");
    }

    [Fact]
    public void The_image_is_built_in_stages_and_runs_as_a_non_root_user_with_the_data_folder_as_a_volume()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Deploy, "Dockerfile")).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        dockerfile.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Should().Be(2);
        dockerfile.Should().Contain("USER $APP_UID").And.Contain("VOLUME /data").And.Contain("EXPOSE 8080");
        dockerfile.Should().Contain(l => l.Contains("Import__DataFolder=/data"));
        // Every file the build copies exists (a renamed project would break the image, not any test).
        foreach (var copy in dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from")))
        {
            foreach (var source in copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            {
                Path.Exists(Path.Combine(RepositoryRoot(), source)).Should().BeTrue($"the Dockerfile copies {source}");
            }
        }
    }

    private static HashSet<string> SettingsIn(string appsettings)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                keys.Add(prefix);
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
            }
        }

        Walk(JsonDocument.Parse(File.ReadAllText(appsettings)).RootElement, "");
        return keys;
    }

    /// <summary>The lines of one top-level section of a YAML file.</summary>
    private static string Section(string yaml, string name)
    {
        var start = yaml.IndexOf($"\n{name}:", StringComparison.Ordinal);
        var end = TopLevelKey().Match(yaml, start + name.Length + 2);
        return end.Success ? yaml[start..end.Index] : yaml[start..];
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BulkImport.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("BulkImport.sln not found above the test folder.");
    }

    [GeneratedRegex(@"^  (?<name>[a-z][a-z0-9-]*):", RegexOptions.Multiline)]
    private static partial Regex ServiceLine();

    [GeneratedRegex(@"^\s+(?<key>[A-Za-z]+(?:__[A-Za-z]+)+):", RegexOptions.Multiline)]
    private static partial Regex EnvironmentLine();

    [GeneratedRegex(@"^[a-z]", RegexOptions.Multiline)]
    private static partial Regex TopLevelKey();
}
