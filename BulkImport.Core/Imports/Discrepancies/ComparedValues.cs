namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// What some rows give the rules to compare, as the Clients table stores it, so that only the clients that may share a
/// key with those rows are read (<see cref="Data.ClientMatchKeyReader.ForEachSharing"/>) rather than every client: a
/// small file, an edit or a bulk fix's batch against a million clients read them all, 1.7 s idle and up to 7 s beside a
/// large import. Every rule compares an SSN, a date of birth, a phone or an e-mail, and clients' values are stored in
/// their canonical form (SPEC 6) as the rows' valid values are, so a client with the same SSN, date-of-birth or phone
/// key holds the same text; e-mails are matched ignoring case by the query. Names are compared after, on the few read.
/// </summary>
public sealed class ComparedValues
{
    private readonly HashSet<string> _ssns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _birthDates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);

    /// <summary>How many rows were added.</summary>
    public int Rows { get; private set; }

    /// <summary>The canonical SSNs of rules that apply.</summary>
    public IReadOnlyCollection<string> Ssns => _ssns;

    /// <summary>The canonical dates of birth of the rows whose name-and-birth-date rule applies.</summary>
    public IReadOnlyCollection<string> BirthDates => _birthDates;

    /// <summary>The canonical phones of the rows whose phone-and-last-name rule applies.</summary>
    public IReadOnlyCollection<string> Phones => _phones;

    /// <summary>The e-mails, trimmed and in invariant lower case (the e-mail rule's key).</summary>
    public IReadOnlyCollection<string> Emails => _emails;

    /// <summary>The values of rows in Client template order (Client ID first), canonical.</summary>
    public static ComparedValues Of(IEnumerable<IReadOnlyList<string?>> rows)
    {
        var compared = new ComparedValues();
        foreach (var values in rows)
        {
            compared.Add(values);
        }

        return compared;
    }

    /// <summary>Adds a row's values (Client template order, canonical); a value takes part only where its rule applies.</summary>
    public void Add(IReadOnlyList<string?> values)
    {
        Rows++;
        var keys = MatchKeys.OfClientValues(values);
        AddIf(keys, DuplicateRule.Ssn, _ssns, At(values, 5));
        AddIf(keys, DuplicateRule.NameAndBirthDate, _birthDates, At(values, 6));
        AddIf(keys, DuplicateRule.PhoneAndLastName, _phones, At(values, 4));
        if (keys.Key(DuplicateRule.Email) is { } email)
        {
            // The key is the rule's digit, then the e-mail as the rule compares it.
            _emails.Add(email[1..]);
        }
    }

    private static string? At(IReadOnlyList<string?> values, int index) => index < values.Count ? values[index] : null;

    private static void AddIf(MatchKeys keys, DuplicateRule rule, HashSet<string> set, string? value)
    {
        if (value is not null && keys.Key(rule) is not null)
        {
            set.Add(value.Trim());
        }
    }
}
