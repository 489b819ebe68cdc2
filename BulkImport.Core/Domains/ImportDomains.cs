using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>
/// The domains registered in this installation, and those of them offered now (a domain whose feature switch is off is
/// registered but not offered: its past imports still show, new ones are refused).
/// </summary>
public sealed class ImportDomains
{
    private readonly Dictionary<Domain, IImportDomain> _registered;
    private readonly Dictionary<Domain, IImportDomain> _offered;

    public ImportDomains(IEnumerable<IImportDomain> domains, FeatureSwitches switches)
    {
        _registered = [];
        foreach (var domain in domains)
        {
            if (!_registered.TryAdd(domain.Domain, domain))
            {
                throw new InvalidOperationException($"Two domains are registered with the key '{domain.Domain}'. Each domain needs a key of its own.");
            }
        }

        _offered = _registered.Values.Where(d => d.Switch is null || switches.IsOn(d.Switch)).ToDictionary(d => d.Domain);
        Switches = [.. _registered.Values.Where(d => d.Switch is not null).Select(d => (d.Switch!, switches.IsOn(d.Switch!)))];
    }

    /// <summary>The domains offered now, in registration order (the order the wizard and filters show).</summary>
    public IReadOnlyCollection<IImportDomain> All => _offered.Values;

    /// <summary>Every registered domain, offered or not (history shows imports of a domain switched off since).</summary>
    public IReadOnlyCollection<IImportDomain> Registered => _registered.Values;

    /// <summary>The feature switches of the registered domains and whether each is on.</summary>
    public IReadOnlyList<(FeatureSwitch Switch, bool On)> Switches { get; }

    public bool IsAvailable(Domain domain) => _offered.ContainsKey(domain);

    public IImportDomain Get(Domain domain) =>
        _offered.TryGetValue(domain, out var d) ? d : throw new DomainNotAvailableException(domain);

    /// <summary>A registered domain, offered or not; null for a key no domain has (any more).</summary>
    public IImportDomain? Registration(Domain domain) => _registered.GetValueOrDefault(domain);

    /// <summary>The name people read for a domain; its key when no registered domain has it.</summary>
    public string DisplayName(Domain domain) => Registration(domain)?.DisplayName ?? domain.Name;

    /// <summary>
    /// The registered domain a person or a program named: its key or display name, ignoring case, spaces and
    /// <c>&amp; _ -</c> ("clientassignment", "Client Assignment"); null when none matches.
    /// </summary>
    public Domain? Find(string? name)
    {
        var wanted = Compact(name);
        if (wanted.Length == 0)
        {
            return null;
        }

        foreach (var domain in _registered.Values)
        {
            if (Compact(domain.Domain.Name).Equals(wanted, StringComparison.OrdinalIgnoreCase)
                || Compact(domain.DisplayName).Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return domain.Domain;
            }
        }

        return null;
    }

    /// <summary>The keys of the domains offered, as a list for messages: "Client, ClientAssignment, Payment".</summary>
    public string OfferedKeys => string.Join(", ", _offered.Keys.Select(k => k.Name));

    /// <summary>
    /// Refuses an upload the domain does not offer: an operation it does not offer, or an option it does not offer with
    /// that operation. Throws a 400 that says what would be accepted.
    /// </summary>
    public void CheckRequest(Domain domain, Operation operation, IEnumerable<string> options)
    {
        var importDomain = Get(domain);
        if (!importDomain.Operations.Contains(operation))
        {
            throw ImportProblem.BadRequest(importDomain.OperationNotOffered(operation));
        }

        foreach (var key in options)
        {
            if (importDomain.Options.Any(o => o.Key == key && o.OfferedWith.Contains(operation)))
            {
                continue;
            }

            var offeredBy = _offered.Values
                .SelectMany(d => d.Options.Where(o => o.Key == key).Select(o => (Domain: d, Option: o)))
                .ToList();
            throw ImportProblem.BadRequest(offeredBy.Count == 0
                ? $"'{key}' is not an option of {importDomain.DisplayName} imports."
                : $"{offeredBy[0].Option.Label} is offered only for " + string.Join("; ", offeredBy.Select(x =>
                    $"{x.Domain.DisplayName} imports with {string.Join(" or ", x.Option.OfferedWith.Select(o => o.DisplayName()))}")) + ".");
        }
    }

    private static string Compact(string? text) =>
        (text ?? "").Trim().Replace(" ", "").Replace("&", "").Replace("_", "").Replace("-", "");
}

/// <summary>Thrown when a domain is asked for that this installation does not offer.</summary>
public sealed class DomainNotAvailableException(Domain domain)
    : Exception($"{domain} imports are not available in this installation. Ask an administrator to switch them on.")
{
    public Domain Domain { get; } = domain;
}
