namespace BulkImport.Core.Domains.Common;

/// <summary>
/// The two-letter codes of USPS Publication 28, Appendix B: the 50 states, DC, the territories (AS, GU, MP, PR, VI),
/// the freely associated states (FM, MH, PW) and the military "state" codes (AA, AE, AP). UM (U.S. Minor Outlying
/// Islands) is an ISO code with no USPS mail service and is not accepted.
/// </summary>
internal static class UsStateCodes
{
    private static readonly (string Code, string Name)[] All =
    [
        ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
        ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("FL", "Florida"), ("GA", "Georgia"),
        ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"),
        ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
        ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"), ("MO", "Missouri"),
        ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"), ("NJ", "New Jersey"),
        ("NM", "New Mexico"), ("NY", "New York"), ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"),
        ("OK", "Oklahoma"), ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
        ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"),
        ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
        ("DC", "District of Columbia"),
        ("AS", "American Samoa"), ("GU", "Guam"), ("MP", "Northern Mariana Islands"), ("PR", "Puerto Rico"),
        ("VI", "Virgin Islands"),
        ("FM", "Federated States of Micronesia"), ("MH", "Marshall Islands"), ("PW", "Palau"),
        ("AA", "Armed Forces Americas"), ("AE", "Armed Forces Europe"), ("AP", "Armed Forces Pacific"),
    ];

    /// <summary>Canonical code by (first letter × 26 + second letter); null where the pair is not a code.</summary>
    private static readonly string?[] ByIndex = BuildIndex();

    private static readonly Dictionary<string, string> ByName = BuildNames();

    /// <summary>The upper-case code for a two-letter ASCII value in any case, or null.</summary>
    public static string? Find(ReadOnlySpan<char> value)
    {
        if (value.Length != 2)
        {
            return null;
        }

        var first = ToLetterIndex(value[0]);
        var second = ToLetterIndex(value[1]);
        return first < 0 || second < 0 ? null : ByIndex[(first * 26) + second];
    }

    /// <summary>The code of a full state or territory name ("florida", "Puerto Rico"), or null.</summary>
    public static string? FindByName(string name) => ByName.GetValueOrDefault(name);

    private static int ToLetterIndex(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a',
        _ => -1,
    };

    private static string?[] BuildIndex()
    {
        var index = new string?[26 * 26];
        foreach (var (code, _) in All)
        {
            index[((code[0] - 'A') * 26) + (code[1] - 'A')] = code;
        }

        return index;
    }

    private static Dictionary<string, string> BuildNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, name) in All)
        {
            names[name] = code;
        }

        names["U.S. Virgin Islands"] = "VI";
        names["US Virgin Islands"] = "VI";
        names["Washington DC"] = "DC";
        names["Washington, DC"] = "DC";
        names["Washington D.C."] = "DC";
        names["Washington, D.C."] = "DC";
        return names;
    }
}
