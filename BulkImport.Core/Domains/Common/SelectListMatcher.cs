using System.Collections.ObjectModel;

namespace BulkImport.Core.Domains.Common;

/// <summary>
/// The allowed values of one select-list field. A cell matches a value ignoring case and repeated or unusual inner
/// white space ("hispanic  OR latino" is "Hispanic or Latino"); the canonical form is the listed spelling.
/// An unknown value gets "Did you mean" when exactly one allowed value is clearly close: its edit distance
/// (adjacent transpositions count as one edit) to the whole value, or, for inputs of 4 characters or more, to the
/// start of the value, is at most 1 for inputs of 3–5 characters, 2 for 6–11 and 3 for longer ones; inputs of 1–2
/// characters get no suggestion, and a tie between two values gives none. Otherwise the message lists the allowed
/// values when there are 10 or fewer, and points to the template's select lists when there are more.
/// A list holding both Yes and No (a Yes/No field such as Adult Client) reads TRUE / FALSE (what Excel writes for a
/// boolean cell, in CSV and in a workbook) and Y / N as a likely answer: still an error, since SPEC 6 accepts only
/// the listed values, but the message names the allowed values and suggests the one meant.
/// </summary>
public sealed class SelectListMatcher
{
    private const int MaxListed = 10;
    private const int MaxShown = 60;
    private const int StackLimit = 256;

    private readonly string[] _values;
    private readonly string[] _folded;
    private readonly Dictionary<string, string> _byKey;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _longestFolded;
    private readonly string _whenUnknown;
    private readonly string? _yes;
    private readonly string? _no;

    /// <summary>Builds the matcher; blank values are ignored and a value repeated (ignoring case and spaces) is kept once.</summary>
    public SelectListMatcher(string field, IEnumerable<string> allowedValues)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentNullException.ThrowIfNull(allowedValues);

        Field = field;
        _byKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var values = new List<string>();
        var folded = new List<string>();
        foreach (var raw in allowedValues)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var value = raw.Trim();
            var key = Collapse(value);
            if (_byKey.TryAdd(key, value))
            {
                values.Add(value);
                var upper = key.ToUpperInvariant();
                folded.Add(upper);
                _longestFolded = Math.Max(_longestFolded, upper.Length);
            }
        }

        _values = [.. values];
        _folded = [.. folded];
        _bySpan = _byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        Values = Array.AsReadOnly(_values);
        if (_byKey.TryGetValue("Yes", out var yes) && _byKey.TryGetValue("No", out var no))
        {
            _yes = yes;
            _no = no;
        }

        _whenUnknown = _values.Length switch
        {
            0 => $"{field} has no allowed values yet; an administrator can add them.",
            <= MaxListed => "Allowed values: " + string.Join(", ", _values),
            _ => "See the template's select lists for the allowed values.",
        };
    }

    /// <summary>The field name used in messages, e.g. "Ethnicity".</summary>
    public string Field { get; }

    /// <summary>The allowed values in their listed spelling and order.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The listed spelling of <paramref name="value"/>, or a message naming the field and what is allowed.</summary>
    public FieldResult Match(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        if (_byKey.TryGetValue(value, out var listed))
        {
            return FieldResult.Ok(listed);
        }

        if (NeedsCollapse(value))
        {
            var buffer = value.Length <= StackLimit ? stackalloc char[value.Length] : new char[value.Length];
            var length = Collapse(value, buffer, upper: false);
            if (_bySpan.TryGetValue(buffer[..length], out listed))
            {
                return FieldResult.Ok(listed);
            }
        }

        var shown = value.Length <= MaxShown ? value : string.Concat(value.AsSpan(0, MaxShown - 3), "...");
        if (YesOrNoMeant(value) is { } meant)
        {
            // The allowed values are named too: "Did you mean 'Yes'?" alone would not say that TRUE is never taken.
            return FieldResult.Fail($"'{shown}' is not a valid {Field}. {_whenUnknown.TrimEnd('.')}. Did you mean '{meant}'?");
        }

        var suggestion = Suggest(value);
        return FieldResult.Fail(suggestion is null
            ? $"'{shown}' is not a valid {Field}. {_whenUnknown}"
            : $"'{shown}' is not a valid {Field}. Did you mean '{suggestion}'?");
    }

    private string? Suggest(string value)
    {
        // Every edit distance is at least the difference in length, so a much longer input cannot be close.
        if (value.Length > StackLimit || _values.Length == 0)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[value.Length];
        var input = buffer[..Collapse(value, buffer, upper: true)];
        var threshold = Threshold(input.Length);
        if (threshold == 0 || input.Length - _longestFolded > threshold)
        {
            return null;
        }

        var best = int.MaxValue;
        var bestIndex = -1;
        var tie = false;
        for (var i = 0; i < _folded.Length; i++)
        {
            EditDistance.Compute(input, _folded[i], out var full, out var prefix);
            var distance = input.Length >= 4 ? Math.Min(full, prefix) : full;
            if (distance > threshold)
            {
                continue;
            }

            if (distance < best)
            {
                best = distance;
                bestIndex = i;
                tie = false;
            }
            else if (distance == best)
            {
                tie = true;
            }
        }

        return bestIndex < 0 || tie ? null : _values[bestIndex];
    }

    private string? YesOrNoMeant(string value)
    {
        if (_yes is null)
        {
            return null;
        }

        var trimmed = value.AsSpan().Trim();
        return trimmed.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("Y", StringComparison.OrdinalIgnoreCase) ? _yes
            : trimmed.Equals("FALSE", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("N", StringComparison.OrdinalIgnoreCase) ? _no
            : null;
    }

    private static int Threshold(int length) => length switch
    {
        <= 2 => 0,
        <= 5 => 1,
        <= 11 => 2,
        _ => 3,
    };

    private static bool NeedsCollapse(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsWhiteSpace(value[i])
                && (value[i] != ' ' || i == 0 || i == value.Length - 1 || char.IsWhiteSpace(value[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes <paramref name="value"/> trimmed, with each run of white space as one space, into <paramref name="destination"/>.</summary>
    private static int Collapse(ReadOnlySpan<char> value, Span<char> destination, bool upper)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                destination[length++] = ' ';
                pendingSpace = false;
            }

            destination[length++] = upper ? char.ToUpperInvariant(c) : c;
        }

        return length;
    }

    private static string Collapse(string value)
    {
        if (!NeedsCollapse(value))
        {
            return value;
        }

        var buffer = new char[value.Length];
        return new string(buffer, 0, Collapse(value, buffer, upper: false));
    }
}
