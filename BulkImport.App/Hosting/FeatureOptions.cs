namespace BulkImport.App.Hosting;

/// <summary>Feature switches (configuration section <c>Features</c>).</summary>
public sealed class FeatureOptions
{
    public const string Section = "Features";

    /// <summary>Offers the Payment domain. Off unless an administrator switches it on.</summary>
    public bool PaymentImport { get; set; }
}
