using System.Globalization;
using System.Text;
using BulkImport.Core.Domains.Clients;

namespace BulkImport.Benchmarks;

/// <summary>A generated CSV file and what the benchmark expects from it.</summary>
public sealed record GeneratedFile(string Path, int Rows, int ErrorRows, long Bytes);

/// <summary>
/// Writes the Client files of the benchmark: every identity and contact column filled and some profile columns, as
/// an operator's file exported from another system would be. Deterministic (the row number decides every value), so two
/// runs import the same data. About one row in <see cref="ErrorEvery"/> has one error of a rotating kind (bad e-mail, phone, SSN, date, state,
/// zip, select-list typo, missing name, unknown Client ID), and many valid rows use an accepted variant (phone with
/// dots, SSN with dashes, ISO date, lower-case state or select value) so the canonicalising path runs too.
/// The files are streamed to disk: generating a million rows never holds them in memory.
/// </summary>
public static class ClientFileGenerator
{
    /// <summary>One row in 50 is an error row: the ~2% of the issue.</summary>
    public const int ErrorEvery = 50;

    /// <summary>
    /// Real exports leave optional profile fields (the select-list columns) blank for many clients: each is filled in
    /// two rows of five. This also makes the file the size of the reference file (1,000,000 rows, about 165 MB),
    /// so the numbers compare with the limits it measured.
    /// </summary>
    public const int ProfileFieldsFilledOfFive = 2;

