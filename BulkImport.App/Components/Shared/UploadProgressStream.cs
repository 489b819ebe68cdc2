namespace BulkImport.App.Components.Shared;

/// <summary>
/// Reads an uploaded file through and reports the bytes read so far, so the wizard shows "12.4 of 180.0 MiB sent"
/// instead of an indeterminate bar for the seconds a large upload takes. Reports at most every
/// <see cref="ReportEvery"/> bytes: a render per 32 KiB block would cost more than the upload.
/// </summary>
public sealed class UploadProgressStream(Stream inner, Action<long> report) : Stream
{
    public const long ReportEvery = 1024 * 1024;
    private long _read;
    private long _reported;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Counted(int read)
    {
        _read += read;
        if (read == 0 || _read - _reported >= ReportEvery)
        {
            _reported = _read;
            report(_read);
        }

        return read;
    }

    public override void Flush() { }
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

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
