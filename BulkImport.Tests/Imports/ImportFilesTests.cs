using BulkImport.Core.Imports;

namespace BulkImport.Tests.Imports;

public class ImportFilesTests
{
    [Theory]
    [InlineData(256L * 1024 * 1024, "256 MiB")]
    [InlineData(1536L * 1024, "1.5 MiB")]
    [InlineData(2048, "2 KiB")]
    [InlineData(1500, "1.5 KiB")]
    [InlineData(900, "900 bytes")]
    public void Sizes_are_named_so_that_a_small_limit_does_not_read_zero(long bytes, string text)
    {
        ImportFiles.FormatBytes(bytes).Should().Be(text);
    }
}
