namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// Where one staging's possible-duplicates check spent its time: reading the clients' keys (on a thread of its own,
/// beside the file's reading), hashing the file's rows' keys, waiting after the file for the clients' keys, and merging
/// the two sorted key lists into hints.
/// </summary>
public readonly record struct DuplicateCheckTimes(TimeSpan ClientKeys, TimeSpan FilePass, TimeSpan WaitForClientKeys, TimeSpan Merge);
