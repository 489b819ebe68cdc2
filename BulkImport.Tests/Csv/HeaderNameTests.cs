using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

public class HeaderNameTests
{
    [Theory]
    [InlineData("Course ID")]
    [InlineData("courseid")]
    [InlineData("course_id")]
    [InlineData("COURSE-ID")]
    [InlineData(" Course\u00A0ID\u00A0")]
    [InlineData("Course\u200BID")]
    [InlineData("\uFEFFCourseID")]
    [InlineData("Ｃｏｕｒｓｅ ＩＤ")]
    public void Variants_of_a_name_normalise_to_the_same_key(string variant)
    {
        HeaderName.Normalize(variant).Should().Be(HeaderName.Normalize("CourseID")).And.Be("courseid");
    }

    [Fact]
    public void Decomposed_and_precomposed_accents_match()
    {
        HeaderName.Normalize("Nin\u0303o").Should().Be(HeaderName.Normalize("Niño"));
    }

    [Fact]
    public void Different_names_stay_different()
    {
        HeaderName.Normalize("First Name").Should().NotBe(HeaderName.Normalize("Last Name"));
    }

    [Fact]
    public void A_lone_surrogate_does_not_throw()
    {
        HeaderName.Normalize("Na\uD800me").Should().Be("name");
    }
}
