namespace BulkImport.Core.Imports;

/// <summary>What an import brings in. Payment exists only behind the feature switch <c>Features:PaymentImport</c>.</summary>
public enum Domain
{
    Client,
    ClientAssignment,
    Payment,
}
