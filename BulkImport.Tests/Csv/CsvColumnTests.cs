using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

public class CsvColumnTests
{
    [Fact]
    public void Values_follow_template_order_whatever_the_file_order()
    {
        var result = CsvTestFile.Read("Email,last_name,FIRST NAME\na@b.c,Lee,Ann\n");

        result.File.PresentColumns.Should().Equal("First Name", "Last Name", "Email");
        result.DataValues.Single().Should().Equal(null, "Ann", "Lee", "a@b.c");
    }

    [Fact]
    public void An_absent_column_is_null_and_a_blank_cell_is_empty()
    {
        var result = CsvTestFile.Read("First Name,Last Name\nAnn,\n");

        result.DataValues.Single().Should().Equal(null, "Ann", "", null);
    }

    [Fact]
    public void An_unknown_column_is_ignored_with_a_warning()
    {
        var result = CsvTestFile.Read("First Name,Foo,Last Name\nAnn,bar,Lee\n");

        result.Errors.Should().BeEmpty();
        result.Warnings.Should().ContainSingle().Which.Should().Be(
            new FileMessage("Column 'Foo' is not in the template and was ignored.", 1, "Foo"));
        result.DataValues.Single().Should().Equal(null, "Ann", "Lee", null);
    }

    [Theory]
    [InlineData("__proto__")]
    [InlineData("constructor")]
    [InlineData("#")]
    [InlineData("<script>alert(1)</script>")]
    public void Odd_header_names_are_just_unknown_columns(string name)
    {
        var result = CsvTestFile.Read($"First Name,{name}\nAnn,x\n");

        result.Errors.Should().BeEmpty();
        result.Warnings.Should().ContainSingle().Which.Message.Should().Be($"Column '{name}' is not in the template and was ignored.");
        result.DataValues.Single().Should().Equal(null, "Ann", null, null);
    }

    [Fact]
    public void Header_cells_are_trimmed_of_unicode_white_space_before_matching()
    {
        var result = CsvTestFile.Read("\u00A0First Name\u2003, \"Last Name\" \nAnn,Lee\n");

        result.Warnings.Should().BeEmpty();
        result.File.PresentColumns.Should().Equal("First Name", "Last Name");
    }

    [Fact]
    public void Rows_can_be_enumerated_again_from_the_start()
    {
        var path = CsvTestFile.WriteTemp("First Name,Last Name\nAnn,Lee\n\nBob,Ray\n"u8.ToArray());
        try
        {
            using var file = ParsedFile.Open(path, CsvTestFile.Template, [], new CsvLimits());

            var first = file.Rows().Select(r => (r.RowNumber, r.Values[1])).ToList();
            var second = file.Rows().Select(r => (r.RowNumber, r.Values[1])).ToList();

            first.Should().Equal((2, "Ann"), (3, ""), (4, "Bob"));
            second.Should().Equal(first);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
