using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Security;

/// <summary>
/// Creates the permission groups, the administrator from configuration and, in Development only, one demo user per
/// group (their credentials are in the README). Outside Development the app refuses to start without an active
/// administrator, or while a demo account can still be signed in with its published password.
/// </summary>
public sealed class UserSeeder(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<SeedOptions> seed, IHostEnvironment environment, ILogger<UserSeeder> logger)
{
    public static readonly IReadOnlyList<(string Email, string Password, string Role)> DemoUsers =
    [
        ("importer@bulkimport.local", "Importer!2026", Roles.Importer),
        ("supervisor@bulkimport.local", "Supervisor!2026", Roles.Supervisor),
        ("support@bulkimport.local", "Support!2026", Roles.Support),
        ("admin@bulkimport.local", "Admin!2026", Roles.Admin),
    ];

    public async Task SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var options = seed.Value;
        if (!string.IsNullOrWhiteSpace(options.AdminPassword))
        {
            await EnsureUserAsync(options.AdminEmail, options.AdminPassword, [Roles.Admin]);
        }

        if (environment.IsDevelopment())
        {
            foreach (var (email, password, role) in DemoUsers)
            {
                await EnsureUserAsync(email, password, [role]);
            }
        }
        else
        {
            await RefuseDemoPasswordsAsync(options.DisableDemoUsers);
        }

        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (!admins.Any(a => !a.IsDisabled))
        {
            throw new InvalidOperationException(
                "No active administrator exists. Set Seed:AdminEmail and Seed:AdminPassword (environment Seed__AdminEmail, Seed__AdminPassword) and start again.");
        }
    }

    /// <summary>
    /// The demo passwords are published (README), so outside Development a demo account that still accepts one is a
    /// door anyone can open: refuse to start, naming the accounts, or disable them when configured to.
    /// </summary>
    private async Task RefuseDemoPasswordsAsync(bool disable)
    {
        var open = new List<string>();
        foreach (var (email, password, _) in DemoUsers)
        {
            if (await users.FindByEmailAsync(email) is not { IsDisabled: false } user || !await users.CheckPasswordAsync(user, password))
            {
                continue;
            }

            if (!disable)
            {
                open.Add(email);
                continue;
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            logger.LogWarning("Disabled demo account {Email}: it still had its published password (Seed:DisableDemoUsers)", email);
        }

        if (open.Count > 0)
        {
            throw new InvalidOperationException(
                $"The demo account{(open.Count > 1 ? "s" : "")} {string.Join(", ", open)} still {(open.Count > 1 ? "have their" : "has its")} published password (README, \"Use it\"; docs/guide.md, \"Demo users\"), "
                + "so anyone can sign in with it. Outside Development the app does not start while such an account exists. "
                + "Start once with Seed:DisableDemoUsers=true (environment Seed__DisableDemoUsers=true) to disable them, "
                + "with Seed:AdminEmail and Seed:AdminPassword for an administrator of your own if the demo administrator was the only one.");
        }
    }

    private async Task EnsureUserAsync(string email, string password, string[] groups)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create user {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        await users.AddToRolesAsync(user, groups);
        logger.LogInformation("Created user {Email} in {Groups}", email, string.Join(", ", groups));
    }
}
