namespace BulkImport.Core.Intake;

/// <summary>
/// Which files of a folder's <c>incoming/</c> are complete, from one look to the next: a file renamed from its
/// <c>.part</c> name at once, any other once its size and time have not changed for a while (SPEC section 19). It
/// remembers what it saw at the last look; a file that leaves is forgotten, so a new one of the same name starts afresh.
/// </summary>
internal sealed class CompleteFiles
{
    private readonly Dictionary<string, Sighting> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _parts = new(StringComparer.Ordinal);

    private sealed record Sighting(long Size, DateTime WrittenAt, DateTime Since);

    /// <summary>The files of incoming/ that are complete: renamed from <c>.part</c>, or unchanged for <paramref name="stableFor"/>.</summary>
    public List<string> In(string incoming, TimeSpan stableFor, DateTime now)
    {
        var ready = new List<string>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(incoming))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.'))
            {
                continue;
            }

            if (name.EndsWith(FolderIntake.PartSuffix, StringComparison.OrdinalIgnoreCase))
            {
                _parts.Add(path[..^FolderIntake.PartSuffix.Length]);
                present.Add(path);
                continue;
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                continue; // gone since the listing
            }

            present.Add(path);
            if (_parts.Remove(path))
            {
                ready.Add(path);
                continue;
            }

            var sighting = new Sighting(info.Length, info.LastWriteTimeUtc, now);
            if (_seen.TryGetValue(path, out var before) && before.Size == sighting.Size && before.WrittenAt == sighting.WrittenAt)
            {
                if (now - before.Since >= stableFor)
                {
                    ready.Add(path);
                }
            }
            else
            {
                _seen[path] = sighting;
            }
        }

        // Forget files that left (taken, or removed by someone) so a new file of the same name starts afresh.
        foreach (var gone in _seen.Keys.Where(p => p.StartsWith(incoming, StringComparison.Ordinal) && !present.Contains(p)).ToList())
        {
            _seen.Remove(gone);
        }

        _parts.RemoveWhere(p => p.StartsWith(incoming, StringComparison.Ordinal) && !present.Contains(p + FolderIntake.PartSuffix) && !present.Contains(p));
        return ready;
    }

    /// <summary>The file was taken out of incoming/: a file of the same name that comes after it is a new file.</summary>
    public void Taken(string path) => _seen.Remove(path);
}
