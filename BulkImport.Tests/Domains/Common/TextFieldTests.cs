using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

public class TextFieldTests
{
    [Theory]
    [InlineData("Ann")]
    [InlineData("O'Brien-Smith")]
    [InlineData("José")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("Mary  Ann")]
    public void Text_within_the_limit_is_kept_as_given(string input)
    {
        var result = FieldFormats.Text(input, "First Name", 50);

        result.Value.Should().BeSameAs(input);
        FieldFormats.Text(result.Value!, "First Name", 50).Value.Should().Be(input);
    }

    [Fact]
    public void Text_exactly_at_the_limit_is_accepted()
    {
        var input = new string('a', 50);

        FieldFormats.Text(input, "First Name", 50).Value.Should().Be(input);
    }

    [Fact]
    public void Characters_are_counted_as_a_person_sees_them_not_as_UTF16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 50));

        FieldFormats.Text(emoji, "First Name", 50).Value.Should().Be(emoji, "50 emoji are 50 characters (100 UTF-16 units)");
        FieldFormats.Text(emoji + "😀", "First Name", 50).Error.Should().Be("First Name is 51 characters long; the limit is 50");
        var label = string.Concat(Enumerable.Repeat("𝐚", 60));
        FieldFormats.Email($"ann@{label}.{label}.{label}.org").Error
            .Should().NotContain("characters long", "190 characters are within 254, though 370 UTF-16 units");
    }

    [Theory]
    [InlineData("First Name", 50, 63, "First Name is 63 characters long; the limit is 50")]
    [InlineData("Last Name", 50, 51, "Last Name is 51 characters long; the limit is 50")]
    [InlineData("Address", 100, 101, "Address is 101 characters long; the limit is 100")]
    [InlineData("City", 50, 1_000_000, "City is 1000000 characters long; the limit is 50")]
    public void Text_longer_than_the_limit_names_its_length_and_the_limit(string column, int limit, int length, string message)
    {
        FieldFormats.Text(new string('x', length), column, limit).Error.Should().Be(message);
    }

    [Theory]
    [InlineData("12 Main St\nApt 2")]
    [InlineData("12 Main St\r\nApt 2")]
    [InlineData("12 Main St\u2028Apt 2")]
    public void Text_with_a_line_break_is_an_error(string input)
    {
        FieldFormats.Text(input, "Address", 100).Error.Should().Be("Address contains a line break; put the text on one line");
    }

    [Theory]
    [InlineData("Ann\0", "First Name contains a control character (U+0000); remove it")]
    [InlineData("An\tn", "First Name contains a control character (U+0009); remove it")]
    [InlineData("Ann\u0085", "First Name contains a control character (U+0085); remove it")]
    public void Text_with_a_control_character_is_an_error(string input, string message)
    {
        FieldFormats.Text(input, "First Name", 50).Error.Should().Be(message);
    }

    [Fact]
    public void An_address_may_span_lines_but_still_has_no_control_characters()
    {
        FieldFormats.Text("12 Main St\r\nApt 4", "Address", 100, allowLineBreaks: true).Value.Should().Be("12 Main St\r\nApt 4");
        FieldFormats.Text("12 Main St\r\nApt 4", "First Name", 50).IsValid.Should().BeFalse();
        FieldFormats.Text("12 Main\u0007", "Address", 100, allowLineBreaks: true).IsValid.Should().BeFalse();
    }
}
