using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>The domains this installation offers. A domain switched off (Payment by default) is simply not here.</summary>
public sealed class ImportDomains(IEnumerable<IImportDomain> domains)
{
    private readonly Dictionary<Domain, IImportDomain> _domains = domains.ToDictionary(d => d.Domain);

    public IReadOnlyCollection<IImportDomain> All => _domains.Values;

    public bool IsAvailable(Domain domain) => _domains.ContainsKey(domain);

    public IImportDomain Get(Domain domain) =>
        _domains.TryGetValue(domain, out var d) ? d : throw new DomainNotAvailableException(domain);
}

/// <summary>Thrown when a domain is asked for that this installation does not offer.</summary>
public sealed class DomainNotAvailableException(Domain domain)
    : Exception($"{domain} imports are not available in this installation. Ask an administrator to switch them on.")
{
    public Domain Domain { get; } = domain;
}
