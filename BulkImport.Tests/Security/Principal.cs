namespace BulkImport.Tests.Security;

/// <summary>Who makes a request in the authorization matrix: nobody, each permission group, and a second importer.</summary>
public enum Principal
{
    Anonymous,
    /// <summary>The importer who created the imports the matrix acts on.</summary>
    Importer,
    /// <summary>Another importer: someone else's imports must not exist for them.</summary>
    OtherImporter,
    Supervisor,
    Support,
    Admin,
}
