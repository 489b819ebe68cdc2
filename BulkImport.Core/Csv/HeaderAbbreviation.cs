using System.Text;

namespace BulkImport.Core.Csv;

/// <summary>
/// A header that shortens exactly one template column's name by its leading words: "Sponsor" for Sponsor Name,
/// "Funding" for Funding Source, "Enroll Date" for Enrollment Date, "Course" for CourseID. Each word of the header is
/// the column's word at the same place, or its start (3 letters or more). Partners' files drop the generic last word
/// of a name; they rarely drop the first one, so a header that matches only the column's later words ("Name" in First
/// Name) is not one. A header whose words are all generic ("Name", "ID", "Date", "Status") names no column of its own
/// even when a template has a single column starting with it ("Date" is not surely Date of Birth), and a header that
/// starts two columns ("Enrollment": Status or Date) is left to the person.
/// </summary>
public static class HeaderAbbreviation
{
    private const int MinimumShortening = 3;

    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "name", "id", "no", "number", "date", "code", "type", "status", "source", "method", "value", "description",
    };

    /// <summary>Whether every word of <paramref name="header"/> is one that many columns end with ("Name", "ID", "Date").</summary>
    public static bool IsGeneric(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var words = Words(header);
        return words.Count > 0 && words.TrueForAll(Generic.Contains);
    }

    /// <summary>The one template column <paramref name="header"/> shortens, or null.</summary>
    public static string? Of(string header, IReadOnlyList<string> templateColumns)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(templateColumns);

        var words = Words(header);
        if (words.Count == 0 || words.TrueForAll(Generic.Contains))
        {
            return null;
        }

        var key = string.Concat(words);
        string? found = null;
        foreach (var column in templateColumns)
        {
            var columnWords = Words(column);
            if (string.Concat(columnWords) == key || !Shortens(words, columnWords))
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = column;
        }

        return found;
    }

    private static bool Shortens(List<string> words, List<string> columnWords)
    {
        if (words.Count > columnWords.Count)
        {
            return false;
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var columnWord = columnWords[i];
            if (word != columnWord && (word.Length < MinimumShortening || !columnWord.StartsWith(word, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The words of a name in lower case: runs of letters and digits, split where a lower-case letter meets a capital
    /// ("CourseID" is course, id) or where a run of capitals meets a capitalised word ("SSNNumber" is ssn, number).
    /// </summary>
    internal static List<string> Words(string name)
    {
        var text = HeaderName.SafeNormalize(name);
        var words = new List<string>();
        var word = new StringBuilder();
        var runes = text.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (!Rune.IsLetterOrDigit(rune))
            {
                Flush(word, words);
                continue;
            }

            if (word.Length > 0 && i > 0 && Rune.IsUpper(rune)
                && (Rune.IsLower(runes[i - 1]) || (Rune.IsUpper(runes[i - 1]) && i + 1 < runes.Count && Rune.IsLower(runes[i + 1]))))
            {
                Flush(word, words);
            }

            word.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        Flush(word, words);
        return words;
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
