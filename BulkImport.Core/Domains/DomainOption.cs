using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>
/// A choice a domain offers at upload (Auto Create Invoices): its upload field (<paramref name="Key"/>, as the API
/// names it), what the wizard calls and says about it, and the operations it is offered with.
/// </summary>
public sealed record DomainOption(string Key, string Label, string Description, IReadOnlyList<Operation> OfferedWith);
