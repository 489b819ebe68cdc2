using System.Text.Json.Serialization;
using BulkImport.Core.Domains;
using BulkImport.Core.Security;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// A file column on the mapping step (SPEC 16): its name as the header reads, up to three of its values, and the template
/// column suggested for it (null: ignore). The samples show as the column they go to shows its values: masked when it
/// goes to a sensitive one (SSN, <c>***-**-6789</c>), as the grid shows them (SPEC 20 gives them in full only in an
/// audited export or reveal), whether the column goes there by suggestion or because a person chose it.
/// </summary>
public sealed record FileColumnView(string Name, IReadOnlyList<string> Samples, string? Suggested)
{
    /// <summary>
    /// The samples as masked for each sensitive template column, by its name: the screen shows them the moment a person
    /// maps the column to one by hand, without holding the values in full to mask them itself. Not sent by the API,
    /// whose shape SPEC 16 fixes: it sends <see cref="Samples"/>, already masked when the suggestion is sensitive.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MaskedSamples { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// The one way a file column's samples are built from the file's values: <see cref="Samples"/> for its suggestion and
    /// <see cref="MaskedSamples"/> for every sensitive column of <paramref name="domain"/>, with the domain's masking.
    /// </summary>
    public static FileColumnView Of(IImportDomain domain, string name, IReadOnlyList<string> values, string? suggested)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(values);
        var masked = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var sensitive in domain.SensitiveColumns)
        {
            masked[sensitive.Column] = [.. values.Select(v => SensitiveValues.Mask(domain, sensitive.Column, v) ?? "")];
        }

        var column = new FileColumnView(name, values, suggested) { MaskedSamples = masked };
        return column with { Samples = column.SamplesMappedTo(suggested) };
    }

    /// <summary>The samples as shown while the column is mapped to <paramref name="templateColumn"/> (null or empty: ignored).</summary>
    public IReadOnlyList<string> SamplesMappedTo(string? templateColumn) =>
        templateColumn is not null && MaskedSamples.TryGetValue(templateColumn, out var masked) ? masked : Samples;
}
