using System.Security.Cryptography;
using System.Text.Json;
using BulkImport.App.Hosting;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Instances;

/// <summary>
/// Several instances must sign with one key ring (the database's) under one application name, or a sign-in on one is
/// refused by the next and every token bounces. The first instance on a PostgreSQL database leaves a check in the shared
/// data folder that only the same key ring and name can read; an instance that cannot read it refuses to start, naming
/// both names and the settings to align, instead of serving with sign-ins that silently fail on the other instances.
/// </summary>
public sealed class KeyRingCheck(IDataProtectionProvider protection, IOptions<DataProtectionOptions> dataProtection, IOptions<ImportOptions> import,
    AppReadiness readiness, IConfiguration configuration, ILogger<KeyRingCheck> logger) : IHostedService
{
    public const string FileName = "keyring-check.json";
    public const string ApplicationNameSetting = "DataProtection:ApplicationName";
    private const string Purpose = "BulkImport.KeyRingCheck";
    private const string Secret = "one key ring for every instance";

    /// <summary>How often an unreadable key ring (the database did not answer) is asked again before the start fails.</summary>
    private const int ReadAttempts = 12;
    private static readonly TimeSpan ReadRetryDelay = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Check();
                return;
            }
            catch (CryptographicException e) when (KeyRingReadFailure(e) is { } cause)
            {
                // The keys live in the database: a busy or briefly unreachable server is not a key ring of another
                // installation, and must not stop an instance as if it were (it did once under a full test run's load).
                if (attempt == ReadAttempts)
                {
                    var message = $"The data-protection key ring could not be read from the database in {ReadAttempts} tries ({cause.Message}). " +
                        "Check ConnectionStrings:BulkImport and that the server answers, then start again.";
                    logger.LogCritical("{Message}", message);
                    throw new InvalidOperationException(message, e);
                }

                logger.LogWarning("The data-protection key ring could not be read from the database ({Cause}); asking again in {Delay} s.",
                    cause.Message, ReadRetryDelay.TotalSeconds);
                await Task.Delay(ReadRetryDelay, cancellationToken);
            }
        }
    }

    /// <summary>The failure that kept the key ring from being read (anything but cryptography in the chain), or null.</summary>
    private static Exception? KeyRingReadFailure(CryptographicException e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is not CryptographicException)
            {
                return inner;
            }
        }

        return null;
    }

    private void Check()
    {
        // One SQLite file serves one instance: only a shared server has instances to agree.
        if (ServiceRegistration.Provider(configuration) != DatabaseProvider.PostgreSql || !readiness.IsReady)
        {
            return;
        }

        var name = dataProtection.Value.ApplicationDiscriminator ?? "";
        var path = Path.Combine(import.Value.DataFolder, FileName);
        var protector = protection.CreateProtector(Purpose);
        if (!File.Exists(path))
        {
            // Written aside and moved in, so an instance starting at the same moment never reads half a file.
            Directory.CreateDirectory(import.Value.DataFolder);
            var aside = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(aside, JsonSerializer.Serialize(new Written(name, protector.Protect(Secret))));
            try
            {
                File.Move(aside, path, overwrite: false);
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance was first: read its check as below.
                File.Delete(aside);
            }
        }

        var written = JsonSerializer.Deserialize<Written>(File.ReadAllText(path));
        string? problem = null;
        if (written is null || written.ApplicationName != name)
        {
            problem = $"this instance's data-protection application name is '{name}' ({ApplicationNameSetting}) but the instances already " +
                $"running on this database and data folder use '{written?.ApplicationName}'";
        }
        else
        {
            try
            {
                if (protector.Unprotect(written.Check) != Secret)
                {
                    problem = "the check written by the other instances reads differently with this instance's keys";
                }
            }
            catch (CryptographicException e) when (KeyRingReadFailure(e) is null)
            {
                problem = $"this instance's data-protection keys cannot read what the other instances signed ({e.Message})";
            }
        }

        if (problem is null)
        {
            return;
        }

        var message = $"Sign-ins would not carry over between instances: {problem}. Give every instance the same {ApplicationNameSetting} " +
            $"(or leave it unset) and the same ConnectionStrings:BulkImport, whose database holds the keys. If the key ring was replaced on " +
            $"purpose (a new database), delete {path} and start again.";
        logger.LogCritical("{Message}", message);
        throw new InvalidOperationException(message);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record Written(string ApplicationName, string Check);
}
