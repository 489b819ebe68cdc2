namespace BulkImport.Core.Domains.Common;

/// <summary>
/// Optimal-string-alignment (Damerau–Levenshtein with adjacent transpositions) distance, used to suggest a
/// select-list value. One pass gives both the distance to the whole candidate and the smallest distance to any
/// prefix of it, so "Hispanc" is close to "Hispanic or Latino". Callers pass text already case-folded.
/// </summary>
internal static class EditDistance
{
    private const int StackLimit = 256;

    /// <summary>Distances from <paramref name="input"/> to all of <paramref name="candidate"/> and to its closest prefix.</summary>
    public static void Compute(ReadOnlySpan<char> input, ReadOnlySpan<char> candidate, out int full, out int bestPrefix)
    {
        var width = candidate.Length + 1;
        var size = 3 * width;
        var buffer = size <= StackLimit ? stackalloc int[size] : new int[size];
        var before = buffer[..width];
        var previous = buffer.Slice(width, width);
        var current = buffer.Slice(2 * width, width);

        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= input.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j < width; j++)
            {
                var cost = input[i - 1] == candidate[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && input[i - 1] == candidate[j - 2] && input[i - 2] == candidate[j - 1])
                {
                    best = Math.Min(best, before[j - 2] + 1);
                }

                current[j] = best;
            }

            // Rotate the three rows without copying.
            var oldest = before;
            before = previous;
            previous = current;
            current = oldest;
        }

        full = previous[width - 1];
        bestPrefix = full;
        for (var j = 0; j < width; j++)
        {
            bestPrefix = Math.Min(bestPrefix, previous[j]);
        }
    }
}
