using BulkImport.Core.Csv;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// A part of the workbook as it unpacks, stopped as soon as it gives more bytes than the ZIP directory declared for it:
/// the declared sizes are what the limits were checked against, and a zip bomb lies about them.
/// </summary>
internal sealed class CappedPartStream(Stream inner, string part, long declared) : Stream
{
    private long read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        read += n;
        if (read > declared)
        {
            throw new CsvFileException(WorkbookMessages.ExpandsBeyondDeclared(part));
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
