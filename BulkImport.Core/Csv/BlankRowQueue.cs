namespace BulkImport.Core.Csv;

/// <summary>
/// Blank rows seen since the last data row. They become rows only if data follows: blank lines at the very end of a
/// file are not rows. Kept as runs (consecutive one-line blank rows are one entry) so that a file of millions of empty
/// lines still takes constant memory.
/// </summary>
internal sealed class BlankRowQueue
{
    private readonly List<Run> runs = [];

    public bool IsEmpty => runs.Count == 0;

    public void Add(int row, int firstLine, int lastLine)
    {
        if (runs.Count > 0 && firstLine == lastLine)
        {
            var last = runs[^1];
            if (last.SingleLine && last.Row + last.Count == row && last.FirstLine + last.Count == firstLine)
            {
                runs[^1] = last with { Count = last.Count + 1 };
                return;
            }
        }

        runs.Add(new Run(row, firstLine, lastLine, 1));
    }

    /// <summary>The queued rows in order, as (row, first line, last line); the queue is empty afterwards.</summary>
    public IEnumerable<(int Row, int FirstLine, int LastLine)> Drain()
    {
        foreach (var run in runs)
        {
            for (var k = 0; k < run.Count; k++)
            {
                yield return run.Count == 1 ? (run.Row, run.FirstLine, run.LastLine) : (run.Row + k, run.FirstLine + k, run.FirstLine + k);
            }
        }

        runs.Clear();
    }

    private readonly record struct Run(int Row, int FirstLine, int LastLine, int Count)
    {
        public bool SingleLine => FirstLine == LastLine;
    }
}
