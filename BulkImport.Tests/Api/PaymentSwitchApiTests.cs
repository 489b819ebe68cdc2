using System.Net;
using System.Text;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>
/// Payment is behind Features:PaymentImport, on by default (SPEC section 2, wave 2). Switched off, imports and templates
/// answer "not available in this installation", and the domain is not offered.
/// </summary>
public sealed class PaymentSwitchApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new(new() { ["Features:PaymentImport"] = "false" });
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_payment_import_is_refused_as_not_available_in_this_installation()
    {
        var response = await _api.PostImportAsync(Encoding.UTF8.GetBytes("Client ID,Amount\n1,10\n"), "Payment", "Add");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiClient.ProblemAsync(response);
        problem.GetProperty("title").GetString().Should().Be("Domain not available");
        problem.GetProperty("detail").GetString().Should().Be("Payment imports are not available in this installation. Ask an administrator to switch them on.");
    }

    [Theory]
    [InlineData("/api/templates/Payment.csv")]
    [InlineData("/api/templates/payment.csv?courseCode=CNA-101")]
    public async Task A_payment_template_is_refused_the_same_way(string url)
    {
        var response = await _api.Http.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("not available in this installation");
    }

    [Fact]
    public async Task The_domains_offered_are_client_and_client_assignment_only()
    {
        var response = await _api.Http.GetAsync("/api/templates/Nothing.csv");

        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("Templates: Client, ClientAssignment (");
    }

    [Fact]
    public async Task By_default_payment_is_offered()
    {
        using var app = new TestApp();
        var api = await app.ApiAsync();

        var response = await api.Http.GetAsync("/api/templates/Nothing.csv");

        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("Templates: Client, ClientAssignment, Payment (");
        (await api.Http.GetAsync("/api/templates/Payment.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
