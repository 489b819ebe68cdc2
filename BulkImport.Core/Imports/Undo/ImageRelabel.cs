using System.Text;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports.Commit;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Select-list values renamed since the import: a before-image holds the text the record had when the import changed
/// it, and the rename relabelled every stored record but not the image. Restoring the old text would give the record a
/// value the list no longer has (SPEC 21: a rename is not a change, so the record is restored as the rename left its
/// peers). Renames are rare: an undo without any since the upload gets no relabel at all.
/// </summary>
internal sealed class ImageRelabel
{
    private readonly SelectListRelabel _relabel;
    private readonly int _columns;
    /// <summary>For each stored column of an image, its place among the template columns the relabel works on.</summary>
    private readonly int[] _templateIndex;

    private ImageRelabel(SelectListRelabel relabel, int columns, int[] templateIndex) =>
        (_relabel, _columns, _templateIndex) = (relabel, columns, templateIndex);

    /// <summary>The renames made since <paramref name="import"/> was uploaded; null when there are none, or its records have no images.</summary>
    public static async Task<ImageRelabel?> LoadAsync(BulkImportDbContext db, Import import, IImportDomain domain, CancellationToken ct)
    {
        IReadOnlyList<string>? stored = import.Domain.Name switch
        {
            "Client" => [.. ClientColumns.Stored.Select(s => s.Column)],
            "ClientAssignment" => [.. ClientAssignmentColumns.Stored.Select(s => s.Column)],
            _ => null,
        };
        if (stored is null || await SelectListRelabel.LoadAsync(db, domain, import.CreatedAt, ct) is not { } relabel)
        {
            return null;
        }

        var index = stored.Select(column => domain.Columns.ToList().IndexOf(column)).ToArray();
        return new ImageRelabel(relabel, domain.Columns.Count, index);
    }

    /// <summary>The row with its image's renamed values in their current text; the same row when it holds none.</summary>
    public UndoRow Apply(UndoRow row)
    {
        if (row.Image is not { } image)
        {
            return row;
        }

        var values = new string?[_columns];
        for (var i = 0; i < _templateIndex.Length; i++)
        {
            if (_templateIndex[i] >= 0)
            {
                values[_templateIndex[i]] = image.OldValue(i);
            }
        }

        var relabelled = _relabel.Apply(values);
        if (ReferenceEquals(relabelled, values))
        {
            return row;
        }

        var oldValues = (ReadOnlyMemory<byte>?[])image.OldValues.Clone();
        for (var i = 0; i < _templateIndex.Length && i < oldValues.Length; i++)
        {
            if (_templateIndex[i] >= 0 && !string.Equals(relabelled[_templateIndex[i]], values[_templateIndex[i]], StringComparison.Ordinal))
            {
                oldValues[i] = Encoding.UTF8.GetBytes(relabelled[_templateIndex[i]]!);
            }
        }

        return row with { Image = image with { OldValues = oldValues } };
    }
}
