using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

/// <summary>
/// Every rule, after <see cref="CellText.Clean"/> as the row validator applies it, maps an accepted variant to a
/// canonical value that is itself accepted and maps to itself.
/// </summary>
public class CanonicalFormTests
{
    private static readonly DateOnly Today = new(2025, 6, 15);

    private static readonly SelectListMatcher Ethnicity =
        new("Ethnicity", ["Hispanic or Latino", "Not Hispanic or Latino", "Declined to State"]);

    private static readonly Dictionary<string, Func<string, FieldResult>> Rules = new()
    {
        ["Client ID"] = v => FieldFormats.WholeNumberId(v, "Client ID"),
        ["First Name"] = v => FieldFormats.Text(v, "First Name", 50),
        ["Email"] = FieldFormats.Email,
        ["Phone Number"] = FieldFormats.Phone,
        ["SSN"] = FieldFormats.Ssn,
        ["Date of Birth"] = v => FieldFormats.DateOfBirth(v, Today),
        ["Enrollment Date"] = v => FieldFormats.Date(v, "Enrollment Date"),
        ["State"] = FieldFormats.State,
        ["Zip"] = FieldFormats.Zip,
        ["Ethnicity"] = Ethnicity.Match,
    };

    [Theory]
    [InlineData("Client ID", "000123")]
    [InlineData("First Name", "Zoe\u0308")]
    [InlineData("Email", "Ann.Lee\u200B@Example.org")]
    [InlineData("Phone Number", "+1 727.123.1234")]
    [InlineData("SSN", "123 45 6789")]
    [InlineData("Date of Birth", "1986-01-02")]
    [InlineData("Date of Birth", "1/2/1986")]
    [InlineData("Enrollment Date", "2018-01-28")]
    [InlineData("State", "fl")]
    [InlineData("Zip", "08123\u20130001")]
    [InlineData("Ethnicity", "not   HISPANIC or latino")]
    [InlineData("SSN", "123\u200B-45-6789")]
    [InlineData("Client ID", "\uFEFF42")]
    public void Canonical_value_is_accepted_and_maps_to_itself(string column, string input)
    {
        FieldResult rule(string value) => Rules[column](CellText.Clean(value));
        var first = rule(input);
        first.IsValid.Should().BeTrue();
        first.Value.Should().NotBe(input, "the input is a variant, not the canonical form");

        var second = rule(first.Value!);

        second.IsValid.Should().BeTrue();
        second.Value.Should().Be(first.Value);
        rule(second.Value!).Value.Should().Be(first.Value);
    }

    [Theory]
    [InlineData("Client ID", "123")]
    [InlineData("First Name", "Ann")]
    [InlineData("Email", "ann@example.org")]
    [InlineData("Phone Number", "(727) 123-1234")]
    [InlineData("SSN", "123456789")]
    [InlineData("Date of Birth", "01/02/1986")]
    [InlineData("Enrollment Date", "01/28/2018")]
    [InlineData("State", "FL")]
    [InlineData("Zip", "08123-0001")]
    [InlineData("Ethnicity", "Declined to State")]
    public void Canonical_value_is_checked_without_allocating(string column, string canonical)
    {
        var rule = Rules[column];
        rule(canonical).Value.Should().Be(canonical);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            rule(canonical);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
    }
}
