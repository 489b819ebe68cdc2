namespace BulkImport.Core.Clients;

/// <summary>Lengths shared by the validator and the schema.</summary>
public static class ClientLimits
{
    public const int NameMaxLength = 50;
    public const int EmailMaxLength = 254;
    public const int AddressMaxLength = 100;
    public const int CityMaxLength = 50;
}
