using System.Globalization;
using BulkImport.Core.Clients;
using BulkImport.Core.Data;
using BulkImport.Core.Domains.Common;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains.Payments;

/// <summary>
/// The invoices a payment file is checked against, loaded once per validation pass: each invoice's client, open balance
/// and whether it is Paid, and, as the file's rows are validated in row order, how much of each balance the file's valid
/// rows already pay and which rows those are. A million invoices take about 25 MB: the values sit in arrays indexed by
/// Invoice ID (IDs are handed out in order, so they are dense), and only the rows after the first paying one invoice
/// are remembered one by one.
/// </summary>
public sealed class InvoiceBook
{
    private readonly int _firstId;
    private readonly Dictionary<int, int>? _sparseIndex;
    private readonly int[] _client;
    private readonly long[] _openCents;
    private readonly bool[] _paid;
    private readonly long[] _paidInFileCents;
    private readonly int[] _lastPayerRow;
    private readonly Dictionary<int, int> _previousPayerRow = [];

    private InvoiceBook(int count, int firstId, Dictionary<int, int>? sparseIndex)
    {
        _firstId = firstId;
        _sparseIndex = sparseIndex;
        _client = new int[count];
        _openCents = new long[count];
        _paid = new bool[count];
        _paidInFileCents = new long[count];
        _lastPayerRow = new int[count];
    }

    /// <summary>What is known of one invoice.</summary>
    public readonly record struct Entry(int ClientId, long OpenCents, bool Paid, long PaidInFileCents);

