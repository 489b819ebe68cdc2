using System.Text;

namespace BulkImport.Core.Imports;

/// <summary>
/// An import status as the screens, chips and lists say it ("Ready for Review", not the API's "ReadyForReview"): one
/// place, so the history, the import page, Live Imports and the report never disagree.
/// </summary>
public static class ImportStatusNames
{
    public static string DisplayName(this ImportStatus status) => status switch
    {
        // The source article's words for the step where a person verifies possible duplicates.
        ImportStatus.AwaitingVerification => "Await Discrepancy Verification",
        ImportStatus.ReadyForReview => "Ready for Review",
        // Says what it waits for: a person to map the file's columns (SPEC 16).
        ImportStatus.AwaitingMapping => "Awaiting Column Mapping",
        _ => Words(status.ToString()),
    };

    /// <summary>"ValidationFailed" → "Validation Failed": statuses added later read as words without a case here.</summary>
    private static string Words(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append(' ');
            }

            text.Append(name[i]);
        }

        return text.ToString();
    }
}
