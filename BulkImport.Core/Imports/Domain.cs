using System.Text.Json;
using System.Text.Json.Serialization;

namespace BulkImport.Core.Imports;

/// <summary>
/// The key of a domain, what an import brings in ("Client", "ClientAssignment", "Payment"): the name the database and
/// the API store and send, which never changes once imports use it. Each domain defines its own key in its folder
/// (<c>ClientDomain.Key</c>); nothing outside a domain's folder names one. Keys compare ordinally, as stored; what a
/// person types is matched to a key by <see cref="Domains.ImportDomains.Find"/>.
/// </summary>
[JsonConverter(typeof(DomainJsonConverter))]
public readonly record struct Domain
{
    private readonly string? _name;

    public Domain(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    public string Name => _name ?? "";

    public override string ToString() => Name;
}

/// <summary>Writes a domain key as its name, as the API has always sent it ("Client").</summary>
public sealed class DomainJsonConverter : JsonConverter<Domain>
{
    public override Domain Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A domain is a name, like \"Client\"."));

    public override void Write(Utf8JsonWriter writer, Domain value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}
