using BulkImport.Core.Domains;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Imports;
using static BulkImport.Tests.Domains.ClientAssignments.AssignmentRowBuilder;

namespace BulkImport.Tests.Domains.ClientAssignments;

/// <summary>
/// "Use the batch date as enrollment date" (SPEC 15) through later checks of a staged row: the row holds the filled date,
/// and its note (among the messages it had) is what tells it from a date the file gave.
/// </summary>
public sealed class BatchDateAsEnrollmentDateTests
{
    private const string Note = "Enrollment Date was blank: the batch date 02/14/2026 was used (Use the batch date as enrollment date).";
    private static readonly int EnrollmentDate = ClientAssignmentColumns.All.ToList().IndexOf(ClientAssignmentColumns.EnrollmentDate);

    private static IRowValidator BatchDateValidator(Operation operation = Operation.AddUpdate) =>
        new ClientAssignmentRowValidator(new ValidationSettings(operation, ClientAssignmentColumns.All, new DateOnly(2026, 3, 18), new DateOnly(2026, 2, 14)),
            SelectLists(), Lookups());

    private static string? NoteOf(RowValidation result) =>
        result.Messages.SingleOrDefault(m => m.Column == ClientAssignmentColumns.EnrollmentDate)?.Message;

    [Fact]
    public void A_row_checked_again_keeps_the_note_while_its_cell_holds_the_filled_batch_date()
    {
        var values = Row();
        var staged = BatchDateValidator().Validate(2, values, []);

        var again = BatchDateValidator().Validate(2, values, staged.Messages);

        values[EnrollmentDate].Should().Be("02/14/2026");
        (NoteOf(staged), NoteOf(again)).Should().Be((Note, Note));
        again.Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public void The_same_date_given_by_the_file_has_no_note()
    {
        var result = BatchDateValidator().Validate(2, Row(enrollmentDate: "02/14/2026"), []);

        NoteOf(result).Should().BeNull();
    }

    [Fact]
    public void Another_date_typed_into_the_cell_loses_the_note()
    {
        var values = Row();
        var staged = BatchDateValidator().Validate(2, values, []);
        values[EnrollmentDate] = "03/01/2026";

        var again = BatchDateValidator().Validate(2, values, staged.Messages);

        NoteOf(again).Should().BeNull();
        values[EnrollmentDate].Should().Be("03/01/2026");
    }

    /// <summary>An existing assignment keeps its stored date (SPEC 7): the filled date would overwrite it.</summary>
    [Theory]
    [InlineData("6", "101", "1001")]
    [InlineData("999", "101", "1001")]
    [InlineData("", "101", "1001")]
    public void A_row_that_no_longer_adds_an_assignment_gives_the_filled_date_back(string clientId, string courseId, string sectionId)
    {
        var values = Row();
        var staged = BatchDateValidator().Validate(2, values, []);
        (values[0], values[1], values[2]) = (clientId, courseId, sectionId);

        var again = BatchDateValidator().Validate(2, values, staged.Messages);

        again.Action.Should().NotBe(RowAction.Insert);
        values[EnrollmentDate].Should().Be("");
        NoteOf(again).Should().BeNull();

        // Made an assignment to add again, it takes the batch date again.
        (values[0], values[1], values[2]) = ("3", "101", "1001");
        NoteOf(BatchDateValidator().Validate(2, values, again.Messages)).Should().Be(Note);
    }
}
