using BulkImport.Core.Imports.Discrepancies;

namespace BulkImport.Tests.Imports.Discrepancies;

/// <summary>The four rules of SPEC section 14, one by one, and that only filled-in values match.</summary>
public sealed class DuplicateRuleTests
{
    private static string?[] Person(string? first = "Maria", string? last = "Lopez", string? email = null, string? phone = null, string? ssn = null, string? birth = null) =>
        [null, first, last, email, phone, ssn, birth];

    private static List<DuplicateRule> Rules(string?[] a, string?[] b) => MatchKeys.OfClientValues(a).RulesMatching(MatchKeys.OfClientValues(b));

    [Fact]
    public void Same_ssn_matches_by_Ssn_whatever_the_names() =>
        Rules(Person(first: "Ann", ssn: "123456789"), Person(first: "Bob", last: "Other", ssn: "123456789")).Should().Equal(DuplicateRule.Ssn);

    [Fact]
    public void Same_names_and_birth_date_match_ignoring_case_accents_spaces_and_punctuation() =>
        Rules(Person("Zoë", "O'Brien-Smith", birth: "01/02/1990"), Person("ZOE", "obrien smith", birth: "01/02/1990"))
            .Should().Equal(DuplicateRule.NameAndBirthDate);

    [Fact]
    public void Same_names_with_another_birth_date_do_not_match() =>
        Rules(Person(birth: "01/02/1990"), Person(birth: "01/03/1990")).Should().BeEmpty();

    [Fact]
    public void Same_email_matches_ignoring_case() =>
        Rules(Person(first: "A", email: "Maria.Lopez@Example.org"), Person(first: "B", last: "C", email: "maria.lopez@example.org"))
            .Should().Equal(DuplicateRule.Email);

    [Fact]
    public void Same_phone_and_last_name_match_but_phone_alone_does_not()
    {
        Rules(Person(first: "A", phone: "(727) 123-1234"), Person(first: "B", phone: "(727) 123-1234")).Should().Equal(DuplicateRule.PhoneAndLastName);
        Rules(Person(first: "A", phone: "(727) 123-1234"), Person(first: "B", last: "Other", phone: "(727) 123-1234")).Should().BeEmpty();
    }

    [Fact]
    public void A_name_longer_than_a_key_holds_is_cut_the_same_way_on_both_sides_instead_of_failing()
    {
        // The clients' table of a SQLite database has no length limit, so a client's name can fill the key's buffer:
        // the phone's key keeps the name's start; names and birth date leave no room for the date, so that rule does not apply.
        var longName = new string('a', MatchKeys.MaxKeyLength + 50);
        Rules(Person(longName, longName, birth: "01/02/1990", phone: "5551234"), Person(longName.ToUpperInvariant(), longName, birth: "01/02/1990", phone: "5551234"))
            .Should().Equal(DuplicateRule.PhoneAndLastName);
    }

    [Fact]
    public void Blank_values_never_match()
    {
        Rules(Person(), Person()).Should().BeEmpty("two rows without a birth date are not the same person by NameAndBirthDate");
        Rules(Person(email: "", ssn: ""), Person(email: "", ssn: "")).Should().BeEmpty();
    }

    [Fact]
    public void Several_rules_are_all_named_and_the_reason_says_them_in_words()
    {
        var discrepancy = DiscrepancyJudge.Judge(1, 9, Person(email: "m@x.org", ssn: "123456789"),
            [(12, [ "12", "Maria", "Lopez", "M@X.org", null, "123456789", null ])], [(7, Person(first: "Other", last: "Person", email: "m@x.org"))]);

        discrepancy.Should().NotBeNull();
        discrepancy!.Rules.Should().Equal(DuplicateRule.Ssn, DuplicateRule.Email);
        discrepancy.Reason.Should().Be("Same SSN and e-mail as client 12, Maria Lopez; same e-mail as row 7 of this file");
        discrepancy.Candidates.Select(c => (c.ClientId, c.RowNumber)).Should().Equal((12, (int?)null), ((int?)null, 7));
    }

