using System.Net.Mail;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Security;

/// <summary>
/// What an administrator does with users: create them, set their permission groups, disable or enable them and reset
/// their passwords. Every change that affects what a person may do renews their security stamp, so their cookies and
/// tokens stop working at once and they sign in again with the new groups. The last active administrator cannot be
/// disabled or lose the Admin group, and nobody can disable themselves. Every change is written to the audit log.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, BulkImportDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var groups = await GroupsByUserAsync(ct);
        return [.. all.Select(u => Summary(u, groups.GetValueOrDefault(u.Id) ?? []))];
    }

    public async Task<UserSummary> GetAsync(string id, CancellationToken ct) => await SummaryAsync(await FindAsync(id), ct);

    public async Task<UserSummary> CreateAsync(string? email, string? password, IReadOnlyCollection<string>? roles, string actor, CancellationToken ct)
    {
        var address = ValidEmail(email);
        var groups = ValidGroups(roles);
        if (string.IsNullOrEmpty(password))
        {
            throw ImportProblem.BadRequest("Enter a password for the new user.");
        }

        if (await users.FindByEmailAsync(address) is not null)
        {
            throw ImportProblem.Conflict($"A user with the email {address} already exists. Change that user's groups instead, or use another email.");
        }

        var user = new AppUser { UserName = address, Email = address, EmailConfirmed = true, LockoutEnabled = true };
        Check(await users.CreateAsync(user, password));
        var added = await users.AddToRolesAsync(user, groups);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            Check(added);
        }

        await AuditAsync(actor, AuditActions.UserCreated, $"{address} in {Describe(groups)}", ct);
        return await SummaryAsync(user, ct);
    }

    /// <summary>Sets the user's groups and/or disables or enables them; a value left null is not changed.</summary>
    public async Task<UserSummary> UpdateAsync(string id, IReadOnlyCollection<string>? roles, bool? disabled, string actor, CancellationToken ct)
    {
        var user = await FindAsync(id);
        var current = await users.GetRolesAsync(user);
        var groups = roles is null ? [.. current] : ValidGroups(roles);
        var disable = disabled ?? user.IsDisabled;
        var isSelf = string.Equals(user.UserName, actor, StringComparison.OrdinalIgnoreCase);
        if (disable && !user.IsDisabled && isSelf)
        {
            throw ImportProblem.Conflict("You cannot disable your own account. Ask another administrator.");
        }

        var losesAdmin = current.Contains(Roles.Admin) && !groups.Contains(Roles.Admin);
        if (losesAdmin && isSelf)
        {
            throw ImportProblem.Conflict("You cannot remove yourself from the Admin group. Ask another administrator.");
        }

        if ((losesAdmin || (disable && !user.IsDisabled)) && current.Contains(Roles.Admin) && !user.IsDisabled && await ActiveAdminCountAsync(ct) <= 1)
        {
            throw ImportProblem.Conflict($"{user.Email} is the only active administrator. Give another user the Admin group first.");
        }

        var changed = false;
        var toRemove = current.Except(groups).ToList();
        var toAdd = groups.Except(current).ToList();
        if (toRemove.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, toRemove));
        }

        if (toAdd.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, toAdd));
        }

        if (toRemove.Count > 0 || toAdd.Count > 0)
        {
            changed = true;
            await AuditAsync(actor, AuditActions.UserGroupsChanged, $"{user.Email}: {Describe(groups)} (was {Describe(current)})", ct);
        }

        if (disable != user.IsDisabled)
        {
            changed = true;
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, disable ? DateTimeOffset.MaxValue : null));
            if (!disable)
            {
                Check(await users.ResetAccessFailedCountAsync(user));
            }

            await AuditAsync(actor, disable ? AuditActions.UserDisabled : AuditActions.UserEnabled, user.Email ?? id, ct);
        }

        if (changed)
        {
            // Signed-in sessions and tokens carry the old groups: end them.
            Check(await users.UpdateSecurityStampAsync(user));
        }

        return await SummaryAsync(user, ct);
    }

    /// <summary>Sets a new password (the user's sessions end) and lifts a lockout from failed attempts; a disabled user stays disabled.</summary>
    public async Task ResetPasswordAsync(string id, string? password, string actor, CancellationToken ct)
    {
        var user = await FindAsync(id);
        if (string.IsNullOrEmpty(password))
        {
            throw ImportProblem.BadRequest("Enter the new password.");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password));
        if (!user.IsDisabled)
        {
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
        }

        await AuditAsync(actor, AuditActions.PasswordReset, user.Email ?? id, ct);
    }

    /// <summary>The permission groups named, spelled as the product spells them; an unknown name is a problem naming the groups.</summary>
    public static List<string> ValidGroups(IReadOnlyCollection<string>? roles)
    {
        var groups = new List<string>();
        foreach (var name in roles ?? [])
        {
            var group = Roles.All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw ImportProblem.BadRequest($"'{name}' is not a permission group. Use one or more of: {string.Join(", ", Roles.All)}.");
            if (!groups.Contains(group))
            {
                groups.Add(group);
            }
        }

        return groups;
    }

    public static string ValidEmail(string? email)
    {
        var text = email?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw ImportProblem.BadRequest("Enter the new user's email address.");
        }

        if (text.Length > 254 || !MailAddress.TryCreate(text, out var address) || address.Address != text || !address.Host.Contains('.'))
        {
            throw ImportProblem.BadRequest($"'{text}' is not a valid email address. Use the form name@example.org.");
        }

        return text;
    }

    private async Task<AppUser> FindAsync(string id) =>
        await users.FindByIdAsync(id) ?? throw ImportProblem.NotFound($"User {id} does not exist. List the users with GET /api/admin/users.");

    private async Task<int> ActiveAdminCountAsync(CancellationToken ct)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.Count(a => !a.IsDisabled);
    }

    private async Task<Dictionary<string, List<string>>> GroupsByUserAsync(CancellationToken ct)
    {
        var pairs = await (from ur in db.UserRoles.AsNoTracking()
                           join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(
            g => g.Key,
            g => g.Select(p => p.Name!).OrderBy(n => IndexOfGroup(n)).ToList());
    }

    private async Task<UserSummary> SummaryAsync(AppUser user, CancellationToken ct)
    {
        var groups = (await users.GetRolesAsync(user)).OrderBy(IndexOfGroup).ToList();
        return Summary(user, groups);
    }

    private UserSummary Summary(AppUser user, List<string> groups) =>
        new(user.Id, user.Email ?? user.UserName ?? "", groups, user.IsDisabled,
            !user.IsDisabled && user.LockoutEnd is { } end && end > clock.GetUtcNow());

    private static int IndexOfGroup(string name)
    {
        for (var i = 0; i < Roles.All.Count; i++)
        {
            if (Roles.All[i] == name)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private async Task AuditAsync(string actor, string action, string detail, CancellationToken ct)
    {
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, User = actor, Action = action, Detail = detail });
        await db.SaveChangesAsync(ct);
    }

    private static string Describe(IEnumerable<string> groups) => groups.Any() ? string.Join(", ", groups) : "no group";

    /// <summary>Turns Identity's refusals into one problem a person can act on.</summary>
    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var errors = result.Errors.ToList();
        if (errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
        {
            throw ImportProblem.Conflict("A user with this email already exists. Change that user's groups instead, or use another email.");
        }

        if (errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)))
        {
            throw ImportProblem.BadRequest("The password is too weak: " + string.Join(" ", errors.Select(e => e.Description)) + " Choose a longer password with a mix of characters.");
        }

        throw ImportProblem.BadRequest(string.Join(" ", errors.Select(e => e.Description)));
    }
}
