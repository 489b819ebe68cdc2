namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// Compares a row exactly with the people it may be and, when a rule holds for one, makes its discrepancy: the
/// candidates (existing clients first, those matching by more rules first; then earlier rows), at most
/// <see cref="Discrepancy.MaxCandidates"/>, and the reason in words.
/// </summary>
public static class DiscrepancyJudge
{
    public static Discrepancy? Judge(int importId, int rowNumber, string?[] values,
        IEnumerable<(int ClientId, string?[] Values)> clients, IEnumerable<(int RowNumber, string?[] Values)> earlierRows)
    {
        var keys = MatchKeys.OfClientValues(values);
        var candidates = new List<DiscrepancyCandidate>();
        foreach (var (clientId, clientValues) in clients)
        {
            var rules = keys.RulesMatching(MatchKeys.OfClientValues(clientValues));
            if (rules.Count > 0 && !candidates.Exists(c => c.ClientId == clientId))
            {
                candidates.Add(new DiscrepancyCandidate(clientId, null, clientValues, rules));
            }
        }

        var fromClients = candidates.OrderByDescending(c => c.Rules.Count).ThenBy(c => c.ClientId).ToList();
        var fromRows = new List<DiscrepancyCandidate>();
        foreach (var (earlier, rowValues) in earlierRows)
        {
            if (earlier >= rowNumber || fromRows.Exists(c => c.RowNumber == earlier))
            {
                continue;
            }

            var rules = keys.RulesMatching(MatchKeys.OfClientValues(rowValues));
            if (rules.Count > 0)
            {
                fromRows.Add(new DiscrepancyCandidate(null, earlier, rowValues, rules));
            }
        }

        List<DiscrepancyCandidate> chosen = [.. fromClients.Concat(fromRows.OrderBy(c => c.RowNumber)).Take(Discrepancy.MaxCandidates)];
        if (chosen.Count == 0)
        {
            return null;
        }

        return new Discrepancy
        {
            ImportId = importId,
            RowNumber = rowNumber,
            Candidates = chosen,
            Rules = [.. chosen.SelectMany(c => c.Rules).Distinct().Order()],
            Reason = Reason(chosen),
        };
    }

    /// <summary>"Same SSN as client 12, Maria Lopez; same e-mail as row 7 of this file".</summary>
    public static string Reason(IReadOnlyList<DiscrepancyCandidate> candidates)
    {
        var parts = candidates.Select(c => $"same {Words(c.Rules)} as {c.Describe()}").ToList();
        var text = string.Join("; ", parts);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>
    /// "SSN and e-mail", as a reason names rules. Three or more take a comma before the last "and": a rule's own "and"
    /// ("name and date of birth") read "SSN, name and date of birth and e-mail", one rule run into the next.
    /// </summary>
    public static string Words(IReadOnlyList<DuplicateRule> rules)
    {
        var words = rules.Select(Word).ToList();
        return words.Count switch
        {
            1 => words[0],
            2 => $"{words[0]} and {words[1]}",
            _ => string.Join(", ", words.Take(words.Count - 1)) + ", and " + words[^1],
        };
    }

    public static string Word(DuplicateRule rule) => rule switch
    {
        DuplicateRule.Ssn => "SSN",
        DuplicateRule.NameAndBirthDate => "name and date of birth",
        DuplicateRule.Email => "e-mail",
        _ => "phone and last name",
    };
}
