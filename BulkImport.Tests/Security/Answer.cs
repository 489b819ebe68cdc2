using System.Net;

namespace BulkImport.Tests.Security;

/// <summary>The answer the matrix expects: a status code, and for a redirect where it leads.</summary>
public readonly record struct Answer(int Status, string? RedirectTo = null)
{
    /// <summary>A person in a browser who is not signed in is sent to the sign-in page.</summary>
    public static readonly Answer SignIn = new(302, "/account/login");

    public static implicit operator Answer(int status) => new(status);

    public bool Matches(HttpResponseMessage response) =>
        (int)response.StatusCode == Status
        && (RedirectTo is null || (response.Headers.Location?.OriginalString ?? "").Contains(RedirectTo, StringComparison.Ordinal));

    public override string ToString() => RedirectTo is null ? ((HttpStatusCode)Status).ToString() + $" ({Status})" : $"{Status} to {RedirectTo}";
}
