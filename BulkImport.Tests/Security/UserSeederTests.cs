using BulkImport.App.Security;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BulkImport.Tests.Security;

/// <summary>The first administrator comes from configuration; demo users exist in Development only; Production refuses to start without an administrator.</summary>
public sealed class UserSeederTests : IAsyncLifetime
{
    private IdentityServices _identity = null!;

    public async Task InitializeAsync() => _identity = await IdentityServices.CreateAsync();

    public async Task DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task Production_without_an_administrator_refuses_to_start_naming_the_settings()
    {
        var act = () => SeedAsync(Environments.Production, new SeedOptions());

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("Seed:AdminEmail").And.Contain("Seed__AdminPassword");
    }

    [Fact]
    public async Task Production_creates_the_configured_administrator_and_no_demo_users()
    {
        await SeedAsync(Environments.Production, new SeedOptions { AdminEmail = "boss@example.org", AdminPassword = "Strong!2026" });

        var users = await _identity.AdminAsync(a => a.ListAsync(default));
        users.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Email = "boss@example.org", Roles = new[] { Roles.Admin }, Disabled = false });
        (await _identity.CheckPasswordAsync("boss@example.org", "Strong!2026")).Should().BeTrue();
    }

    [Fact]
    public async Task A_stored_administrator_lets_production_start_without_the_password_configured()
    {
        await SeedAsync(Environments.Production, new SeedOptions { AdminEmail = "boss@example.org", AdminPassword = "Strong!2026" });

        await SeedAsync(Environments.Production, new SeedOptions { AdminEmail = "boss@example.org" });

        (await _identity.AdminAsync(a => a.ListAsync(default))).Should().ContainSingle();
    }

    [Fact]
    public async Task Development_creates_one_demo_user_per_group()
    {
        await SeedAsync(Environments.Development, new SeedOptions());

        var users = await _identity.AdminAsync(a => a.ListAsync(default));
        users.Select(u => (u.Email, u.Roles.Single())).Should().BeEquivalentTo(UserSeeder.DemoUsers.Select(d => (d.Email, d.Role)));
        foreach (var (email, password, _) in UserSeeder.DemoUsers)
        {
            (await _identity.CheckPasswordAsync(email, password)).Should().BeTrue();
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_while_a_demo_account_has_its_published_password_naming_it_and_what_to_do()
    {
        await SeedAsync(Environments.Development, new SeedOptions());

        var act = () => SeedAsync(Environments.Production, new SeedOptions());

        var message = (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message;
        message.Should().Contain("importer@bulkimport.local").And.Contain("admin@bulkimport.local").And.Contain("published password")
            .And.Contain("Seed:DisableDemoUsers=true");
    }

    [Fact]
    public async Task A_demo_account_given_another_password_or_disabled_does_not_stop_production()
    {
        await SeedAsync(Environments.Development, new SeedOptions());
        foreach (var (email, _, role) in UserSeeder.DemoUsers)
        {
            var id = (await _identity.FindAsync(email)).Id;
            if (role == Roles.Admin)
            {
                await _identity.AdminAsync(a => a.ResetPasswordAsync(id, "Changed!2026", "test", default));
            }
            else
            {
                await _identity.AdminAsync(a => a.UpdateAsync(id, null, true, "admin@bulkimport.local", default));
            }
        }

        await SeedAsync(Environments.Production, new SeedOptions());
    }

    [Fact]
    public async Task DisableDemoUsers_disables_the_demo_accounts_and_production_starts_with_its_own_administrator()
    {
        await SeedAsync(Environments.Development, new SeedOptions());

        await SeedAsync(Environments.Production, new SeedOptions { DisableDemoUsers = true, AdminEmail = "boss@example.org", AdminPassword = "Strong!2026" });

        var users = await _identity.AdminAsync(a => a.ListAsync(default));
        users.Where(u => UserSeeder.DemoUsers.Any(d => d.Email == u.Email)).Should().HaveCount(4).And.OnlyContain(u => u.Disabled);
        users.Should().Contain(u => u.Email == "boss@example.org" && !u.Disabled);
    }

    [Fact]
    public async Task DisableDemoUsers_without_another_administrator_still_refuses_to_start()
    {
        await SeedAsync(Environments.Development, new SeedOptions());

        var act = () => SeedAsync(Environments.Production, new SeedOptions { DisableDemoUsers = true });

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("No active administrator").And.Contain("Seed:AdminEmail");
    }

    private async Task SeedAsync(string environment, SeedOptions options)
    {
        await using var scope = _identity.Scope();
        var seeder = new UserSeeder(
            scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(),
            scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(),
            Options.Create(options),
            new TestHostEnvironment(environment),
            NullLogger<UserSeeder>.Instance);
        await seeder.SeedAsync();
    }
}
