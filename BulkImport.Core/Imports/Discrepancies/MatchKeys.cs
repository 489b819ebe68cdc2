using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The values a rule compares, made comparable (SPEC section 14): names without case, accents, spaces or punctuation;
/// e-mail without case; phone as its digits; SSN and date of birth in their canonical form. A rule takes part only when
/// every value it compares is filled in. The key and its hash are written into a caller's buffer, so checking a
/// million rows makes no string per rule; the values may be slices of a buffer too (<see cref="Data.ClientMatchKeyReader"/>
/// reads every client's into one), so reading a million clients makes no string per value either.
/// </summary>
public readonly struct MatchKeys
{
    /// <summary>Large enough for the longest key: two names of 50 characters, an e-mail of 254, separators.</summary>
    public const int MaxKeyLength = 400;

    private static readonly DuplicateRule[] AllRules = Enum.GetValues<DuplicateRule>();

    private readonly ReadOnlyMemory<char> _first;
    private readonly ReadOnlyMemory<char> _last;
    private readonly ReadOnlyMemory<char> _email;
    private readonly ReadOnlyMemory<char> _phone;
    private readonly ReadOnlyMemory<char> _ssn;
    private readonly ReadOnlyMemory<char> _birthDate;

    public MatchKeys(string? first, string? last, string? email, string? phone, string? ssn, string? birthDate)
        : this(first.AsMemory(), last.AsMemory(), email.AsMemory(), phone.AsMemory(), ssn.AsMemory(), birthDate.AsMemory())
    {
    }

    /// <summary>Values as text (an empty value, as a null one, is not filled in).</summary>
    public MatchKeys(ReadOnlyMemory<char> first, ReadOnlyMemory<char> last, ReadOnlyMemory<char> email, ReadOnlyMemory<char> phone, ReadOnlyMemory<char> ssn, ReadOnlyMemory<char> birthDate)
    {
        _first = first;
        _last = last;
        _email = email;
        _phone = phone;
        _ssn = ssn;
        _birthDate = birthDate;
    }

    /// <summary>The keys of a row in Client template order (Client ID first).</summary>
    public static MatchKeys OfClientValues(IReadOnlyList<string?> values) => new(
        At(values, 1), At(values, 2), At(values, 3), At(values, 4), At(values, 5), At(values, 6));

    /// <summary>Writes the rule's key into <paramref name="buffer"/>; 0 when the rule does not apply (a value is blank).</summary>
    public int Write(DuplicateRule rule, Span<char> buffer)
    {
        var length = 0;
        buffer[length++] = (char)('0' + (int)rule);
        switch (rule)
        {
            case DuplicateRule.Ssn:
                return AppendDigits(_ssn.Span, buffer, ref length) ? length : 0;
            case DuplicateRule.NameAndBirthDate:
                return AppendName(_first.Span, buffer, ref length) && Separator(buffer, ref length)
                    && AppendName(_last.Span, buffer, ref length) && Separator(buffer, ref length)
                    && AppendDigits(_birthDate.Span, buffer, ref length) ? length : 0;
            case DuplicateRule.Email:
                return AppendLower(_email.Span, buffer, ref length) ? length : 0;
            default:
                return AppendDigits(_phone.Span, buffer, ref length) && Separator(buffer, ref length)
                    && AppendName(_last.Span, buffer, ref length) ? length : 0;
        }
    }

    /// <summary>The rule's key as a string (to look at one key; the check itself writes keys into buffers); null when the rule does not apply.</summary>
    public string? Key(DuplicateRule rule)
    {
        Span<char> buffer = stackalloc char[MaxKeyLength];
        var length = Write(rule, buffer);
        return length == 0 ? null : new string(buffer[..length]);
    }

    /// <summary>
    /// The rule's key hashed (stable within the process) by two unrelated functions, one in each half; null when the
    /// rule does not apply. The upper half only picks the key's partition (<see cref="PartitionedMatchKeys"/>), the lower
    /// half is kept: two different keys are hinted as one only when both agree, so ten million rows (forty million keys)
    /// give a few thousand false hints instead of the 180,000 one 32-bit hash gave, each a row read and compared for nothing.
    /// </summary>
    public long? Hash(DuplicateRule rule, Span<char> buffer)
    {
        var length = Write(rule, buffer);
        if (length == 0)
        {
            return null;
        }

        var key = buffer[..length];
        return ((long)PartitionHash(key) << 32) | (uint)string.GetHashCode(key);
    }

    /// <summary>
    /// FNV-1a over the key's 64-bit words: unrelated to the string hash, and a few nanoseconds a key (HashCode's byte
    /// feed cost the staging a quarter of a second a million rows). Its top bits depend on every word of the key.
    /// </summary>
    private static int PartitionHash(ReadOnlySpan<char> key)
    {
        const ulong Prime = 1099511628211;
        var hash = 14695981039346656037;
        var bytes = MemoryMarshal.AsBytes(key);
        for (; bytes.Length >= sizeof(ulong); bytes = bytes[sizeof(ulong)..])
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Prime;
        }

        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return (int)(hash >> 32);
    }

    /// <summary>The rules that hold between these values and <paramref name="other"/>'s (no string made: a million rows may be compared).</summary>
    public List<DuplicateRule> RulesMatching(MatchKeys other)
    {
        var rules = new List<DuplicateRule>(1);
        Span<char> mine = stackalloc char[MaxKeyLength];
        Span<char> theirs = stackalloc char[MaxKeyLength];
        foreach (var rule in AllRules)
        {
            var length = Write(rule, mine);
            if (length > 0 && mine[..length].SequenceEqual(theirs[..other.Write(rule, theirs)]))
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static string? At(IReadOnlyList<string?> values, int index) => index < values.Count ? values[index] : null;

    /// <summary>A separator where there is room: a name that filled the buffer is cut there, on both sides alike.</summary>
    private static bool Separator(Span<char> buffer, ref int length)
    {
        if (length < buffer.Length)
        {
            buffer[length++] = '|';
        }

        return true;
    }

    private static bool AppendDigits(ReadOnlySpan<char> value, Span<char> buffer, ref int length)
    {
        var start = length;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c) && length < buffer.Length)
            {
                buffer[length++] = c;
            }
        }

        return length > start;
    }

    private static bool AppendLower(ReadOnlySpan<char> value, Span<char> buffer, ref int length)
    {
        var text = value.Trim();
        if (text.IsEmpty || length + text.Length > buffer.Length)
        {
            return false;
        }

        length += text.ToLowerInvariant(buffer[length..]);
        return true;
    }

    /// <summary>Letters and digits only, lower case, accents taken off ("O'Brien" and "obrien", "Zoë" and "Zoe" are one name).</summary>
    private static bool AppendName(ReadOnlySpan<char> value, Span<char> buffer, ref int length)
    {
        var start = length;
        foreach (var c in value)
        {
            if (c >= 128)
            {
                // Rare: decompose once, so an accent is a mark of its own, and drop the marks.
                length = start;
                AppendDecomposed(new string(value), buffer, ref length);
                return length > start;
            }

            if (char.IsAsciiLetterOrDigit(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return length > start;
    }

    private static void AppendDecomposed(string value, Span<char> buffer, ref int length)
    {
        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && length < buffer.Length)
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }
    }
}
