using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>A USPS state code. Part of <see cref="FieldFormats"/>; its rules of the spec are listed there.</summary>
public static partial class FieldFormats
{
    /// <summary>A two-letter USPS state, DC, territory, freely associated state or military code, canonical upper case.</summary>
    public static FieldResult State(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = UsStateCodes.Find(value);
        if (code is not null)
        {
            return FieldResult.Ok(code);
        }

        const string expected = "State must be a two-letter USPS state or territory code, like FL";
        var byName = UsStateCodes.FindByName(value);
        if (byName is not null)
        {
            return FieldResult.Fail($"{expected}; for {value} use {byName}");
        }

        return FieldResult.Fail(value.Length == 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1])
            ? $"{expected}; {value.ToUpperInvariant()} is not one"
            : expected);
    }
}
