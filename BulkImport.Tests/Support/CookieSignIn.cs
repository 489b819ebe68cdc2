using System.Net;
using System.Text.RegularExpressions;

namespace BulkImport.Tests.Support;

/// <summary>Signs a cookie-keeping HttpClient in through the sign-in form, as a browser does (antiforgery token included).</summary>
public static partial class CookieSignIn
{
    /// <returns>The sign-in cookie as a <c>Cookie</c> header value (<c>BulkImport.Auth=…</c>), to present from another client.</returns>
    public static async Task<string> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups["token"].Value;
        token.Should().NotBeEmpty("the sign-in form carries an antiforgery token");
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/imports",
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/imports", "the sign-in succeeded");
        return string.Join("; ", response.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("BulkImport.Auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]));
    }

    /// <summary>Posts the sign-in form as the page does (fresh antiforgery token) and returns the answer, whatever it is.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups["token"].Value;
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/imports",
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
