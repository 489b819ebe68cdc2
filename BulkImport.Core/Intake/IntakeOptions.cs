using BulkImport.Core.Imports;
using BulkImport.Core.Settings;

namespace BulkImport.Core.Intake;

/// <summary>Watched folders (configuration section <c>Intake</c>, SPEC section 19).</summary>
public sealed class IntakeOptions : ICheckedSettings
{
    public const string Section = "Intake";

    public List<IntakeFolder> Folders { get; set; } = [];

    /// <summary>A file in incoming/ is taken once its size and time stamp stayed the same this long (or at once when renamed from <c>.part</c>).</summary>
    public TimeSpan StableFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the folders are looked at.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A scan interval of 0 or less looks in a busy loop (or stops the worker); StableFor may be 0, a file unchanged from
    /// one look to the next, but a negative one would only hide a typing error.
    /// </summary>
    public void Check(SettingChecks checks)
    {
        var defaults = new IntakeOptions();
        checks.NotNegative($"{Section}:{nameof(StableFor)}", StableFor, defaults.StableFor, "0: a file is taken once it is unchanged from one look to the next");
        checks.LongerThanZero($"{Section}:{nameof(ScanInterval)}", ScanInterval, defaults.ScanInterval);
    }
}

/// <summary>One watched folder: files dropped in its incoming/ are imported as <see cref="Owner"/>.</summary>
public sealed class IntakeFolder
{
    /// <summary>The folder holding incoming/, processing/, processed/ and error/ (the four are created when missing; this one is not).</summary>
    public string Path { get; set; } = "";
    /// <summary>The domain its files import, by key or display name ("Client", "Client Assignment").</summary>
    public string Domain { get; set; } = "Client";
    public Operation Operation { get; set; } = Operation.AddUpdate;
    /// <summary>The user (e-mail) the imports are created as: they appear in that user's history and alerts.</summary>
    public string Owner { get; set; } = "";
    /// <summary>Commits the valid rows as soon as the import is ready for review; otherwise it waits for a person.</summary>
    public bool AutoCommit { get; set; }
    /// <summary>Possible-duplicate checks for these imports (SPEC 14); off by default for folders.</summary>
    public bool CheckDuplicates { get; set; }
}
