namespace BulkImport.Tests.Browser;

/// <summary>
/// The long browser walks run one after another (not in parallel with each other): each starts an app and a
/// Chromium, and the 100,000-row review next to the operator's path starved both on a 2-core CI machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser walks";
}
