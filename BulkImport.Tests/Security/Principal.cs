namespace BulkImport.Tests.Security;

/// <summary>Who makes a request in the authorization matrix: nobody, each permission group, a second importer, and a user in no group.</summary>
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
    /// <summary>Signed in, but in no permission group: gets nothing but the page that says to ask an administrator.</summary>
    NoGroup,
}
