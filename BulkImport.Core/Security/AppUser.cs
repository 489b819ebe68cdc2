using Microsoft.AspNetCore.Identity;

namespace BulkImport.Core.Security;

/// <summary>A person who signs in. A disabled user is locked out for good (Identity's lockout), so no sign-in path can let them in.</summary>
public sealed class AppUser : IdentityUser
{
    public bool IsDisabled => LockoutEnd is { } end && end >= DateTimeOffset.MaxValue.AddYears(-1);
}