    private static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
        "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen", "Luis", "Maria", "Nguyen",
        "Fatima", "Jean-Pierre", "Zoë", "Ana", "Mohammed", "Priya", "Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
        "Thompson", "White", "Harris", "O'Brien", "Tran", "Nguyen", "Pierre", "Müller", "Clark", "Lewis", "Walker",
    ];

    private static readonly string[] FirstNamesAscii = [.. FirstNames.Select(Ascii)];
    private static readonly string[] LastNamesAscii = [.. LastNames.Select(Ascii)];
    private static readonly string[] Streets = ["Main St", "Oak Ave", "Cleveland St", "Gulf Blvd", "Palm Dr", "Bay Shore Rd", "Court St", "Drew St"];
    private static readonly string[] Cities = ["Clearwater", "Tampa", "St. Petersburg", "Largo", "Dunedin", "Orlando", "Miami", "Atlanta"];
    private static readonly string[] States = ["FL", "FL", "FL", "GA", "AL", "NY", "TX", "CA", "PR"];

    /// <summary>Writes a file of <paramref name="rows"/> new clients (Client ID blank), for Add.</summary>
    public static async Task<GeneratedFile> WriteInsertsAsync(string path, int rows, IReadOnlyDictionary<string, IReadOnlyList<string>> selectLists, CancellationToken ct)
    {
        var errors = 0;
        var bytes = await WriteAsync(path, ct, async write =>
        {
            var values = new string[ClientColumns.All.Count];
            for (var i = 1; i <= rows; i++)
            {
                Fill(values, i, "", $"{i}", selectLists);
                if (i % ErrorEvery == 0)
                {
                    Spoil(values, i, unknownId: 1_500_000_000 + i);
                    errors++;
                }

                await write(values);
            }
        });
        return new GeneratedFile(path, rows, errors, bytes);
    }

    /// <summary>
    /// Writes a file of <paramref name="rows"/> new clients unlike those of <see cref="WriteInsertsAsync"/> (numbered from
    /// <paramref name="rows"/> + 1 on, so no rule of SPEC 14 matches them), except that one row in
    /// <paramref name="sameSsnEvery"/> has the SSN of the insert file's row of its number, a client already in the
    /// database: the possible-duplicates check has both misses and matches to find.
    /// </summary>
    public static async Task<GeneratedFile> WriteNewClientsAsync(string path, int rows, int sameSsnEvery, IReadOnlyDictionary<string, IReadOnlyList<string>> selectLists, CancellationToken ct)
    {
        var matches = 0;
        var bytes = await WriteAsync(path, ct, async write =>
        {
            var values = new string[ClientColumns.All.Count];
            var earlier = new string[ClientColumns.All.Count];
            for (var i = 1; i <= rows; i++)
            {
                Fill(values, rows + i, "", $"{rows + i}.new", selectLists);
                if (i % sameSsnEvery == 1 % sameSsnEvery && i % ErrorEvery != 0)
                {
                    Fill(earlier, i, "", "", selectLists);
                    values[5] = earlier[5];
                    matches++;
                }

                await write(values);
            }
        });
        return new GeneratedFile(path, rows, matches, bytes);
    }

    /// <summary>
    /// Writes a file of <paramref name="rows"/> full rows by Client ID, for Update: one row per existing client (in ID
    /// order), with new e-mail, phone and address values marked by <paramref name="variant"/>. Error rows use IDs that do
    /// not exist, so every existing client appears at most once (a repeated ID would be a duplicate-key error). With
    /// <paramref name="onlyColumns"/>, every other cell but the Client ID is left blank (an Update keeps a blank cell's
    /// stored value): a file that changes a few cells of each client, as a partner's monthly contact update does.
    /// </summary>
    public static async Task<GeneratedFile> WriteUpdatesAsync(string path, int rows, IAsyncEnumerable<int> existingIds, string variant,
        IReadOnlyDictionary<string, IReadOnlyList<string>> selectLists, CancellationToken ct, IReadOnlyCollection<string>? onlyColumns = null)
    {
        var blank = onlyColumns is null
            ? []
            : ClientColumns.All.Select((c, i) => (c, i)).Where(x => x.c != ClientColumns.ClientId && !onlyColumns.Contains(x.c)).Select(x => x.i).ToArray();
        var errors = 0;
        var bytes = await WriteAsync(path, ct, async write =>
        {
            var values = new string[ClientColumns.All.Count];
            await using var ids = existingIds.GetAsyncEnumerator(ct);
            for (var i = 1; i <= rows; i++)
            {
                if (i % ErrorEvery == 0 || !await ids.MoveNextAsync())
                {
                    var missing = 1_600_000_000 + i;
                    Fill(values, i + 7, Invariant(missing), $"{missing}.{variant}", selectLists);
                    Blank(values, blank);
                    Spoil(values, i, unknownId: missing);
                    errors++;
                }
                else
                {
                    var id = ids.Current;
                    Fill(values, id + variant.Length, Invariant(id), $"{id}.{variant}", selectLists);
                    Blank(values, blank);
                }

                await write(values);
            }
        });
        return new GeneratedFile(path, rows, errors, bytes);
    }

    /// <summary>
    /// Writes a file of <paramref name="rows"/> rows that all carry Client ID <paramref name="clientId"/> (an existing
    /// client), for Update: an Excel fill-down of the ID column (issue 15). Each row is valid on its own; the duplicate
    /// rule makes every one an error naming the others.
    /// </summary>
    public static async Task<GeneratedFile> WriteSameClientIdAsync(string path, int rows, int clientId,
        IReadOnlyDictionary<string, IReadOnlyList<string>> selectLists, CancellationToken ct)
    {
        var bytes = await WriteAsync(path, ct, async write =>
        {
            var values = new string[ClientColumns.All.Count];
            for (var i = 1; i <= rows; i++)
            {
                Fill(values, i, Invariant(clientId), $"{i}.same", selectLists);
                await write(values);
            }
        });
        return new GeneratedFile(path, rows, 0, bytes);
    }

    private static void Fill(string[] values, int n, string clientId, string emailTag, IReadOnlyDictionary<string, IReadOnlyList<string>> selectLists)
    {
        var first = n % FirstNames.Length;
        var last = n / 7 % LastNames.Length;
        values[0] = clientId;
        values[1] = FirstNames[first];
        values[2] = LastNames[last];
        values[3] = $"{FirstNamesAscii[first]}.{LastNamesAscii[last]}{emailTag}@example.org";
        // Phone and SSN are unique per row up to hundreds of millions of rows, so a 10,000,000-row file is not full of
        // possible duplicates (SPEC 14: same SSN, or same phone and Last Name) that a smaller file does not have.
        var area = 201 + (n % 700);
        var line = n % 10_000;
        var exchange = 200 + (n / 70_000 % 800);
        values[4] = n % 7 == 0 ? Invariant($"{area}.{exchange}.{line:D4}") : Invariant($"({area}) {exchange}-{line:D4}");
        var ssnArea = 1 + (n % 665);
        var ssnGroup = 1 + (n / 665 % 99);
        var ssnSerial = 1 + (n / 65_835 % 9_999);
        values[5] = n % 5 == 0 ? Invariant($"{ssnArea:D3}-{ssnGroup:D2}-{ssnSerial:D4}") : Invariant($"{ssnArea:D3}{ssnGroup:D2}{ssnSerial:D4}");
        // Name and birth date repeat together every 4,620,000 rows (35 x 33 names, 20,000 days); each such run shifts the
        // date by a day, so up to 23,100,000 rows no two rows share all three (SPEC 14's NameAndBirthDate).
        var birth = new DateOnly(1950, 1, 1).AddDays((int)(((long)n * 37 + n / 4_620_000) % 20_000));
        values[6] = birth.ToString(n % 9 == 0 ? "yyyy-MM-dd" : "MM/dd/yyyy", CultureInfo.InvariantCulture);
        values[7] = Invariant($"{(n % 9_999) + 1} {Streets[n % Streets.Length]}") + (n % 10 == 0 ? Invariant($", Apt {(n % 50) + 1}") : "");
        values[8] = Cities[n % Cities.Length];
        var state = States[n % States.Length];
        values[9] = n % 11 == 0 ? state.ToLowerInvariant() : state;
        values[10] = n % 13 == 0 ? Invariant($"{33000 + (n % 999):D5}-{n % 10_000:D4}") : Invariant($"{33000 + (n % 999):D5}");
        for (var f = 0; f < ClientColumns.SelectLists.Count; f++)
        {
            var field = ClientColumns.SelectLists[f];
            if ((n + f) % 5 >= ProfileFieldsFilledOfFive)
            {
                values[ColumnIndex(field)] = "";
                continue;
            }

            var allowed = selectLists[field];
            var value = allowed[(n + f) % allowed.Count];
            values[ColumnIndex(field)] = n % 17 == f ? value.ToUpperInvariant() : value;
        }
    }

    private static void Blank(string[] values, int[] columns)
    {
        foreach (var i in columns)
        {
            values[i] = "";
        }
    }

    /// <summary>Gives the row one error; the kind rotates so every rule's failure path is measured.</summary>
    private static void Spoil(string[] values, int n, int unknownId)
    {
        switch (n / ErrorEvery % 10)
        {
            case 0: values[3] = "not-an-email"; break;
            case 1: values[4] = "12345"; break;
            case 2: values[5] = "000-12-3456"; break;
            case 3: values[6] = "01/01/2099"; break;
            case 4: values[9] = "ZZ"; break;
            case 5: values[ColumnIndex(ClientColumns.Ethnicity)] = "Hispanc"; break;
            case 6: values[2] = ""; values[0] = ""; break;
            case 7: values[10] = "ABCDE"; break;
            case 8: values[6] = "1/2/85"; break;
            default: values[0] = Invariant(unknownId); break;
        }
    }

    private static async Task<long> WriteAsync(string path, CancellationToken ct, Func<Func<string[], ValueTask>, Task> rows)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 20))
        {
            var line = new StringBuilder(512);
            await writer.WriteAsync(string.Join(',', ClientColumns.All.Select(Quote)) + "\r\n");
            await rows(async values =>
            {
                ct.ThrowIfCancellationRequested();
                line.Clear();
                for (var i = 0; i < values.Length; i++)
                {
                    if (i > 0)
                    {
                        line.Append(',');
                    }

                    line.Append(Quote(values[i]));
                }

                line.Append("\r\n");
                await writer.WriteAsync(line, ct);
            });

            // On the disk before any clock starts: otherwise the kernel writes the file back while the upload that
            // reads it is being timed (the four update files are 680 MB, written just before their staging).
            await writer.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
        }

        return new FileInfo(path).Length;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private static string Ascii(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static int ColumnIndex(string column)
    {
        for (var i = 0; i < ClientColumns.All.Count; i++)
        {
            if (ClientColumns.All[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{column}' is not a Client column.", nameof(column));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
