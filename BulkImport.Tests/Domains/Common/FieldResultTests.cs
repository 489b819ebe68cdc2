using BulkImport.Core.Domains.Common;

namespace BulkImport.Tests.Domains.Common;

public class FieldResultTests
{
    [Fact]
    public void Ok_is_valid_and_carries_the_value()
    {
        var result = FieldResult.Ok("FL");

        result.IsValid.Should().BeTrue();
        result.Value.Should().Be("FL");
        result.Error.Should().BeNull();
    }

    [Fact]
    public void Fail_is_invalid_and_carries_the_message()
    {
        var result = FieldResult.Fail("Zip must be 5 digits");

        result.IsValid.Should().BeFalse();
        result.Value.Should().BeNull();
        result.Error.Should().Be("Zip must be 5 digits");
    }

    [Fact]
    public void Results_with_the_same_content_are_equal()
    {
        FieldResult.Ok("a").Should().Be(FieldResult.Ok("a"));
        FieldResult.Fail("e").Should().NotBe(FieldResult.Ok("e"));
    }
}
