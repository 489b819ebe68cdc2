namespace BulkImport.Core.Csv;

/// <summary>
/// How the columns of a file's header line up with the template: which file column feeds which template column,
/// which are unknown (ignored with a warning) and which are blank (Excel padding, must stay blank below).
/// </summary>
internal sealed class HeaderLayout
{
    /// <summary>Marks a file column that is not in the template.</summary>
    public const int Unknown = -1;

    /// <summary>Marks a file column whose header cell is blank.</summary>
    public const int BlankHeader = -2;

    private HeaderLayout(string[] cells, int[] target, bool[] present, int width)
    {
        Cells = cells;
        TemplateIndex = target;
        Present = present;
        MeaningfulWidth = width;
    }

    /// <summary>The trimmed header cells, as in the file.</summary>
    public string[] Cells { get; }

    /// <summary>For each file column: the template column it feeds, <see cref="Unknown"/> or <see cref="BlankHeader"/>.</summary>
    public int[] TemplateIndex { get; }

    /// <summary>For each template column: whether the file has it.</summary>
    public bool[] Present { get; }

    /// <summary>The header's field count as in the file, padding included.</summary>
    public int FieldCount => Cells.Length;

    /// <summary>Up to the last non-blank header cell: rows may differ from the header only in blank padding past it.</summary>
    public int MeaningfulWidth { get; }

    public List<FileMessage> Errors { get; } = [];

    public List<FileMessage> Warnings { get; } = [];

    public static HeaderLayout Build(string[] cells, IReadOnlyList<string> templateColumns, IReadOnlyCollection<string> requiredColumns)
    {
        var templateByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < templateColumns.Count; t++)
        {
            templateByKey.TryAdd(HeaderName.Normalize(templateColumns[t]), t);
        }

        var target = new int[cells.Length];
        var present = new bool[templateColumns.Count];
        var positionsByKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var width = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (HeaderName.IsBlank(cells[i]))
            {
                target[i] = BlankHeader;
                continue;
            }

            width = i + 1;
            var key = HeaderName.Normalize(cells[i]);

            // A header with no letter or digit ("#", "--") still names a column: match it by its own text.
            var dedupKey = key.Length > 0 ? key : "\0" + cells[i];
            if (!positionsByKey.TryGetValue(dedupKey, out var positions))
            {
                positionsByKey[dedupKey] = positions = [];
            }

            positions.Add(i + 1);
            if (key.Length > 0 && templateByKey.TryGetValue(key, out var t))
            {
                target[i] = positions.Count == 1 ? t : Unknown;
                present[t] = true;
            }
            else
            {
                target[i] = Unknown;
            }
        }

        var layout = new HeaderLayout(cells, target, present, width);
        layout.Report(templateColumns, requiredColumns, templateByKey, positionsByKey);
        return layout;
    }

    private void Report(
        IReadOnlyList<string> templateColumns,
        IReadOnlyCollection<string> requiredColumns,
        Dictionary<string, int> templateByKey,
        Dictionary<string, List<int>> positionsByKey)
    {
        foreach (var positions in positionsByKey.Values)
        {
            var first = positions[0] - 1;
            var t = TemplateIndex[first];
            var name = t >= 0 ? templateColumns[t] : Cells[first];
            if (positions.Count > 1)
            {
                Errors.Add(CsvMessages.DuplicateColumn(name, positions));
            }
            else if (t == Unknown)
            {
                Warnings.Add(CsvMessages.UnknownColumn(name));
            }
        }

        foreach (var required in requiredColumns)
        {
            if (!templateByKey.TryGetValue(HeaderName.Normalize(required), out var t) || !Present[t])
            {
                Errors.Add(CsvMessages.MissingRequiredColumn(required));
            }
        }
    }
}
