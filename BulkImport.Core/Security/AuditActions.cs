namespace BulkImport.Core.Security;

/// <summary>The <see cref="AuditEntry.Action"/> names: reveals of sensitive values and every administrative change.</summary>
public static class AuditActions
{
    public const string Reveal = "reveal";
    /// <summary>A download of personal data (a pre-filled template).</summary>
    public const string Export = "export";
    public const string UserCreated = "user.created";
    public const string UserGroupsChanged = "user.groups";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string PasswordReset = "user.password-reset";
    public const string SelectListValueAdded = "select-list.added";
    public const string SelectListValueRenamed = "select-list.renamed";
    public const string SelectListValueRetired = "select-list.retired";
    public const string SelectListValueRestored = "select-list.restored";
    public const string UsageLimitsChanged = "usage-limits.changed";
    public const string UsageLimitsReset = "usage-limits.reset";
    /// <summary>A replay of an import whose commit failed or was cancelled: it writes records again, so who asked for it is kept.</summary>
    public const string ImportReplayed = "import.replayed";
    /// <summary>An undo (or its resumption) of a committed or cancelled import (SPEC 21): it deletes and restores records.</summary>
    public const string ImportUndone = "import.undo";
}
