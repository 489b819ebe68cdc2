using BulkImport.Core.Domains.Common;

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

    /// <summary>Marks a file column that a column mapping (SPEC 16) says to ignore: read as an unknown column, without a warning.</summary>
    public const int Ignored = -3;

    private readonly HashSet<string> knownNames;
    private byte[][]? cellsUtf8;

    private HeaderLayout(string[] cells, string[] keys, int[] target, bool[] present, int width, IReadOnlyList<string> templateColumns, HashSet<string> knownNames)
    {
        Cells = cells;
        Keys = keys;
        TemplateIndex = target;
        Present = present;
        MeaningfulWidth = width;
        TemplateColumns = templateColumns;
        this.knownNames = knownNames;
    }

    /// <summary>The template columns, in template order.</summary>
    public IReadOnlyList<string> TemplateColumns { get; }

    /// <summary>The header cells as UTF-8, to compare with rows without decoding them.</summary>
    public byte[][] CellsUtf8 => cellsUtf8 ??= [.. Cells.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>The matching key (<see cref="HeaderName.Normalize"/>) of each header cell; "" for a blank one.</summary>
    public string[] Keys { get; }

    /// <summary>How many template columns the header has.</summary>
    public int TemplateColumnsFound => Present.Count(p => p);

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

    /// <summary>The errors of <see cref="Errors"/> that say a required column is missing: a column mapping may resolve them (SPEC 16).</summary>
    public List<FileMessage> MissingRequired { get; } = [];

    /// <summary>
    /// The header cells that feed no template column and that no mapping ignores, in file order; only those with a letter
    /// or digit, which a mapping can name.
    /// </summary>
    public IEnumerable<string> UnmatchedCells => Cells.Where((_, i) => TemplateIndex[i] == Unknown && Keys[i].Length > 0);

    /// <param name="mapping">
    /// A column mapping (SPEC 16), or null: for a header cell whose matching key (<see cref="HeaderName.Normalize"/>) it
    /// holds, the template column it names, or null to ignore the column. Cells it does not hold match by their name.
    /// </param>
    public static HeaderLayout Build(string[] cells, IReadOnlyList<string> templateColumns, IReadOnlyCollection<string> requiredColumns,
        IReadOnlyDictionary<string, string?>? mapping = null)
    {
        var templateByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < templateColumns.Count; t++)
        {
            templateByKey.TryAdd(HeaderName.Normalize(templateColumns[t]), t);
        }

        var target = new int[cells.Length];
        var keys = new string[cells.Length];
        var present = new bool[templateColumns.Count];
        var positionsByKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var width = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (HeaderName.IsBlank(cells[i]))
            {
                target[i] = BlankHeader;
                keys[i] = "";
                continue;
            }

            width = i + 1;
            var key = HeaderName.Normalize(cells[i]);
            keys[i] = key;

            if (mapping is not null && key.Length > 0 && mapping.TryGetValue(key, out var mapped))
            {
                if (mapped is null)
                {
                    target[i] = Ignored;
                    continue;
                }

                // Mapped onto a template column: matched (and checked for a second column onto it) by that column's key.
                key = HeaderName.Normalize(mapped);
            }

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

        var known = new HashSet<string>(templateByKey.Keys, StringComparer.Ordinal);
        known.UnionWith(keys.Where(k => k.Length > 0));
        var layout = new HeaderLayout(cells, keys, target, present, width, templateColumns, known);
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
                // Cells that are one column by SPEC 5's rule keep its message; cells a mapping made one are named as written.
                var sameName = positions.All(p => Keys[p - 1] == Keys[first]);
                Errors.Add(sameName ? CsvMessages.DuplicateColumn(name, positions)
                    : CsvMessages.SameTemplateColumn(name, [.. positions.Select(p => (Cells[p - 1], p))]));
            }
            else if (t == Unknown)
            {
                Warnings.Add(CsvMessages.UnknownColumn(name, Suggest(Cells[first], Keys[first], templateColumns)));
            }
        }

        foreach (var required in requiredColumns)
        {
            if (!templateByKey.TryGetValue(HeaderName.Normalize(required), out var t) || !Present[t])
            {
                var missing = CsvMessages.MissingRequiredColumn(required);
                Errors.Add(missing);
                MissingRequired.Add(missing);
            }
        }
    }

    /// <summary>Whether a cell's text (normalised like a header) is a column name: of the template or of this file's header.</summary>
    public bool IsColumnName(string key) => key.Length > 0 && knownNames.Contains(key);

    /// <summary>
    /// A template column that an unknown header is probably a misspelling of (a letter or two away, ignoring case and
    /// punctuation) or a shortening of ("Sponsor" for Sponsor Name, <see cref="HeaderAbbreviation"/>), when the file
    /// does not have that column already.
    /// </summary>
    private string? Suggest(string cell, string key, IReadOnlyList<string> templateColumns)
    {
        if (key.Length == 0)
        {
            return null;
        }

        var allowed = Math.Clamp(key.Length / 4, 1, 2);
        string? best = null;
        var bestDistance = int.MaxValue;
        for (var t = 0; t < templateColumns.Count; t++)
        {
            if (Present[t])
            {
                continue;
            }

            EditDistance.Compute(key, HeaderName.Normalize(templateColumns[t]), out var distance, out _);
            if (distance <= allowed && distance < bestDistance)
            {
                best = templateColumns[t];
                bestDistance = distance;
            }
        }

        if (best is null && HeaderAbbreviation.Of(cell, templateColumns) is { } shortened && !Present[IndexOf(templateColumns, shortened)])
        {
            best = shortened;
        }

        return best;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == column)
            {
                return i;
            }
        }

        return -1;
    }
}
