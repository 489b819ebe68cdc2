using System.Text;

namespace BulkImport.Tests.Support;

/// <summary>Generated files for tests that need many rows.</summary>
public static class CsvFiles
{
    /// <summary>A Client Add file of <paramref name="rows"/> valid new clients, named so each row can be found again.</summary>
    public static string NewClients(int rows, string prefix = "Gen")
    {
        var csv = new StringBuilder("First Name,Last Name,Email,Phone Number,State,Zip\n", rows * 64);
        for (var i = 1; i <= rows; i++)
        {
            csv.Append(prefix).Append(',').Append("Row").Append(i).Append(',')
               .Append(prefix.ToLowerInvariant()).Append(i).Append("@example.org,(727) 555-").Append((i % 10000).ToString("D4"))
               .Append(",FL,33755\n");
        }

        return csv.ToString();
    }
}
