using Bunit;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BulkImport.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services and loose JS interop. MudBlazor's services are async-disposable only,
/// so the context is disposed asynchronously through <see cref="IAsyncLifetime"/> (xunit 2).
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        // bUnit waits 1 s by default; a save or a page load goes through the database, which a loaded CI machine
        // running every test class at once can make slower than that.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    /// <summary>Renders MudBlazor's popover host, where the items of an open select appear.</summary>
    protected IRenderedComponent<MudBlazor.MudPopoverProvider> RenderPopovers() => Render<MudBlazor.MudPopoverProvider>();
}

/// <summary>
/// The real app (its own SQLite file, workers running) whose singletons back the components that read and change
/// imports. Shared by the tests of one class; each test stages its own import.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public TestApp App { get; } = new(new Dictionary<string, string?> { ["Import:CommitBatchSize"] = "50" });

    public IServiceProvider Services => App.Services;

    public Task InitializeAsync()
    {
        _ = App.Services; // builds and starts the host: database migrated, reference data and users loaded
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The app's user <paramref name="email"/> with exactly <paramref name="roles"/> (created if missing): their ID and security stamp.</summary>
    public async Task<(string Id, string Stamp)> UserAsync(string email, IReadOnlyCollection<string> roles)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BulkImport.Core.Security.AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new BulkImport.Core.Security.AppUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true };
            (await users.CreateAsync(user, "Component!2026")).Succeeded.Should().BeTrue();
        }

        if (user.IsDisabled)
        {
            await users.SetLockoutEndDateAsync(user, null);
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(roles));
        await users.AddToRolesAsync(user, roles.Except(current));
        return (user.Id, (await users.GetSecurityStampAsync(user))!);
    }

    /// <summary>What an administrator does to <paramref name="email"/> meanwhile: new groups and/or disabled (their sessions end).</summary>
    public async Task ChangeUserAsync(string email, string[]? roles = null, bool? disabled = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BulkImport.Core.Security.AppUser>>();
        var id = (await users.FindByEmailAsync(email))!.Id;
        await scope.ServiceProvider.GetRequiredService<BulkImport.Core.Security.UserAdministration>().UpdateAsync(id, roles, disabled, "admin@bulkimport.local", default);
    }
}

/// <summary>A component test whose services come from the running app (singletons) with bUnit's own in front.</summary>
public abstract class AppComponentTest : ComponentTest, IClassFixture<AppFixture>
{
    protected AppComponentTest(AppFixture fixture)
    {
        Fixture = fixture;
        Services.AddScoped(_ => new BulkImport.App.Security.ImportGate(
            fixture.Services.GetRequiredService<BulkImport.Core.Imports.ImportHistory>(), fixture.Services.GetRequiredService<BulkImport.App.Security.CurrentUsers>()));
        Services.AddFallbackServiceProvider(new AppSingletons(fixture.Services));
    }

    protected AppFixture Fixture { get; }

    protected IServiceProvider AppServices => Fixture.Services;

    /// <summary>
    /// Signs the rendered components in as <paramref name="email"/> in <paramref name="roles"/>: a user of the app with
    /// exactly those groups (created if need be), with the claims a real sign-in gives (user ID, security stamp), since
    /// the pages check every action against the user as stored.
    /// </summary>
    protected void SignIn(string email, params string[] roles)
    {
        var (id, stamp) = Fixture.UserAsync(email, roles).GetAwaiter().GetResult();
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetRoles(roles);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, id), new System.Security.Claims.Claim("AspNet.Identity.SecurityStamp", stamp));
    }
}

/// <summary>
/// The app's singletons (the import services, the progress feed, the database factory...) for bUnit's fallback. Scoped
/// services of the app's root cannot be handed out (scope validation); bUnit then uses its own or renders without.
/// </summary>
internal sealed class AppSingletons(IServiceProvider app) : IServiceProvider
{
    public object? GetService(Type serviceType)
    {
        try
        {
            return app.GetService(serviceType);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
