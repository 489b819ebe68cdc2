namespace BulkImport.Core.Imports.Staging;

/// <summary>
/// The hash of a row key that the staging keeps for each key it has read, instead of the key (a million Client IDs as
/// strings would hold about 60 MB): a hash seen before marks the row a duplicate at once, and its key is settled after the
/// reading (<c>DuplicateKeyRule.ApplyAsync</c>). FNV-1a over the key's characters: the same in every process, so a test
/// can find two keys that share one and check that their rows are told apart.
/// </summary>
public static class RowKeyHash
{
    public static int Of(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
