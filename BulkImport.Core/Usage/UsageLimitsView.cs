namespace BulkImport.Core.Usage;

/// <summary>
/// The limits in force, the limits of the configuration file, and whether (and by whom) an administrator overrode them.
/// </summary>
public sealed record UsageLimitsView(UsageLimits Effective, UsageLimits Configured, bool Overridden, string? ChangedBy, DateTime? ChangedAt);
