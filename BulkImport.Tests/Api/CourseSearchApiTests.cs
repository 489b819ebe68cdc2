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
    [InlineData("")]
    [InlineData("?code=")]
    [InlineData("?code=c")]
    [InlineData("?code=%20c%20")]
    public async Task Fewer_than_two_characters_find_nothing(string query) =>
        (await SearchAsync(query)).Should().BeEmpty();

    [Fact]
    public async Task A_prefix_no_code_starts_with_finds_nothing() =>
        (await SearchAsync("?code=101")).Should().BeEmpty();
}
