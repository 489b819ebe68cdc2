using BulkImport.Core.Data.Sqlite;

namespace BulkImport.Tests.Data;

/// <summary>
/// The file a SQLite connection string opens (SPEC 22's single-instance lock is keyed by it): plain paths and <c>file:</c>
/// URIs read as SQLite reads them, relative ones anchored to the content root, symbolic links followed to the real file.
/// </summary>
public sealed class SqliteDatabaseFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(
        Path.Combine(AppContext.BaseDirectory, "test-data", "dbfile-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("Data Source=data/x.db", "/root/data/x.db")]
    [InlineData("Data Source=/srv/x.db", "/srv/x.db")]
    [InlineData("Filename=x.db", "/root/x.db")]
    [InlineData("Data Source=file:/srv/x.db?cache=shared", "/srv/x.db")]
    [InlineData("Data Source=file:///srv/x.db", "/srv/x.db")]
    [InlineData("Data Source=file://localhost/srv/x.db#ignored", "/srv/x.db")]
    [InlineData("Data Source=FILE:data/x.db?mode=rwc", "/root/data/x.db")]
    [InlineData("Data Source=file:/srv/my%20data/x%3Fy.db", "/srv/my data/x?y.db")]
    public void The_file_is_the_path_or_the_URI_s_decoded_path_relative_ones_under_the_content_root(string connectionString, string file)
    {
        SqliteDatabaseFile.PathOf(connectionString, "/root").Should().Be(file);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=")]
    [InlineData("Data Source=shared;Mode=Memory")]
    [InlineData("Data Source=file::memory:?cache=shared")]
    [InlineData("Data Source=file:shared?mode=memory&cache=shared")]
    [InlineData("Data Source=file:/x.db?vfs=memdb")]
    [InlineData("Data Source=file:")]
    public void An_in_memory_or_temporary_database_has_no_file(string connectionString)
    {
        SqliteDatabaseFile.PathOf(connectionString, "/root").Should().BeNull();
        SqliteDatabaseFile.Anchored(connectionString, "/root").Should().Be(connectionString);
    }

    [Fact]
    public void A_relative_path_is_anchored_to_the_content_root_in_the_connection_string_itself_URI_queries_kept()
    {
        // SQLite would open a relative path from the current directory: the string the app opens names the anchored file.
        SqliteDatabaseFile.Anchored("Data Source=data/x.db;Cache=Shared", "/root").Should().Be("Data Source=/root/data/x.db;Cache=Shared");
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(SqliteDatabaseFile.Anchored("Data Source=file:data/a b%25.db?cache=shared#f", "/root"))
            .DataSource.Should().Be("file:///root/data/a b%25.db?cache=shared#f");
        SqliteDatabaseFile.Anchored("Data Source=/srv/x.db", "/root").Should().Be("Data Source=/srv/x.db", "an absolute path is left as written");
        SqliteDatabaseFile.PathOf(SqliteDatabaseFile.Anchored("Data Source=file:data/a b%25.db?cache=shared", "/root"), "/elsewhere")
            .Should().Be("/root/data/a b%.db");
    }

    [Fact]
    public void A_URI_naming_another_host_is_refused_naming_the_setting()
    {
        var open = () => SqliteDatabaseFile.PathOf("Data Source=file://fileserver/share/x.db", "/root");

        open.Should().Throw<InvalidOperationException>().WithMessage("ConnectionStrings:BulkImport names the SQLite database 'file://fileserver/share/x.db', on the host 'fileserver': SQLite opens only local files*");
    }

    [Fact]
    public void The_real_path_follows_links_of_the_file_and_of_its_folders_relative_targets_and_dot_dots_after_them()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "a", "data")).FullName;
        var file = Path.Combine(data, "bulkimport.db");
        File.WriteAllText(file, "");
        var b = Directory.CreateDirectory(Path.Combine(_folder, "b")).FullName;
        // b/linked.db -> ../a/data/bulkimport.db (relative to the link's folder); b/folder -> a/data; b/chain -> b/linked.db.
        File.CreateSymbolicLink(Path.Combine(b, "linked.db"), Path.Combine("..", "a", "data", "bulkimport.db"));
        Directory.CreateSymbolicLink(Path.Combine(b, "folder"), data);
        File.CreateSymbolicLink(Path.Combine(b, "chain"), Path.Combine(b, "linked.db"));

        SqliteDatabaseFile.RealPath(Path.Combine(b, "linked.db")).Should().Be(file);
        SqliteDatabaseFile.RealPath(Path.Combine(b, "folder", "bulkimport.db")).Should().Be(file);
        SqliteDatabaseFile.RealPath(Path.Combine(b, "chain")).Should().Be(file);
        // ".." after b/folder is a/, the link target's parent: a/data/bulkimport.db again.
        SqliteDatabaseFile.RealPath(Path.Combine(b, "folder", "..", "data", ".", "bulkimport.db")).Should().Be(file);
        SqliteDatabaseFile.RealPath(Path.Combine(b, "folder", "new", "not-yet.db")).Should().Be(Path.Combine(data, "new", "not-yet.db"),
            "a part that does not exist yet is kept as written");
        SqliteDatabaseFile.RealPath(file).Should().Be(file);
    }

    [Fact]
    public void A_loop_of_links_is_refused_rather_than_followed_for_ever()
    {
        File.CreateSymbolicLink(Path.Combine(_folder, "one"), Path.Combine(_folder, "two"));
        File.CreateSymbolicLink(Path.Combine(_folder, "two"), Path.Combine(_folder, "one"));

        var follow = () => SqliteDatabaseFile.RealPath(Path.Combine(_folder, "one"));

        follow.Should().Throw<IOException>().WithMessage("*more than 40 symbolic links*");
    }
}
