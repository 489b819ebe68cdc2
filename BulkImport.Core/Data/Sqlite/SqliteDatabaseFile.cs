using Microsoft.Data.Sqlite;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>
/// The file a SQLite connection string opens, found the way SQLite finds it: a plain path, or a <c>file:</c> URI
/// (Microsoft.Data.Sqlite hands a data source that starts with <c>file:</c> to SQLite as a URI), with every symbolic link
/// followed to its final target. The single-instance lock is keyed by this file (SPEC 22): keyed by the text as written,
/// a second instance reaching the same file through a symlink or a URI took a lock of another name and started.
/// </summary>
/// <remarks>
/// A relative path is anchored to the content root (the documented default, <c>&lt;content root&gt;/data/bulkimport.db</c>,
/// is one): SQLite alone would resolve it against the process's current directory, which is not always the content
/// root, and the folder created, the file opened and the lock taken must be the same one. Hard links are not followed:
/// SQLite names its <c>-wal</c> and <c>-shm</c> files by path, so two paths hard-linked to one database are unsafe whatever
/// the app does.
/// </remarks>
public static class SqliteDatabaseFile
{
    private const string UriScheme = "file:";

    /// <summary>More links than this in one path is a loop (Linux's own limit is 40).</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// <paramref name="connectionString"/> with a relative database path (plain or inside a <c>file:</c> URI) made absolute
    /// against <paramref name="contentRoot"/>; unchanged when the path is absolute or there is no file.
    /// </summary>
    public static string Anchored(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (IsInMemory(builder, out var uri))
        {
            return connectionString;
        }

        if (uri is null)
        {
            if (Path.IsPathFullyQualified(builder.DataSource))
            {
                return connectionString;
            }

            builder.DataSource = Absolute(builder.DataSource, contentRoot);
            return builder.ToString();
        }

        if (Path.IsPathFullyQualified(uri.Path))
        {
            return connectionString;
        }

        builder.DataSource = ToUri(Absolute(uri.Path, contentRoot)) + uri.Rest;
        return builder.ToString();
    }

    /// <summary>
    /// The absolute path of the database file as written (links not followed, <c>..</c> kept), or null when the connection string names no
    /// file: <c>:memory:</c>, <c>Mode=Memory</c>, a URI with <c>mode=memory</c> or <c>vfs=memdb</c>, or an empty name (a
    /// temporary database of the connection's own).
    /// </summary>
    public static string? PathOf(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (IsInMemory(builder, out var uri))
        {
            return null;
        }

        return Absolute(uri?.Path ?? builder.DataSource, contentRoot);
    }

    /// <summary>
    /// <paramref name="path"/> (absolute) with every symbolic link in it, the file's own and its folders', followed to
    /// its final target, and <c>..</c> taken after the link before it (as the operating system and SQLite take it). A
    /// part that does not exist yet is kept as written: the first start creates the file.
    /// </summary>
    public static string RealPath(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        }

        var current = Path.GetPathRoot(path)!;
        var pending = new Stack<string>(Parts(path[current.Length..]).Reverse());
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            if (LinkTarget(next) is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"The database path {path} has more than {MaxLinks} symbolic links in it (a loop?).");
            }

            // An absolute target starts again from its root; a relative one from the folder holding the link.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var targetPart in Parts(target).Reverse())
            {
                pending.Push(targetPart);
            }
        }

        return current;
    }

    /// <summary>
    /// <paramref name="path"/> made absolute without tidying its <c>..</c> away: after a link, <c>..</c> is the link
    /// target's parent (<see cref="RealPath"/>), which the text alone cannot tell.
    /// </summary>
    private static string Absolute(string path, string root) =>
        Path.IsPathFullyQualified(path) ? path
        : Path.IsPathRooted(path) ? Path.GetFullPath(path, root)
        : Path.Join(root, path);

    private static bool IsInMemory(SqliteConnectionStringBuilder builder, out DatabaseUri? uri)
    {
        uri = DatabaseUri.Parse(builder.DataSource);
        var name = uri?.Path ?? builder.DataSource;
        return string.IsNullOrEmpty(name) || name == ":memory:" || builder.Mode == SqliteOpenMode.Memory || uri?.InMemory == true;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not a link we may read (a folder we cannot enter): kept as written, as SQLite would fail on it anyway.
            return null;
        }
    }

    private static IEnumerable<string> Parts(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A <c>file:</c> URI of an absolute path, with an empty authority so a path starting with <c>//</c> stays a path.</summary>
    private static string ToUri(string path)
    {
        var escaped = path.Replace("%", "%25").Replace("?", "%3F").Replace("#", "%23").Replace('\\', '/');
        return UriScheme + "//" + (escaped.StartsWith('/') ? "" : "/") + escaped;
    }

    /// <summary>
    /// A SQLite URI filename (https://sqlite.org/uri.html): <c>file:</c>, an optional authority that must be empty or
    /// <c>localhost</c>, the path (percent-decoded), then <c>?query</c> and <c>#fragment</c>.
    /// </summary>
    private sealed record DatabaseUri(string Path, string Rest, bool InMemory)
    {
        public static DatabaseUri? Parse(string dataSource)
        {
            if (!dataSource.StartsWith(UriScheme, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var text = dataSource[UriScheme.Length..];
            var end = text.IndexOfAny(['?', '#']);
            var rest = end < 0 ? "" : text[end..];
            var path = end < 0 ? text : text[..end];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                var slash = path.IndexOf('/', 2);
                var authority = slash < 0 ? path[2..] : path[2..slash];
                if (authority.Length > 0 && !authority.Equals("localhost", StringComparison.OrdinalIgnoreCase))
                {
                    // SQLite refuses it too ("invalid uri authority"), later and with less to go on.
                    throw new InvalidOperationException(
                        $"{DatabaseProvider.ConnectionSetting} names the SQLite database '{dataSource}', on the host '{authority}': SQLite opens only local files. " +
                        "Write file:/path/to/bulkimport.db (or file:///path/to/bulkimport.db), or a plain path.");
                }

                path = slash < 0 ? "" : path[slash..];
            }

            path = Uri.UnescapeDataString(path);
            // file:///C:/data/x.db names C:/data/x.db on Windows.
            if (path.Length >= 3 && path[0] == '/' && char.IsAsciiLetter(path[1]) && path[2] == ':' && OperatingSystem.IsWindows())
            {
                path = path[1..];
            }

            var query = end < 0 || rest[0] == '#' ? "" : rest[1..].Split('#')[0];
            var inMemory = query.Split('&').Select(p => p.Split('=', 2)).Any(p => p.Length == 2
                && ((Uri.UnescapeDataString(p[0]) == "mode" && Uri.UnescapeDataString(p[1]) == "memory")
                    || (Uri.UnescapeDataString(p[0]) == "vfs" && Uri.UnescapeDataString(p[1]) == "memdb")));
            return new DatabaseUri(path, rest, inMemory);
        }
    }
}
