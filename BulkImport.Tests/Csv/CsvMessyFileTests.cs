using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

/// <summary>The reader's answers to messy files (BAD-INPUTS.md), below the API: what each rule accepts and what it does not.</summary>
public class CsvMessyFileTests
{
    private static readonly string[] Template = ["Client ID", "First Name", "Last Name", "City"];

    static CsvMessyFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("Renée Müller")]
    [InlineData("Straße Größe Füße")]
    [InlineData("José Peña; François’s café")]
    [InlineData("“Œuvre” – €5 … ™")]
    [InlineData("‘Šárka’ ©2024 ½ °C")]
    [InlineData("„Übung“ réélu ções")]
    [InlineData("dégénéré Hélène Bénédicte")]
    [InlineData("Ærøskøbing Søren Åse ÉTÉ")]
    [InlineData("“¡Hola!” —¡Basta! “¿Qué?” ‘¿Vienes?’ …¿sí?")]
    [InlineData("“½” Acme™® and «¡ojo!» ‹¿y?› €¹ • ©")]
    public void Western_european_windows_1252_text_is_read_as_windows_1252_not_refused(string text)
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes($"Client ID,First Name,Last Name,City\r\n,{text},Lee,x\r\n");

        var result = CsvTestFile.Read(bytes, Template);

        result.Errors.Should().BeEmpty();
        result.File.EncodingName.Should().Be("Windows-1252");
        result.DataValues.Single()[1].Should().Be(text);
    }

    [Theory]
    [InlineData(949, "서울특별시")]
    [InlineData(936, "北京市")]
    [InlineData(932, "東京都")]
    [InlineData(932, "A い B")]
    [InlineData(1251, "Москва")]
    [InlineData(1253, "Αθήνα")]
    public void Text_of_another_legacy_code_page_is_refused_naming_its_line(int codePage, string city)
    {
        var bytes = Encoding.GetEncoding(codePage).GetBytes($"Client ID,First Name,Last Name,City\r\n,Ann,Lee,Tampa\r\n\r\n,Bo,Ng,{city}\r\n");

        var result = CsvTestFile.Read(bytes, Template);

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("Unsupported encoding; save as UTF-8.").And.Contain("line 4 holds letters of another encoding");
    }

    [Theory]
    [InlineData("a\nb\nc\0", 3)]
    [InlineData("a\r\nb\r\n\0", 3)]
    [InlineData("a\rb\rc\rd\0", 4)]
    [InlineData("\0", 1)]
    public void The_first_nul_byte_is_named_by_its_line_whatever_the_line_endings(string text, int line)
    {
        CsvTestFile.Read(Encoding.ASCII.GetBytes(text), Template).Errors.Single().Message.Should().Contain($"the first on line {line}.");
    }

    [Fact]
    public void The_line_of_the_first_invalid_utf8_byte_is_found_past_the_first_scan_chunk()
    {
        var text = new StringBuilder("Client ID,First Name,Last Name,City\n");
        for (var i = 0; i < 5000; i++)
        {
            text.Append(",Ann,Lee,Tampa\n");
        }

        var bytes = CsvTestFile.Bytes(Encoding.UTF8.GetBytes(text.ToString()), Encoding.UTF8.GetBytes(",Ren"), [0xE9], Encoding.UTF8.GetBytes("e,Lee,x\n"));

        var result = CsvTestFile.Read(bytes, Template);

        result.Warnings.Single().Message.Should().Contain("is on line 5002)");
    }

    [Fact]
    public void A_header_under_a_preamble_is_found_and_named()
    {
        var result = CsvTestFile.Read("Export of 31 January\nClient ID,First Name\n1,Ann\n", Template);

        result.Errors.Should().ContainSingle().Which.Should().Be(new FileMessage(
            "Header not found on line 1: the column names ('Client ID', 'First Name') are on row 2. Delete the 1 row above them so that the header is row 1, and upload again.", 1));
    }

    [Fact]
    public void A_header_beyond_the_search_rows_is_not_looked_for()
    {
        var result = CsvTestFile.Read(string.Concat(Enumerable.Repeat("notes,more notes\n", 60)) + "Client ID,First Name\n1,Ann\n", Template, ["First Name"]);

        result.Errors.Single().Message.Should().StartWith("Header not found on line 1: none of its cells ('notes', 'more notes') is a column of the template. Row 1 must hold the column names (this import needs 'First Name')");
    }

    [Fact]
    public void A_header_with_one_template_column_is_not_searched_below_and_gets_the_usual_messages()
    {
        var result = CsvTestFile.Read("First Name,Colour\nAnn,Blue\n", Template, ["Last Name"]);

        result.Errors.Single().Message.Should().StartWith("Required column 'Last Name' is missing.");
        result.Warnings.Single().Message.Should().Be("Column 'Colour' is not in the template and was ignored.");
    }

    [Theory]
    [InlineData("Frist Name", "First Name")]
    [InlineData("Lst Name", "Last Name")]
    [InlineData("Citty", "City")]
    [InlineData("ClientId2", "Client ID")]
    public void An_unknown_column_a_letter_or_two_from_a_missing_template_column_suggests_it(string header, string suggestion)
    {
        var result = CsvTestFile.Read($"Client ID,{header}\n1,x\n", ["Client ID", "First Name", "Last Name", "City"]);

        if (suggestion == "Client ID")
        {
            result.Warnings.Single().Message.Should().Be($"Column '{header}' is not in the template and was ignored.", "Client ID is in the file already");
            return;
        }

        result.Warnings.Single().Message.Should().Be($"Column '{header}' is not in the template and was ignored. Did you mean '{suggestion}'? Rename the column and upload again to import it.");
    }

    [Fact]
    public void A_repeated_header_is_a_row_problem_but_a_single_value_equal_to_its_column_name_is_data()
    {
        var result = CsvTestFile.Read("Client ID,First Name,Last Name,City\n,Ann,Lee,City\nCLIENT ID,First Name,,\n,Bo,Ng,x\n", Template);

        result.Rows[0].Problems.Should().BeEmpty("a town may be called City");
        result.Rows[1].Problems.Should().ContainSingle().Which.Should().Be(new FileMessage(
            "Row 3 repeats the header (the column names); it is not data. Skip this row, or delete it from the file.", 3));
        result.Rows[2].Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_second_table_with_the_same_field_count_and_other_column_names_is_read_as_rows()
    {
        // Nothing marks it as a header: its rows are validated like any other (and fail the field rules there).
        var result = CsvTestFile.Read("Client ID,First Name,Last Name,City\n1,Ann,Lee,x\n\nCourse,Section,Status,Date\nENG,1,Enrolled,2024\n", Template);

        result.Failure.Should().BeNull();
        result.DataValues.Should().HaveCount(3);
    }

    [Fact]
    public void Two_ragged_rows_without_a_blank_row_before_them_are_row_problems_not_a_second_table()
    {
        var result = CsvTestFile.Read("Client ID,First Name,Last Name,City\n1,Ann,Lee,x\n2,Bo\n3,Cy\n", Template);

        result.Failure.Should().BeNull();
        result.Rows.Skip(1).Should().OnlyContain(r => r.Problems.Single().Message == "Row has 2 fields; the header has 4");
    }

    [Fact]
    public void A_second_table_found_late_stops_the_file_after_rows_were_streamed()
    {
        var result = CsvTestFile.Read("Client ID,First Name,Last Name,City\n1,Ann,Lee,x\n2,Bo,Ng,y\n\nClient ID,Course ID\n1,ENG\n", Template);

        result.Rows.Select(r => r.RowNumber).Should().Equal([2, 3, 4, 5], "row 5 only becomes a table when row 6 has its shape; the import drops every row then");
        result.Failure!.Problem.Should().Be(new FileMessage(
            "Row 5 starts a second table: after a blank row, rows 5 and 6 have 2 fields where the header has 4. A file must hold one table under one header row; split it into separate files and upload them one by one.", 5));
    }

    [Fact]
    public void Backslash_escaped_quotes_are_a_row_problem_with_the_line_range_when_the_row_spans_lines()
    {
        var result = CsvTestFile.Read("Client ID,First Name,Last Name,City\n,\"a\nb\",Lee,x\n,\"say \\\"hi\\\"\",Lee,x\n,x\\\"y,Lee,x\n", Template);

        result.Rows[0].Problems.Should().BeEmpty();
        result.Rows[1].Problems.Single().Message.Should().StartWith("Row uses backslash-escaped quotes").And.Contain("(line 4 of the file)");
        result.Rows[2].Problems.Single().Message.Should().StartWith("Row uses backslash-escaped quotes");
    }

    [Fact]
    public void A_field_count_problem_of_a_row_that_spans_lines_names_its_lines()
    {
        var result = CsvTestFile.Read("a,b,c\n1,\"x\ny\",3,4\n5,6\n", ["a", "b", "c"]);

        result.Rows[0].Problems.Single().Message.Should().Be("Row has 4 fields; the header has 3 (lines 2-3 of the file)");
        result.Rows[1].Problems.Single().Message.Should().Be("Row has 2 fields; the header has 3 (line 4 of the file)");
    }

    [Fact]
    public void Cell_problems_name_the_template_column_not_the_header_text()
    {
        var result = CsvTestFile.Read($"client_id,FIRST NAME\n1,x\u0007y\n", Template);

        result.Rows.Single().Problems.Single().Column.Should().Be("First Name");
    }
}
