using BulkImport.App.Security;
using BulkImport.Core.Data;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Support;

/// <summary>Identity (users, groups, tokens) on a <see cref="TestDatabase"/>, configured as the app configures it, without the web app.</summary>
public sealed class IdentityServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private IdentityServices(TestDatabase database, ServiceProvider provider)
    {
        Database = database;
        _provider = provider;
    }

    public TestDatabase Database { get; }

    public static async Task<IdentityServices> CreateAsync(TimeProvider? clock = null)
    {
        var database = await TestDatabase.CreateAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddScoped(_ => database.CreateDbContext());
        services.AddIdentityCore<AppUser>(AuthSetup.ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BulkImportDbContext>()
            .AddDefaultTokenProviders();
        services.AddScoped<UserAdministration>();
        var identity = new IdentityServices(database, services.BuildServiceProvider());
        await using var scope = identity.Scope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        return identity;
    }

    /// <summary>A scope, as one request or one admin action has.</summary>
    public AsyncServiceScope Scope() => _provider.CreateAsyncScope();

    /// <summary>Runs one administration call in its own scope.</summary>
    public async Task<T> AdminAsync<T>(Func<UserAdministration, Task<T>> call)
    {
        await using var scope = Scope();
        return await call(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    public async Task AdminAsync(Func<UserAdministration, Task> call)
    {
        await using var scope = Scope();
        await call(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    public async Task<AppUser> FindAsync(string email)
    {
        await using var scope = Scope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
    }

    public async Task<bool> CheckPasswordAsync(string email, string password)
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}