    [Fact]
    public void At_most_five_candidates_are_kept_clients_first()
    {
        var clients = Enumerable.Range(1, 7).Select(id => (id, (string?[])[id.ToString(System.Globalization.CultureInfo.InvariantCulture), "X", "Y", null, null, "123456789", null]));
        var discrepancy = DiscrepancyJudge.Judge(1, 9, Person(ssn: "123456789"), clients, [(3, Person(ssn: "123456789"))]);

        discrepancy!.Candidates.Should().HaveCount(Discrepancy.MaxCandidates);
        discrepancy.Candidates.Should().OnlyContain(c => c.ClientId != null);
    }

    [Fact]
    public void The_file_keys_name_the_first_row_of_a_key_and_every_client_of_it_in_row_order()
    {
        using var clients = new ClientMatchIndex();
        clients.Add(7, 3);
        clients.Add(-5, 4);
        clients.Add(7, 1);
        clients.Add(99, 8);
        clients.Seal();
        using var file = new FileMatchKeys();
        file.Add(42, 2);
        file.Add(7, 2);
        file.Add(42, 5);
        for (var i = 0; i < 100_000; i++)
        {
            file.Add(1000 + i, 10 + i);
        }

        file.Add(-7, 9);
        file.Add(42, 9);
        file.Add(-5, 9);
        file.Add(-7, 11);
        file.Add(42, 11);
        file.Add(7, 11);

        var (rows, clientHints) = file.Hints(clients, maxClientsPerRow: 10);

        rows.Should().Equal([(5L << 32) | 2, (9L << 32) | 2, (11L << 32) | 2, (11L << 32) | 9],
            "each later row names the first row of its key, once per pair, in row order, after the list grew");
        clientHints.Should().Equal([(2L << 32) | 1, (2L << 32) | 3, (9L << 32) | 4, (11L << 32) | 1, (11L << 32) | 3],
            "every client of a key, none of a key no row has, in row order");
    }

    [Fact]
    public void A_row_is_hinted_at_most_the_given_number_of_clients()
    {
        using var clients = new ClientMatchIndex();
        for (var id = 1; id <= 30; id++)
        {
            clients.Add(id % 2 == 0 ? 5 : 6, id);
        }

        clients.Seal();
        using var file = new FileMatchKeys();
        file.Add(5, 2);
        file.Add(6, 2);

        file.Hints(clients, maxClientsPerRow: 20).ClientHints.Should().HaveCount(20);
    }

