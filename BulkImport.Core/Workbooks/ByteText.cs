namespace BulkImport.Core.Workbooks;

/// <summary>UTF-8 text gathered from a part's text nodes (a cell's value, a string item's runs), reused cell after cell.</summary>
internal sealed class ByteText
{
    private byte[] bytes = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<byte> text)
    {
        if (Length + text.Length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, Length + text.Length));
        }

        text.CopyTo(bytes.AsSpan(Length));
        Length += text.Length;
    }
}
