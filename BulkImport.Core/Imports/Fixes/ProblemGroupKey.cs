using System.Security.Cryptography;
using System.Text;
using BulkImport.Core.Domains;

namespace BulkImport.Core.Imports.Fixes;

/// <summary>What makes two row messages one problem group: column, rule and the cell's value, the value ignoring case.</summary>
public readonly record struct ProblemGroupKey(string Column, string Rule, string ValueKey)
{
    /// <summary>Longer folded values are shortened with a hash of the whole, so the key stays small enough for any engine's index.</summary>
    private const int LongValue = 256;

    /// <summary>
    /// The value ignoring case, as "Replace all" (Exact) matches it: 'walk-in' and 'Walk-In' are one group, fixed by one
    /// replace. Every rule is folded, case-sensitive ones too: their wrong spellings are all wrong, and one replace fixes them.
    /// </summary>
    public static string Fold(string? value)
    {
        var folded = (value ?? "").ToLowerInvariant();
        return folded.Length <= LongValue
            ? folded
            : string.Concat(folded.AsSpan(0, LongValue - 65), "#", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(folded))));
    }

    /// <summary>The rule of a message: its code, or its text ignoring case when it has none (the text then names the value).</summary>
    public static string RuleOf(RowMessage message) => message.Code ?? Fold(message.Message);

    /// <summary>
    /// The groups an Error row is in, one per distinct key (a row with two messages on one cell for one rule counts once);
    /// none for a row that is not an Error: warnings and Valid or Skipped rows are no problem to fix.
    /// </summary>
    public static IEnumerable<(ProblemGroupKey Key, RowMessage Message, string? Value)> Of(RowStatus status, IReadOnlyList<RowMessage> messages,
        IReadOnlyList<string?> values, IImportDomain domain) =>
        Of(status, messages, index => index < values.Count ? values[index] : null, domain);

    /// <summary>The same, with each value made only when a message names its column (<paramref name="valueAt"/>: null past the last).</summary>
    public static IEnumerable<(ProblemGroupKey Key, RowMessage Message, string? Value)> Of(RowStatus status, IReadOnlyList<RowMessage> messages,
        Func<int, string?> valueAt, IImportDomain domain)
    {
        if (status != RowStatus.Error)
        {
            yield break;
        }

        HashSet<ProblemGroupKey>? seen = null;
        foreach (var message in messages)
        {
            if (message.IsWarning)
            {
                continue;
            }

            var index = message.Column is null ? -1 : IndexOf(domain, message.Column);
            var value = index >= 0 ? valueAt(index) : null;
            var key = new ProblemGroupKey(message.Column ?? "", RuleOf(message), Fold(value));
            if ((seen ??= []).Add(key))
            {
                yield return (key, message, value);
            }
        }
    }

    private static int IndexOf(IImportDomain domain, string column)
    {
        for (var i = 0; i < domain.Columns.Count; i++)
        {
            if (string.Equals(domain.Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
