namespace BulkImport.Core.Security;

/// <summary>A user as an administrator sees them: their permission groups and whether they may sign in.</summary>
public sealed record UserSummary(string Id, string Email, IReadOnlyList<string> Roles, bool Disabled, bool LockedOut);
