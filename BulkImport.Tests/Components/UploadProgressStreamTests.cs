using BulkImport.App.Components.Shared;

namespace BulkImport.Tests.Components;

public sealed class UploadProgressStreamTests
{
    [Fact]
    public async Task Reports_the_bytes_read_every_mebibyte_and_at_the_end_and_passes_every_byte_through()
    {
        var bytes = new byte[(3 * UploadProgressStream.ReportEvery) + 1234];
        new Random(7).NextBytes(bytes);
        var reports = new List<long>();

        await using var stream = new UploadProgressStream(new MemoryStream(bytes), reports.Add);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 64 * 1024);

        copy.ToArray().Should().Equal(bytes);
        reports.Should().Equal(UploadProgressStream.ReportEvery, 2 * UploadProgressStream.ReportEvery, 3 * UploadProgressStream.ReportEvery, bytes.Length);
    }
}