    /// <summary>
    /// Loads every invoice, or, when <paramref name="onlyRows"/> is given, only those the rows name (revalidating a few
    /// edited rows must not load a million invoices).
    /// </summary>
    public static async Task<InvoiceBook> LoadAsync(BulkImportDbContext db, IReadOnlyCollection<string?[]>? onlyRows, CancellationToken ct)
    {
        if (onlyRows is not null)
        {
            var wanted = new HashSet<int>();
            var index = Cells.IndexOf(PaymentColumns.All, PaymentColumns.InvoiceId);
            foreach (var values in onlyRows)
            {
                if (index < values.Length && int.TryParse(CellText.Clean(values[index] ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    wanted.Add(id);
                }
            }

            var invoices = await (from i in db.Invoices.AsNoTracking()
                                  join a in db.ClientAssignments.AsNoTracking() on i.AssignmentId equals a.AssignmentId
                                  where wanted.Contains(i.InvoiceId)
                                  select new { i.InvoiceId, a.ClientId, i.Balance, i.Status }).ToListAsync(ct);
            var book = new InvoiceBook(invoices.Count, 0, new Dictionary<int, int>(invoices.Count));
            for (var n = 0; n < invoices.Count; n++)
            {
                var invoice = invoices[n];
                book._sparseIndex![invoice.InvoiceId] = n;
                book.Set(n, invoice.ClientId, PaymentAmount.ToCents(invoice.Balance), invoice.Status == Invoice.PaidStatus);
            }

            return book;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return ReadAll(db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static InvoiceBook ReadAll(System.Data.Common.DbConnection connection)
    {
        long count, min, max;
        var engine = DatabaseEngine.Of(connection);
        using (var extent = engine.Prepare(connection, """SELECT COUNT(*), COALESCE(MIN("InvoiceId"), 0), COALESCE(MAX("InvoiceId"), 0) FROM "Invoices" """))
        {
            extent.Read();
            (count, min, max) = (extent.GetInt64(0), extent.GetInt64(1), extent.GetInt64(2));
            extent.Reset();
        }

        // Dense when the IDs leave few gaps (they are handed out in order); otherwise an index of its own.
        var span = max - min + 1;
        var dense = count == 0 || span <= Math.Max(1L << 16, 2 * count);
        var book = dense
            ? new InvoiceBook(count == 0 ? 0 : (int)span, (int)min, null)
            : new InvoiceBook((int)count, 0, new Dictionary<int, int>((int)count));
        if (dense)
        {
            Array.Fill(book._client, -1);
        }

        using var query = engine.Prepare(connection,
            """SELECT i."InvoiceId", a."ClientId", i."Balance", CASE WHEN i."Status" = ?1 THEN 1 ELSE 0 END FROM "Invoices" i JOIN "ClientAssignments" a ON a."AssignmentId" = i."AssignmentId" """);
        query.Bind(1, Invoice.PaidStatus);
        var next = 0;
        while (query.Read())
        {
            var id = (int)query.GetInt64(0);
            int at;
            if (dense)
            {
                at = id - book._firstId;
            }
            else
            {
                at = next++;
                book._sparseIndex![id] = at;
            }

            book.Set(at, (int)query.GetInt64(1), Cents(query.GetUtf8(2)), query.GetInt64(3) != 0);
        }

        return book;
    }

    /// <summary>The cents of a stored balance: plain digits with up to two decimals as written here, else parsed as a decimal.</summary>
    private static long Cents(ReadOnlySpan<byte> text)
    {
        long whole = 0;
        var i = 0;
        for (; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            whole = (whole * 10) + (text[i] - '0');
        }

        if (i == text.Length && i > 0)
        {
            return whole * 100;
        }

        if (i > 0 && text[i] == '.' && text.Length - i - 1 is 1 or 2 && i < 16)
        {
            long fraction = 0;
            for (var j = i + 1; j < text.Length; j++)
            {
                if (text[j] is < (byte)'0' or > (byte)'9')
                {
                    return PaymentAmount.ToCents(decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture));
                }

                fraction = (fraction * 10) + (text[j] - '0');
            }

            return (whole * 100) + (text.Length - i - 1 == 1 ? fraction * 10 : fraction);
        }

        return PaymentAmount.ToCents(decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture));
    }

    private void Set(int at, int clientId, long openCents, bool paid)
    {
        _client[at] = clientId;
        _openCents[at] = openCents;
        _paid[at] = paid;
    }

    /// <summary>The invoice, when it exists.</summary>
    public bool TryGet(int invoiceId, out Entry entry)
    {
        if (IndexOf(invoiceId) is { } at)
        {
            entry = new Entry(_client[at], _openCents[at], _paid[at], _paidInFileCents[at]);
            return true;
        }

        entry = default;
        return false;
    }

    /// <summary>Counts a valid row's payment against the invoice's balance, in row order.</summary>
    public void Pay(int invoiceId, long cents, int rowNumber)
    {
        var at = IndexOf(invoiceId) ?? throw new ArgumentException($"Invoice {invoiceId} is not in the book.", nameof(invoiceId));
        _paidInFileCents[at] += cents;
        if (rowNumber > 0)
        {
            if (_lastPayerRow[at] > 0)
            {
                _previousPayerRow[rowNumber] = _lastPayerRow[at];
            }

            _lastPayerRow[at] = rowNumber;
        }
    }

    /// <summary>The rows (latest first, at most <paramref name="most"/>) whose payments the file already counts against the invoice.</summary>
    public List<int> PayerRows(int invoiceId, int most)
    {
        var rows = new List<int>();
        if (IndexOf(invoiceId) is not { } at)
        {
            return rows;
        }

        var row = _lastPayerRow[at];
        while (row > 0 && rows.Count < most)
        {
            rows.Add(row);
            row = _previousPayerRow.GetValueOrDefault(row);
        }

        return rows;
    }

    private int? IndexOf(int invoiceId)
    {
        if (_sparseIndex is not null)
        {
            return _sparseIndex.TryGetValue(invoiceId, out var at) ? at : null;
        }

        var offset = (long)invoiceId - _firstId;
        return offset >= 0 && offset < _client.Length && _client[offset] >= 0 ? (int)offset : null;
    }
}
