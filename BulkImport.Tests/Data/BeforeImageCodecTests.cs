using System.Text;
using BulkImport.Core.Data;

namespace BulkImport.Tests.Data;

/// <summary>The bytes a commit batch's before-images are kept in: what goes in comes out, cell for cell.</summary>
public sealed class BeforeImageCodecTests
{
    [Fact]
    public void Images_come_back_as_they_were_written_with_empty_cells_apart_from_empty_text()
    {
        var encoder = new BeforeImageCodec.Encoder();
        encoder.Begin(rowNumber: 2, recordId: 5, changed: 0b1011, previousImportId: null, previousImportRow: null);
        encoder.Cell("Zoë"u8, isNull: false);
        encoder.Cell([], isNull: true);
        encoder.Cell([], isNull: false);
        encoder.Begin(rowNumber: 9, recordId: 1L << 40, changed: 1L << 61, previousImportId: 12, previousImportRow: 345);
        encoder.Cell(Encoding.UTF8.GetBytes(new string('x', 5000)), isNull: false);
        encoder.Rows.Should().Be(2);

        var images = BeforeImageCodec.Decode(encoder.Finish());

        images.Should().HaveCount(2);
        images[0].Should().BeEquivalentTo(new { RowNumber = 2, RecordId = 5L, Changed = 0b1011L, PreviousImportId = (int?)null, PreviousImportRow = (int?)null });
        Enumerable.Range(0, 4).Select(images[0].OldValue).Should().Equal("Zoë", null, null, "");
        images[0].OldValues[3].Should().NotBeNull("an empty text is kept, apart from an empty cell");
        images[0].OldValues[1].Should().BeNull();
        images[1].Should().BeEquivalentTo(new { RowNumber = 9, RecordId = 1L << 40, PreviousImportId = (int?)12, PreviousImportRow = (int?)345 });
        images[1].OldValues.Should().HaveCount(62);
        images[1].OldValue(61).Should().Be(new string('x', 5000));
        encoder.Rows.Should().Be(0, "the encoder is empty again after a batch");
        BeforeImageCodec.Decode(encoder.Finish()).Should().BeEmpty();
    }
}
