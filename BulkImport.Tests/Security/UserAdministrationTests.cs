using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Security;

/// <summary>Creating users, setting their groups, disabling them and resetting passwords (issue 6, admin pages and API).</summary>
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private const string Admin = "root@example.org";
    private IdentityServices _identity = null!;
    private UserSummary _admin = null!;

    public async Task InitializeAsync()
    {
        _identity = await IdentityServices.CreateAsync();
        _admin = await _identity.AdminAsync(a => a.CreateAsync(Admin, "Admin!2026x", [Roles.Admin], "setup", default));
    }

    public async Task DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task A_new_user_gets_the_groups_named_in_any_case_and_can_sign_in_with_the_password()
    {
        var user = await _identity.AdminAsync(a => a.CreateAsync(" ann@example.org ", "Welcome2026", ["importer", "SUPPORT", "Importer"], Admin, default));

        user.Email.Should().Be("ann@example.org");
        user.Roles.Should().Equal(Roles.Importer, Roles.Support);
        user.Disabled.Should().BeFalse();
        (await _identity.CheckPasswordAsync("ann@example.org", "Welcome2026")).Should().BeTrue();
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_what_is_missing()
    {
        var act = () => _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "short", [Roles.Importer], Admin, default));

        var problem = (await act.Should().ThrowAsync<ImportProblem>()).Which;
        problem.StatusCode.Should().Be(400);
        problem.Message.Should().StartWith("The password is too weak:").And.Contain("at least 8 characters");
        (await _identity.AdminAsync(a => a.ListAsync(default))).Should().NotContain(u => u.Email == "bo@example.org");
    }

    [Fact]
    public async Task An_unknown_group_is_refused_naming_the_groups_that_exist()
    {
        var act = () => _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "Welcome2026", ["Importer", "Auditor"], Admin, default));

        var problem = (await act.Should().ThrowAsync<ImportProblem>()).Which;
        problem.StatusCode.Should().Be(400);
        problem.Message.Should().Be("'Auditor' is not a permission group. Use one or more of: Importer, Supervisor, Support, Admin.");
    }

    [Fact]
    public async Task A_duplicate_email_is_a_conflict()
    {
        await _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "Welcome2026", [Roles.Importer], Admin, default));

        var act = () => _identity.AdminAsync(a => a.CreateAsync("BO@example.org", "Welcome2026", [Roles.Supervisor], Admin, default));

        var problem = (await act.Should().ThrowAsync<ImportProblem>()).Which;
        problem.StatusCode.Should().Be(409);
        problem.Message.Should().Contain("already exists");
    }

    [Theory]
    [InlineData("", "Enter the new user's email address.")]
    [InlineData("not-an-email", "'not-an-email' is not a valid email address. Use the form name@example.org.")]
    [InlineData("a@localhost", "'a@localhost' is not a valid email address. Use the form name@example.org.")]
    public async Task An_invalid_email_is_refused(string email, string message)
    {
        var act = () => _identity.AdminAsync(a => a.CreateAsync(email, "Welcome2026", [Roles.Importer], Admin, default));

        (await act.Should().ThrowAsync<ImportProblem>()).Which.Message.Should().Be(message);
    }

    [Fact]
    public async Task Setting_groups_replaces_them_and_renews_the_security_stamp()
    {
        var user = await _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "Welcome2026", [Roles.Importer], Admin, default));
        var stampBefore = (await _identity.FindAsync("bo@example.org")).SecurityStamp;

        var changed = await _identity.AdminAsync(a => a.UpdateAsync(user.Id, [Roles.Supervisor, Roles.Support], null, Admin, default));

        changed.Roles.Should().Equal(Roles.Supervisor, Roles.Support);
        (await _identity.FindAsync("bo@example.org")).SecurityStamp.Should().NotBe(stampBefore);
    }

    [Fact]
    public async Task Disabling_locks_the_user_out_for_good_and_renews_the_stamp_and_enabling_lets_them_back()
    {
        var user = await _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "Welcome2026", [Roles.Importer], Admin, default));
        var stampBefore = (await _identity.FindAsync("bo@example.org")).SecurityStamp;

        var disabled = await _identity.AdminAsync(a => a.UpdateAsync(user.Id, null, true, Admin, default));

        disabled.Disabled.Should().BeTrue();
        disabled.Roles.Should().Equal(Roles.Importer);
        var stored = await _identity.FindAsync("bo@example.org");
        stored.IsDisabled.Should().BeTrue();
        stored.SecurityStamp.Should().NotBe(stampBefore);

        var enabled = await _identity.AdminAsync(a => a.UpdateAsync(user.Id, null, false, Admin, default));
        enabled.Disabled.Should().BeFalse();
        (await _identity.FindAsync("bo@example.org")).LockoutEnd.Should().BeNull();
    }

    [Fact]
    public async Task The_only_active_administrator_cannot_be_disabled_or_lose_the_admin_group()
    {
        await _identity.AdminAsync(a => a.CreateAsync("other@example.org", "Welcome2026", [Roles.Importer], Admin, default));

        var disable = () => _identity.AdminAsync(a => a.UpdateAsync(_admin.Id, null, true, "other@example.org", default));
        var demote = () => _identity.AdminAsync(a => a.UpdateAsync(_admin.Id, [Roles.Importer], null, "other@example.org", default));

        (await disable.Should().ThrowAsync<ImportProblem>()).Which.Message.Should().Be($"{Admin} is the only active administrator. Give another user the Admin group first.");
        (await demote.Should().ThrowAsync<ImportProblem>()).Which.StatusCode.Should().Be(409);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_themselves_or_leave_the_admin_group()
    {
        await _identity.AdminAsync(a => a.CreateAsync("second@example.org", "Welcome2026", [Roles.Admin], Admin, default));

        var disable = () => _identity.AdminAsync(a => a.UpdateAsync(_admin.Id, null, true, Admin, default));
        var demote = () => _identity.AdminAsync(a => a.UpdateAsync(_admin.Id, [], null, Admin, default));

        (await disable.Should().ThrowAsync<ImportProblem>()).Which.Message.Should().Be("You cannot disable your own account. Ask another administrator.");
        (await demote.Should().ThrowAsync<ImportProblem>()).Which.Message.Should().Be("You cannot remove yourself from the Admin group. Ask another administrator.");
    }

    [Fact]
    public async Task Another_administrator_can_be_disabled_while_one_stays_active()
    {
        var second = await _identity.AdminAsync(a => a.CreateAsync("second@example.org", "Welcome2026", [Roles.Admin], Admin, default));

        var disabled = await _identity.AdminAsync(a => a.UpdateAsync(second.Id, null, true, Admin, default));

        disabled.Disabled.Should().BeTrue();
    }

    [Fact]
    public async Task Resetting_a_password_replaces_it_lifts_a_lockout_and_renews_the_stamp()
    {
        var user = await _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "Welcome2026", [Roles.Importer], Admin, default));
        await using (var scope = _identity.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddMinutes(5));
        }

        var stampBefore = (await _identity.FindAsync("bo@example.org")).SecurityStamp;
        await _identity.AdminAsync(a => a.ResetPasswordAsync(user.Id, "Changed2026", Admin, default));

        (await _identity.CheckPasswordAsync("bo@example.org", "Changed2026")).Should().BeTrue();
        (await _identity.CheckPasswordAsync("bo@example.org", "Welcome2026")).Should().BeFalse();
        var stored = await _identity.FindAsync("bo@example.org");
        stored.LockoutEnd.Should().BeNull();
        stored.SecurityStamp.Should().NotBe(stampBefore);
    }

    [Fact]
    public async Task Resetting_to_a_weak_password_keeps_the_old_one()
    {
        var user = await _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "Welcome2026", [Roles.Importer], Admin, default));

        var act = () => _identity.AdminAsync(a => a.ResetPasswordAsync(user.Id, "weak", Admin, default));

        (await act.Should().ThrowAsync<ImportProblem>()).Which.Message.Should().StartWith("The password is too weak:");
        (await _identity.CheckPasswordAsync("bo@example.org", "Welcome2026")).Should().BeTrue();
    }

    [Fact]
    public async Task Resetting_the_password_of_a_disabled_user_keeps_them_disabled()
    {
        var user = await _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "Welcome2026", [Roles.Importer], Admin, default));
        await _identity.AdminAsync(a => a.UpdateAsync(user.Id, null, true, Admin, default));

        await _identity.AdminAsync(a => a.ResetPasswordAsync(user.Id, "Changed2026", Admin, default));

        (await _identity.FindAsync("bo@example.org")).IsDisabled.Should().BeTrue();
    }

    [Fact]
    public async Task An_unknown_user_id_is_not_found()
    {
        var act = () => _identity.AdminAsync(a => a.UpdateAsync("no-such-id", [Roles.Importer], null, Admin, default));

        (await act.Should().ThrowAsync<ImportProblem>()).Which.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task Every_change_is_recorded_in_the_audit_log_without_passwords()
    {
        var user = await _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "Welcome2026", [Roles.Importer], Admin, default));
        await _identity.AdminAsync(a => a.UpdateAsync(user.Id, [Roles.Supervisor], true, Admin, default));
        await _identity.AdminAsync(a => a.ResetPasswordAsync(user.Id, "Changed2026", Admin, default));

        await using var db = _identity.Database.CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.User == Admin).OrderBy(e => e.Id).ToListAsync();
        entries.Select(e => e.Action).Should().Equal(AuditActions.UserCreated, AuditActions.UserGroupsChanged, AuditActions.UserDisabled, AuditActions.PasswordReset);
        entries.Should().OnlyContain(e => e.Detail.Contains("bo@example.org"));
        entries.Should().NotContain(e => e.Detail.Contains("Welcome2026") || e.Detail.Contains("Changed2026"));
    }

    [Fact]
    public async Task The_list_shows_every_user_with_groups_in_product_order()
    {
        await _identity.AdminAsync(a => a.CreateAsync("bo@example.org", "Welcome2026", [Roles.Admin, Roles.Importer], Admin, default));

        var list = await _identity.AdminAsync(a => a.ListAsync(default));

        list.Select(u => u.Email).Should().Equal("bo@example.org", Admin);
        list[0].Roles.Should().Equal(Roles.Importer, Roles.Admin);
    }
}
