using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

public class EmailFormatTests
{
    private const string Expected = "Email must be an address like name@example.org";

    [Theory]
    [InlineData("a@b.org")]
    [InlineData("ann.lee@example.com")]
    [InlineData("Ann.Lee@Example.COM")]
    [InlineData("ann+news@mail.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("first_last-1@sub-domain.example.org")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@example.org")]
    [InlineData("ann@bücher.de")]
    [InlineData("ann@xn--bcher-kva.de")]
    [InlineData("ann@123.example.org")]
    public void Email_address_is_kept_as_typed(string input)
    {
        var result = FieldFormats.Email(input);

        result.Value.Should().BeSameAs(input);
        FieldFormats.Email(result.Value!).Value.Should().Be(input);
    }

    [Fact]
    public void Email_of_254_characters_is_accepted()
    {
        var input = new string('a', 64) + "@" + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 61) + ".org";
        input.Length.Should().Be(258);
        var fits = input[..(input.Length - 8)] + ".org";
        fits.Length.Should().Be(254);

        FieldFormats.Email(fits).Value.Should().Be(fits);
    }

    [Fact]
    public void Email_longer_than_254_characters_names_its_length_and_the_limit()
    {
        var input = new string('a', 60) + "@" + new string('b', 200) + ".org";

        FieldFormats.Email(input).Error.Should().Be("Email is 265 characters long; the limit is 254");
    }

    [Theory]
    [InlineData("ann.example.org", "it has no @")]
    [InlineData("ann@@example.org", "it has more than one @")]
    [InlineData("ann@b@example.org", "it has more than one @")]
    [InlineData("Ann Lee <ann@example.org>", "it contains a space (give the address only, without a name)")]
    [InlineData("ann @example.org", "it contains a space (give the address only, without a name)")]
    [InlineData("<ann@example.org>", "the part before the @ cannot contain '<'")]
    [InlineData("\"ann lee\"@example.org", "it contains a space (give the address only, without a name)")]
    [InlineData("\"ann\"@example.org", "the part before the @ cannot contain '\"'")]
    [InlineData("ann(work)@example.org", "the part before the @ cannot contain '('")]
    [InlineData("ann,lee@example.org", "the part before the @ cannot contain ','")]
    [InlineData("josé@example.org", "the part before the @ cannot contain 'é'")]
    [InlineData("@example.org", "there is nothing before the @")]
    [InlineData("ann@", "there is nothing after the @")]
    [InlineData(".ann@example.org", "the part before the @ cannot start or end with a dot or have two dots in a row")]
    [InlineData("ann.@example.org", "the part before the @ cannot start or end with a dot or have two dots in a row")]
    [InlineData("ann..lee@example.org", "the part before the @ cannot start or end with a dot or have two dots in a row")]
    [InlineData("ann@localhost", "the part after the @ needs a dot, like example.org")]
    [InlineData("ann@example..org", "the part after the @ is not a valid domain, like example.org")]
    [InlineData("ann@.example.org", "the part after the @ is not a valid domain, like example.org")]
    [InlineData("ann@example.org.", "the part after the @ is not a valid domain, like example.org")]
    [InlineData("ann@-example.org", "the part after the @ is not a valid domain, like example.org")]
    [InlineData("ann@example-.org", "the part after the @ is not a valid domain, like example.org")]
    [InlineData("ann@exa_mple.org", "the part after the @ is not a valid domain, like example.org")]
    [InlineData("ann@[192.168.0.1]", "the part after the @ is not a valid domain, like example.org")]
    [InlineData("ann@192.168.0.1", "the part after the @ is not a valid domain, like example.org")]
    [InlineData("ann@example.c", "the part after the @ is not a valid domain, like example.org")]
    [InlineData("ann@exam ple.org", "it contains a space (give the address only, without a name)")]
    public void Email_that_is_not_an_address_says_why(string input, string reason)
    {
        FieldFormats.Email(input).Error.Should().Be($"{Expected}; {reason}");
    }

    [Fact]
    public void Email_local_part_longer_than_64_characters_is_an_error()
    {
        FieldFormats.Email(new string('a', 65) + "@example.org").Error
            .Should().Be($"{Expected}; the part before the @ is longer than 64 characters");
    }

    [Fact]
    public void Email_domain_label_longer_than_63_characters_is_an_error()
    {
        FieldFormats.Email("ann@" + new string('b', 64) + ".org").Error
            .Should().Be($"{Expected}; the part after the @ is not a valid domain, like example.org");
    }
}
