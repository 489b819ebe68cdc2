using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

/// <summary>
/// Generated files: random values (delimiters, quotes, line breaks, Unicode, white space at the edges) written with
/// random quoting, delimiter, encoding and line endings, with blank lines here and there, must read back to the same
/// trimmed values with spreadsheet row numbers and physical line ranges. Fixed seeds keep failures reproducible.
/// </summary>
public class CsvRoundTripPropertyTests
{
    private static readonly string[] Pieces =
    [
        "a", "Zoë", "0", "42", " ", "  ", "\t", ",", ";", "\"", "\"\"", "'", "\r", "\n", "\r\n",
        "漢字", "😀", "\u00A0", "\u2003", "Ω", "=", "-", "x y", "\u200B",
    ];

    private static readonly char[] Delimiters = [',', ';', '\t'];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 300; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Written_values_read_back_trimmed_with_spreadsheet_numbering(int seed)
    {
        var random = new Random(seed);
        var generated = Generate(random);

        var result = CsvTestFile.Read(generated.Bytes, generated.Header);

        if (generated.Expected.Count == 0)
        {
            result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("The file has no data rows", generated.Describe());
            return;
        }

        result.Errors.Should().BeEmpty(generated.Describe());
        result.Failure.Should().BeNull(generated.Describe());
        result.File.Delimiter.Should().Be(generated.Delimiter, generated.Describe());
        result.Rows.Select(r => new ExpectedRow(r.RowNumber, r.FirstLine, r.LastLine, r.Kind, r.Values!))
            .Should().BeEquivalentTo(generated.Expected, o => o.WithStrictOrdering().ComparingByMembers<ExpectedRow>(), generated.Describe());
        result.Rows.Should().OnlyContain(r => r.Problems.Count == 0, generated.Describe());
    }

    private static Generated Generate(Random random)
    {
        var delimiter = Delimiters[random.Next(Delimiters.Length)];
        var columns = random.Next(2, 7);
        var header = Enumerable.Range(0, columns).Select(c => "c" + c).ToArray();
        var newline = random.Next(4) switch { 0 => "\r\n", 1 => "\n", 2 => "\r", _ => null }; // null: mixed per line
        var sepLine = random.Next(5) == 0;

        var text = new StringBuilder();
        var line = 1;
        var previousEnding = "";
        void EndLine()
        {
            var ending = newline ?? new[] { "\r\n", "\n", "\r" }[random.Next(3)];
            text.Append(ending);
            previousEnding = ending;
            line++;
        }

        if (sepLine)
        {
            text.Append("sep=").Append(delimiter);
            EndLine();
        }

        text.Append(string.Join(delimiter, header));
        EndLine();

        var expected = new List<ExpectedRow>();
        var records = random.Next(1, 12);
        for (var r = 0; r < records; r++)
        {
            var rowNumber = r + 2;
            if (random.Next(6) == 0)
            {
                // A blank line; after a lone CR it must not be a lone LF, or the two would make one CRLF.
                var ending = previousEnding == "\r" && newline is null ? "\r" : null;
                text.Append(ending ?? "");
                if (ending is null)
                {
                    EndLine();
                }
                else
                {
                    line++;
                }

                expected.Add(new ExpectedRow(rowNumber, line - 1, line - 1, ParsedRowKind.Blank, Enumerable.Repeat("", columns).ToArray()));
                continue;
            }

            var firstLine = line;
            var values = new string[columns];
            for (var c = 0; c < columns; c++)
            {
                values[c] = RandomValue(random);
                if (c > 0)
                {
                    text.Append(delimiter);
                }

                var written = Write(values[c], delimiter, random);
                text.Append(written);
                line += LineBreaks(written);
            }

            var lastLine = line;
            EndLine();
            // Excel's text marker ="…" is read as what Excel shows (docs/file-formats.md, "Values").
            var trimmed = values.Select(v => CsvFieldText.WithoutTextMarker(v.Trim())).ToArray();
            var kind = trimmed.All(v => v.Length == 0) ? ParsedRowKind.Blank : ParsedRowKind.Data;
            expected.Add(new ExpectedRow(rowNumber, firstLine, lastLine, kind, trimmed));
        }

        while (expected.Count > 0 && expected[^1].Kind == ParsedRowKind.Blank)
        {
            expected.RemoveAt(expected.Count - 1); // blank lines at the very end are not rows
        }

        var (encodingName, bytes) = Encode(text.ToString(), random);
        return new Generated(bytes, header, delimiter, expected, $"delimiter {(int)delimiter}, {encodingName}, text: {Escape(text.ToString())}");
    }

    private static string RandomValue(Random random)
    {
        var value = new StringBuilder();
        var pieces = random.Next(0, 8);
        for (var i = 0; i < pieces; i++)
        {
            value.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return value.ToString();
    }

    /// <summary>Quotes a value when it must be, and at random otherwise.</summary>
    private static string Write(string value, char delimiter, Random random)
    {
        // Unquoted, a quote may stand anywhere but at the start of the (trimmed) value, where it would open quoting.
        var mustQuote = value.Contains(delimiter) || value.Contains('\r') || value.Contains('\n') || value.TrimStart().StartsWith('"');
        return mustQuote || random.Next(3) == 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    private static (string Name, byte[] Bytes) Encode(string text, Random random) => random.Next(4) switch
    {
        0 => ("UTF-8", Encoding.UTF8.GetBytes(text)),
        1 => ("UTF-8 BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]),
        2 => ("UTF-16LE", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]),
        _ => ("UTF-16BE", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]),
    };

    private static int LineBreaks(string s) => s.Replace("\r\n", "\n").Count(c => c is '\r' or '\n');

    private static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");

    private sealed record Generated(byte[] Bytes, string[] Header, char Delimiter, List<ExpectedRow> Expected, string Description)
    {
        public string Describe() => Description;
    }

    private sealed record ExpectedRow(int RowNumber, int FirstLine, int LastLine, ParsedRowKind Kind, string?[] Values);
}
