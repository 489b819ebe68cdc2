using System.Net.Http.Json;
using BulkImport.App.Api;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>GET /api/courses?code=: courses whose Course Code starts with the text, ignoring case, from 2 characters.</summary>
public sealed class CourseSearchApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<CoursesEndpoints.CourseDto>> SearchAsync(string query) =>
        (await _api.Http.GetFromJsonAsync<List<CoursesEndpoints.CourseDto>>("/api/courses" + query, ApiClient.Json))!;

    [Fact]
    public async Task A_prefix_finds_the_courses_whose_code_starts_with_it_ignoring_case()
    {
        (await SearchAsync("?code=cn")).Select(c => c.CourseCode).Should().Equal("CNA-101", "CNA-201");
        (await SearchAsync("?code=WLD")).Select(c => c.CourseCode).Should().Equal("WLD-100", "WLD-200");
        (await SearchAsync("?code=%20its-2%20")).Select(c => c.CourseCode).Should().Equal("ITS-210");
    }

    [Fact]
    public async Task Each_course_has_its_id_code_name_and_fee()
    {
        var json = await _api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/courses?code=CNA-1");

        var course = json.EnumerateArray().Should().ContainSingle().Subject;
        course.EnumerateObject().Select(p => p.Name).Should().Equal("courseId", "courseCode", "courseName", "fee");
        course.GetProperty("courseId").GetInt32().Should().Be(101);
        course.GetProperty("courseCode").GetString().Should().Be("CNA-101");
        course.GetProperty("courseName").GetString().Should().Be("Certified Nursing Assistant");
        course.GetProperty("fee").GetDecimal().Should().Be(1200.00m);
    }

    [Theory]
    [InlineData("", "it was missing")]
    [InlineData("?code=", "it was ''")]
    [InlineData("?code=c", "it was 'c'")]
    [InlineData("?code=%20c%20", "it was ' c '")]
    [InlineData("?code=CN%00", "control characters")]
    [InlineData("?code=%0A%0D", "it was '")]
    public async Task A_code_of_fewer_than_two_characters_or_with_control_characters_is_a_400_naming_the_parameter(string query, string said)
    {
        var response = await _api.Http.GetAsync("/api/courses" + query);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        var detail = (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString();
        detail.Should().Contain("'code'").And.Contain(said).And.Contain("/api/courses?code=CN");
    }

    [Fact]
    public async Task A_prefix_longer_than_any_code_or_with_characters_no_code_has_finds_nothing()
    {
        (await SearchAsync("?code=" + new string('C', 500))).Should().BeEmpty();
        (await SearchAsync("?code=%25ZZ")).Should().BeEmpty();
        (await SearchAsync("?code=CN%27%3B--")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_prefix_no_code_starts_with_finds_nothing() =>
        (await SearchAsync("?code=101")).Should().BeEmpty();
}
