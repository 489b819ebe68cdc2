using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>
/// What the API answers to requests no endpoint can take as sent (SPEC 12: problem details with a message a person can
/// act on): blank query values, values of the wrong type, addresses that name no endpoint, no sign-in, and a permission
/// group that may not call the endpoint.
/// </summary>
public sealed class ApiRefusalsApiTests(CommittedImportApp app) : IClassFixture<CommittedImportApp>
{
    public static TheoryData<string> Lists => new()
    {
        "/api/imports?status=&domain=&page=&pageSize=",
        "/api/imports/{id}/rows?status=&page=&pageSize=",
        "/api/clients?search=&page=&pageSize=",
        "/api/imports/{id}/report?page=%20&pageSize=",
        "/api/admin/users?page=&pageSize=",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_query_value_left_blank_means_not_given(string list)
    {
        var url = list.Replace("{id}", app.ImportId.ToString());
        var withoutQuery = url[..url.IndexOf('?')];

        var blank = await app.Admin.Http.GetAsync(url);
        var none = await app.Admin.Http.GetAsync(withoutQuery);

        blank.StatusCode.Should().Be(HttpStatusCode.OK, await blank.Content.ReadAsStringAsync());
        (await blank.Content.ReadAsStringAsync()).Should().Be(await none.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/imports?page=abc", "'abc' is not a valid page: give a whole number, such as 1.")]
    [InlineData("/api/imports?pageSize=1.5", "'1.5' is not a valid pageSize: give a whole number, such as 1.")]
    [InlineData("/api/imports/{id}/discrepancies?resolved=maybe", "'maybe' is not a valid resolved: give true or false.")]
    public async Task A_query_value_of_the_wrong_kind_is_named_with_what_to_give(string url, string detail)
    {
        var problem = await ProblemAsync(await app.Admin.Http.GetAsync(url.Replace("{id}", app.ImportId.ToString())), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Be(detail);
    }

    // Enum.TryParse combines names joined by a comma as flags: Error,Skipped (1|2) read as Success, Validating,ReadyForReview
    // (0|2) as ReadyForReview, Pending,Sent as Sent; each answered a list of something else than was asked, with 200.
    [Theory]
    [InlineData("/api/imports/{id}/rows?status=Error,Skipped", "'Error,Skipped' is not a valid status. Use one of: Valid, Error, Skipped, Success, Failed.")]
    [InlineData("/api/imports/{id}/rows.csv?status=Error,Skipped", "'Error,Skipped' is not a row status. Use Valid, Error, Skipped, Success, Failed, or leave status out for all rows.")]
    [InlineData("/api/imports?status=Validating,ReadyForReview", "'Validating,ReadyForReview' is not a valid status. Use one of: ")]
    [InlineData("/api/admin/outbox?status=Pending,Sent", "'Pending,Sent' is not an outbox status. Use one of: ")]
    public async Task Names_joined_by_a_comma_are_refused_not_read_as_another_value(string url, string detail)
    {
        var problem = await ProblemAsync(await app.Admin.Http.GetAsync(url.Replace("{id}", app.ImportId.ToString())), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().StartWith(detail);
    }

    [Theory]
    [InlineData("/fixes", "{\"column\":\"Last Name\",\"find\":\"a\",\"replace\":\"b\",\"match\":\"Exact,Contains\"}", "'Exact,Contains' is not a valid match. Use one of: Exact, Contains.")]
    [InlineData("/discrepancies/resolve-all", "{\"resolution\":\"Select,NewPerson\"}", "'Select,NewPerson' is not a resolution.")]
    public async Task A_body_naming_two_values_joined_by_a_comma_is_refused(string call, string body, string detail)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var problem = await ProblemAsync(await app.Admin.Http.PostAsync($"/api/imports/{app.ImportId}{call}", content), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().StartWith(detail);
    }

    [Fact]
    public async Task An_upload_whose_operation_joins_two_names_is_refused_not_made_an_Update()
    {
        var response = await app.Admin.PostImportAsync("Client ID,First Name,Last Name\n1,Ann,Lee\n"u8.ToArray(), "Client", "Add,Update");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().Should().Be("'Add,Update' is not a valid operation. Use one of: Add, Update, AddUpdate.");
    }

    // Read as their defaults, autoCreateInvoices=Y made an import without invoices and checkDuplicates=nope kept the check on.
    [Theory]
    [InlineData("autoCreateInvoices", "Y", "'Y' is not a valid autoCreateInvoices: send true or false, or leave the field out (off when left out).")]
    [InlineData("checkDuplicates", "nope", "'nope' is not a valid checkDuplicates: send true or false, or leave the field out (on when left out).")]
    [InlineData("notifyMe", "never", "'never' is not a valid notifyMe: send true or false, or leave the field out (on when left out).")]
    public async Task An_upload_option_that_is_neither_on_nor_off_is_refused_naming_it(string field, string value, string detail)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent("First Name,Last Name\nAnn,Lee\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "clients.csv");
        content.Add(new StringContent("Client"), "domain");
        content.Add(new StringContent("Add"), "operation");
        content.Add(new StringContent(value), field);

        var problem = await ProblemAsync(await app.Admin.Http.PostAsync("/api/imports", content), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Be(detail);
    }

    // "Import 8 has no row 2. Row numbers start at 2" was the answer for row 2 of an import whose rows were not read yet.
    [Fact]
    public async Task A_row_that_is_not_there_is_told_apart_from_rows_not_read_yet()
    {
        var atMapColumns = await app.Admin.ImportAsync("Given Name,Surname\nAnn,Smith\n");
        atMapColumns.Status.Should().Be(BulkImport.Core.Imports.ImportStatus.AwaitingMapping);

        var notRead = await ProblemAsync(await app.Admin.Http.GetAsync($"/api/imports/{atMapColumns.Id}/rows/2"), HttpStatusCode.NotFound);
        var pastTheEnd = await ProblemAsync(await app.Admin.Http.GetAsync($"/api/imports/{app.ImportId}/rows/99"), HttpStatusCode.NotFound);

        notRead.GetProperty("detail").GetString().Should().Be(
            $"Import {atMapColumns.Id} has no rows yet: its file's columns must be mapped first (GET /api/imports/{atMapColumns.Id}/mapping), then its rows are read.");
        pastTheEnd.GetProperty("detail").GetString().Should().Be($"Import {app.ImportId} has no row 99. Row numbers start at 2 (the header is row 1) and end at 6.");
    }

    [Fact]
    public async Task An_address_that_names_no_endpoint_says_to_check_it_and_that_ids_are_numbers()
    {
        var problem = await ProblemAsync(await app.Admin.Http.GetAsync("/api/imports/abc"), HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString().Should().StartWith("There is nothing at GET /api/imports/abc.")
            .And.Contain("the IDs in an address are whole numbers");
    }

    [Fact]
    public async Task A_request_without_sign_in_says_how_to_sign_in()
    {
        using var anonymous = app.Host.CreateClient();

        var problem = await ProblemAsync(await anonymous.GetAsync("/api/imports"), HttpStatusCode.Unauthorized);

        problem.GetProperty("detail").GetString().Should().StartWith("Sign in first: POST /api/auth/login");
    }

    [Fact]
    public async Task A_permission_group_that_may_not_call_an_endpoint_is_told_which_groups_may()
    {
        var supervisor = await app.Host.ApiAsync(Roles.Supervisor);
        var importer = await app.Host.ApiAsync(Roles.Importer);

        var upload = await ProblemAsync(await supervisor.Http.PostAsync("/api/imports", new MultipartFormDataContent()), HttpStatusCode.Forbidden);
        var replay = await ProblemAsync(await importer.Http.PostAsync($"/api/imports/{app.ImportId}/replay", null), HttpStatusCode.Forbidden);

        upload.GetProperty("detail").GetString().Should().Be(
            "This is for the permission groups Importer or Admin; you are signed in with the permission group Supervisor. Ask an administrator if you need it.");
        replay.GetProperty("detail").GetString().Should().StartWith("This is for the permission groups Support or Admin; you are signed in with the permission group Importer.");
    }

    [Fact]
    public async Task An_upload_cut_off_inside_a_part_says_it_ended_before_it_was_complete()
    {
        const string body = "--abc\r\nContent-Disposition: form-data; name=\"domain\"\r\n\r\nClient\r\n--abc\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nFirst Name,Last Name\r\nAl,Lee\r\n";
        using var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");

        var problem = await ProblemAsync(await app.Admin.Http.PostAsync("/api/imports", content), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Be("The upload ended before it was complete: the multipart body stops inside a part. Send the file again.");
    }

    [Fact]
    public async Task A_body_that_is_missing_not_JSON_or_not_sent_as_JSON_says_what_to_send()
    {
        var url = $"/api/imports/{app.ImportId}/rows/2";
        using var empty = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        using var broken = new StringContent("{\"values\":{", System.Text.Encoding.UTF8, "application/json");
        using var text = new StringContent("{\"values\":{}}", System.Text.Encoding.UTF8, "text/plain");

        var none = await ProblemAsync(await app.Admin.Http.PutAsync(url, empty), HttpStatusCode.BadRequest);
        var notJson = await ProblemAsync(await app.Admin.Http.PutAsync(url, broken), HttpStatusCode.BadRequest);
        var notSentAsJson = await ProblemAsync(await app.Admin.Http.PutAsync(url, text), HttpStatusCode.UnsupportedMediaType);

        none.GetProperty("detail").GetString().Should().Be($"The request has no body. Send JSON (Content-Type: application/json) as docs/api.md shows for PUT {url}.");
        notJson.GetProperty("detail").GetString().Should().StartWith("The body is not valid JSON for this call (").And.Contain("Path: $.values")
            .And.EndWith($"Send JSON (Content-Type: application/json) as docs/api.md shows for PUT {url}.");
        notSentAsJson.GetProperty("detail").GetString().Should().Be($"PUT {url} takes a JSON body: send it with Content-Type: application/json, as docs/api.md shows.");

        using var anonymous = app.Host.CreateClient();
        using var signIn = new StringContent("{\"email\":\"importer@bulkimport.local\",\"password\":\"Importer!2026\"}", System.Text.Encoding.UTF8, "text/plain");
        var login = await ProblemAsync(await anonymous.PostAsync("/api/auth/login", signIn), HttpStatusCode.UnsupportedMediaType);
        login.GetProperty("detail").GetString().Should().StartWith("POST /api/auth/login takes a JSON body");
    }

    // Well-formed JSON with a value of the wrong kind was answered with the .NET type the serializer wanted
    // ("could not be converted to System.String", "to BulkImport.App.Api.FixRequest. Path: $.find").
    [Theory]
    [InlineData("PUT", "/rows/2", "{\"values\":{\"Last Name\":5}}", "$.values['Last Name'] must be text in quotes, such as \"5\"")]
    [InlineData("PUT", "/rows/2", "{\"values\":\"Lee\"}", "$.values must be an object, such as {\"name\": \"value\"}")]
    [InlineData("PUT", "/rows/2", "[]", "the body must be a JSON object, such as {\"name\": \"value\"}")]
    [InlineData("POST", "/rows/skip", "{\"rowNumbers\":\"2\"}", "$.rowNumbers must be a list in brackets, such as [2, 5]")]
    [InlineData("POST", "/fixes", "{\"column\":\"Email\",\"find\":1,\"replace\":\"x\"}", "$.find must be text in quotes, such as \"5\"")]
    [InlineData("POST", "/discrepancies/2", "{\"resolution\":\"Select\",\"clientId\":\"twelve\"}", "$.clientId must be a whole number, such as 12")]
    public async Task A_value_of_the_wrong_kind_in_the_body_is_named_with_the_kind_to_give(string method, string call, string body, string wrongKind)
    {
        var url = $"/api/imports/{app.ImportId}{call}";
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

        var problem = await ProblemAsync(await app.Admin.Http.SendAsync(request), HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Be(
            $"The body does not fit this call: {wrongKind}. Send JSON (Content-Type: application/json) as docs/api.md shows for {method} {url}.");
    }

    [Fact]
    public async Task A_browser_asking_for_a_page_that_does_not_exist_gets_the_Not_Found_page_with_404()
    {
        var browser = app.Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await CookieSignIn.SignInAsync(browser, TestApp.DemoUser(Roles.Importer).Email, TestApp.DemoUser(Roles.Importer).Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/nosuchpage");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        var response = await browser.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Page not found").And.Contain("There is no page at this address.");
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(body).RootElement;
    }
}
