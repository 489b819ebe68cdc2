namespace BulkImport.Core.Domains;

/// <summary>
/// A configuration switch (<c>Features:{Name}</c>) that offers or withdraws a domain; <paramref name="OnByDefault"/> when
/// the setting is absent. A domain switched off is not offered anywhere, and the API refuses it with 400.
/// </summary>
public sealed record FeatureSwitch(string Name, string Title, string Description, bool OnByDefault)
{
    public const string Section = "Features";

    /// <summary>The setting's full name, as an administrator writes it: <c>Features:PaymentImport</c>.</summary>
    public string Setting => $"{Section}:{Name}";
}
