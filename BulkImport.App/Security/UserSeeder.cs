using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Security;

/// <summary>
/// Creates the permission groups, the administrator from configuration and, in Development only, one demo user per
/// group (their credentials are in the README). Outside Development the app refuses to start without an administrator.
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

        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (admins.Count == 0)
        {
            throw new InvalidOperationException(
                "No administrator exists. Set Seed:AdminEmail and Seed:AdminPassword (environment Seed__AdminEmail, Seed__AdminPassword) and start again.");
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