    [Fact]
    public void Keys_kept_in_the_temporary_file_partition_by_partition_give_the_hints_of_a_plain_comparison()
    {
        // Far more keys than a partition keeps in memory, on both sides (the clients' side sorted where it is kept).
        var random = new Random(17);
        var pool = Enumerable.Range(0, 40_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray();
        var clientKeys = Enumerable.Range(1, 150_000).Select(id => (Hash: pool[random.Next(pool.Length)], Id: id)).ToList();
        var fileKeys = Enumerable.Range(1, 150_000).Select(row => (Hash: pool[random.Next(pool.Length)], Row: row)).ToList();
        using var clients = new ClientMatchIndex();
        foreach (var (hash, id) in clientKeys)
        {
            clients.Add(hash, id);
        }

        clients.Seal();
        using var file = new FileMatchKeys();
        foreach (var (hash, row) in fileKeys)
        {
            file.Add(hash, row);
        }

        var (rows, clientHints) = file.Hints(clients, maxClientsPerRow: 20);

        var firstRow = fileKeys.GroupBy(k => k.Hash).ToDictionary(g => g.Key, g => g.Min(k => k.Row));
        var clientsOf = clientKeys.GroupBy(k => k.Hash).ToDictionary(g => g.Key, g => g.Select(k => k.Id).Order().Take(20).ToList());
        var expectedRows = fileKeys.Where(k => firstRow[k.Hash] != k.Row).Select(k => ((long)k.Row << 32) | (uint)firstRow[k.Hash]).Distinct().Order();
        var expectedClients = fileKeys.SelectMany(k => clientsOf.GetValueOrDefault(k.Hash, []).Select(id => ((long)k.Row << 32) | (uint)id))
            .Distinct().Order().GroupBy(h => h >> 32).SelectMany(g => g.Take(20));
        rows.Should().Equal(expectedRows);
        clientHints.Should().Equal(expectedClients);
        clientHints.Should().NotBeEmpty();
    }

    [Fact]
    public void Keys_whose_kept_halves_agree_are_not_hinted_when_their_partition_halves_differ()
    {
        using var clients = new ClientMatchIndex();
        clients.Add((2L << 58) | 7, 3);
        clients.Seal();
        using var file = new FileMatchKeys();
        file.Add((1L << 58) | 7, 2);
        file.Add((2L << 58) | 7, 4);
        file.Add((1L << 58) | 7, 5);

        var (rows, clientHints) = file.Hints(clients, maxClientsPerRow: 20);

        rows.Should().Equal([(5L << 32) | 2], "row 4's key agrees with row 2's in its lower half only");
        clientHints.Should().Equal([(4L << 32) | 3], "rows 2 and 5 agree with client 3's key in its lower half only");
    }

    [Fact]
    public void A_key_hashes_alike_in_both_halves_for_equal_values_and_apart_for_different_ones()
    {
        var buffer = new char[MatchKeys.MaxKeyLength];
        var maria = new MatchKeys("Maria", "Lopez", "Maria@Example.com", "(555) 010-2000", "123-45-6789", "1990-02-03");
        var same = new MatchKeys("MARIA", "López", "maria@example.com", "555.010.2000", "123456789", "1990-02-03");
        var other = new MatchKeys("Mario", "Lopez", "mario@example.com", "(555) 010-2001", "123-45-6780", "1990-02-04");

        foreach (var rule in Enum.GetValues<DuplicateRule>())
        {
            maria.Hash(rule, buffer).Should().Be(same.Hash(rule, buffer), $"{rule} compares canonical values");
            var (a, b) = (maria.Hash(rule, buffer)!.Value, other.Hash(rule, buffer)!.Value);
            ((int)a).Should().NotBe((int)b, $"{rule}'s kept half differs");
            (a >> 32).Should().NotBe(b >> 32, $"{rule}'s partition half differs");
        }
    }

    [Fact]
    public void Rows_sharing_every_key_with_the_same_clients_are_hinted_each_client_once_without_the_list_growing_with_the_repeats()
    {
        // A file uploaded twice: each row shares four keys (four partitions) with the same 25 clients, 2,000,000 pairs
        // of which 400,000 are kept (each row's 20 lowest client IDs).
        const int Rows = 20_000;
        using var clients = new ClientMatchIndex();
        using var file = new FileMatchKeys();
        for (var row = 1; row <= Rows; row++)
        {
            for (var rule = 0; rule < 4; rule++)
            {
                long hash = ((long)rule << 60) | (uint)row;
                file.Add(hash, row);
                for (var client = 1; client <= 25; client++)
                {
                    clients.Add(hash, client);
                }
            }
        }

        clients.Seal();
        var clientHints = file.Hints(clients, maxClientsPerRow: 20).ClientHints;

        clientHints.Should().Equal(Enumerable.Range(1, Rows).SelectMany(row => Enumerable.Range(1, 20).Select(client => ((long)row << 32) | (uint)client)));
        clientHints.Capacity.Should().BeLessThanOrEqualTo(1 << 20, "repeated pairs are dropped before the list grows for them (all 2,000,000 would need 1 << 21)");
    }

    /// <summary>Three rules or more take a comma before the last "and", so a rule's own "and" does not run into the next.</summary>
    [Theory]
    [InlineData(new[] { DuplicateRule.Ssn }, "SSN")]
    [InlineData(new[] { DuplicateRule.Ssn, DuplicateRule.Email }, "SSN and e-mail")]
    [InlineData(new[] { DuplicateRule.Ssn, DuplicateRule.NameAndBirthDate, DuplicateRule.Email }, "SSN, name and date of birth, and e-mail")]
    public void A_reason_names_its_rules_so_each_reads_apart(DuplicateRule[] rules, string words) =>
        DiscrepancyJudge.Words(rules).Should().Be(words);
}
