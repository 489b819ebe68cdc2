namespace BulkImport.Tests.Security;

/// <summary>
/// One row of the authorization matrix: an endpoint (its HTTP methods and route pattern as the app maps them), how to
/// make a request to it with a fresh subject, and the answer each principal must get.
/// </summary>
public sealed record AuthorizationRule(
    string Endpoint,
    Func<MatrixApp, Task<HttpRequestMessage>> Request,
    Answer Anonymous,
    Answer Importer,
    Answer OtherImporter,
    Answer Supervisor,
    Answer Support,
    Answer Admin,
    Answer NoGroup)
{
    public Answer For(Principal principal) => principal switch
    {
        Principal.Anonymous => Anonymous,
        Principal.Importer => Importer,
        Principal.OtherImporter => OtherImporter,
        Principal.Supervisor => Supervisor,
        Principal.Support => Support,
        Principal.NoGroup => NoGroup,
        _ => Admin,
    };

    public override string ToString() => Endpoint;
}
