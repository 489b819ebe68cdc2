using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Imports;
using static BulkImport.Tests.Domains.ClientAssignments.AssignmentRowBuilder;

namespace BulkImport.Tests.Domains.ClientAssignments;

/// <summary>Every rule of a Client Assignment row (SPEC section 7), against an in-memory lookup snapshot.</summary>
public sealed class ClientAssignmentRowValidatorTests
{
    private static readonly string[] WithoutEnrollmentStatus =
        [.. ClientAssignmentColumns.All.Where(c => c != ClientAssignmentColumns.EnrollmentStatus)];

    [Fact]
    public void Add_of_a_new_assignment_is_an_insert()
    {
        var result = Validator(Operation.Add).Validate(Row());

        result.Status.Should().Be(RowStatus.Valid);
        result.Action.Should().Be(RowAction.Insert);
        result.Messages.Should().BeEmpty();
    }

    [Fact]
    public void Add_of_an_existing_assignment_is_an_error_that_says_to_use_update_or_add_and_update()
    {
        var result = Validator(Operation.Add).Validate(ExistingRow("Completed"));

        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Message.Should()
            .Be("Client 6, CourseID 101, SectionID 1001 already exists. Add only adds new assignments: use Update or Add & Update to change it.");
    }

    [Fact]
    public void Add_without_enrollment_status_is_an_error_on_that_cell()
    {
        var result = Validator(Operation.Add).Validate(Row(enrollmentStatus: null));

        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Column.Should().Be(ClientAssignmentColumns.EnrollmentStatus);
    }

    [Fact]
    public void Update_of_an_existing_assignment_is_an_update_and_needs_no_enrollment_status()
    {
        var result = Validator(Operation.Update).Validate(ExistingRow(enrollmentStatus: null));

        result.Status.Should().Be(RowStatus.Valid);
        result.Action.Should().Be(RowAction.Update);
    }

    [Fact]
    public void Update_of_an_assignment_that_does_not_exist_is_an_error()
    {
        var result = Validator(Operation.Update).Validate(Row(clientId: "3"));

        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Message.Should().StartWith("Client 3, CourseID 101, SectionID 1001 does not exist.");
    }

    [Fact]
    public void Update_with_a_changed_section_id_names_another_assignment_and_never_moves_the_client()
    {
        // Client 6 is in section 1001; 1002 is another section of the same course.
        var result = Validator(Operation.Update).Validate(Row(clientId: "6", sectionId: "1002"));

        result.Status.Should().Be(RowStatus.Error);
        result.Action.Should().Be(RowAction.None);
        var message = result.Messages.Should().ContainSingle().Which.Message;
        message.Should().StartWith("Client 6, CourseID 101, SectionID 1002 does not exist.");
        message.Should().Contain("a different SectionID names another assignment (it never moves the client)");
    }

    [Fact]
    public void Add_and_update_updates_an_existing_assignment_and_inserts_a_new_one()
    {
        var validator = Validator(Operation.AddUpdate);

        var existing = validator.Validate(ExistingRow("Completed"));
        var added = validator.Validate(Row());

        existing.Action.Should().Be(RowAction.Update);
        existing.Status.Should().Be(RowStatus.Valid);
        added.Action.Should().Be(RowAction.Insert);
        added.Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public void Add_and_update_insert_without_enrollment_status_is_an_error()
    {
        var result = Validator(Operation.AddUpdate).Validate(Row(enrollmentStatus: null));

        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Message.Should().StartWith("Enrollment Status is required to add a new assignment");
    }

    [Fact]
    public void Add_and_update_without_an_enrollment_status_column_errors_only_the_rows_that_would_insert()
    {
        var validator = Validator(Operation.AddUpdate, WithoutEnrollmentStatus);

        var existing = validator.Validate(ExistingRow());
        var added = validator.Validate(Row(enrollmentStatus: null));

        existing.Status.Should().Be(RowStatus.Valid);
        existing.Action.Should().Be(RowAction.Update);
        added.Status.Should().Be(RowStatus.Error);
        var message = added.Messages.Should().ContainSingle().Which;
        message.Column.Should().Be(ClientAssignmentColumns.EnrollmentStatus);
        message.Message.Should().Contain("the file has no Enrollment Status column");
    }

    [Theory]
    [InlineData(Operation.Add, ClientAssignmentColumns.ClientId)]
    [InlineData(Operation.Add, ClientAssignmentColumns.CourseId)]
    [InlineData(Operation.Add, ClientAssignmentColumns.SectionId)]
    [InlineData(Operation.Update, ClientAssignmentColumns.ClientId)]
    [InlineData(Operation.Update, ClientAssignmentColumns.CourseId)]
    [InlineData(Operation.Update, ClientAssignmentColumns.SectionId)]
    [InlineData(Operation.AddUpdate, ClientAssignmentColumns.ClientId)]
    [InlineData(Operation.AddUpdate, ClientAssignmentColumns.CourseId)]
    [InlineData(Operation.AddUpdate, ClientAssignmentColumns.SectionId)]
    public void A_blank_key_cell_is_an_error_for_every_operation(Operation operation, string column)
    {
        var row = ExistingRow("Enrolled");
        row[ClientAssignmentColumns.All.ToList().IndexOf(column)] = null;

        var result = Validator(operation).Validate(row);

        result.Status.Should().Be(RowStatus.Error);
        result.RowKey.Should().BeNull();
        result.Messages.Should().ContainSingle().Which.Should().Match<RowMessage>(m => m.Column == column && m.Message.StartsWith(column + " is required"));
    }

    [Theory]
    [InlineData(ClientAssignmentColumns.ClientId, "abc")]
    [InlineData(ClientAssignmentColumns.CourseId, "1.5")]
    [InlineData(ClientAssignmentColumns.SectionId, "-3")]
    public void A_key_cell_that_is_not_a_whole_number_is_an_error_on_that_cell(string column, string value)
    {
        var row = Row();
        row[ClientAssignmentColumns.All.ToList().IndexOf(column)] = value;

        var result = Validator(Operation.AddUpdate).Validate(row);

        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Column.Should().Be(column);
    }

    [Fact]
    public void An_unknown_client_is_an_error_on_client_id()
    {
        var result = Validator(Operation.AddUpdate).Validate(Row(clientId: "999"));

        result.Messages.Should().ContainSingle().Which.Should().Match<RowMessage>(m =>
            m.Column == ClientAssignmentColumns.ClientId && m.Message.StartsWith("Client ID 999 does not exist"));
    }

    [Fact]
    public void An_unknown_course_is_an_error_on_course_id()
    {
        var result = Validator(Operation.AddUpdate).Validate(Row(courseId: "999"));

        result.Messages.Should().ContainSingle().Which.Should().Match<RowMessage>(m =>
            m.Column == ClientAssignmentColumns.CourseId && m.Message.StartsWith("CourseID 999 does not exist"));
    }

    [Theory]
    [InlineData("CNA-101", "101")]
    [InlineData("cna-201", "102")]
    public void A_course_code_in_course_id_says_so_and_names_the_id_of_that_course(string code, string courseId)
    {
        var result = Validator(Operation.AddUpdate).Validate(Row(courseId: code));

        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Should().Be(new RowMessage(ClientAssignmentColumns.CourseId,
            $"CourseID '{code}' looks like a course code; CourseID takes the course's ID, a number, and the course with that code is "
            + $"CourseID {courseId}. Did you mean '{courseId}'?", "format"));
    }

    [Fact]
    public void A_course_code_no_course_has_says_it_looks_like_one_without_naming_an_id()
    {
        var result = Validator(Operation.AddUpdate).Validate(Row(courseId: "XYZ-999"));

        result.Messages.Should().ContainSingle().Which.Message.Should().Be(
            "CourseID 'XYZ-999' looks like a course code, but no course has that code. CourseID takes the course's ID, a number: "
            + "find it by Course Code with the course search, or in the course's pre-filled template.");
    }

    [Theory]
    [InlineData("TBD")]
    [InlineData("N/A")]
    [InlineData("1e5")]
    public void A_word_or_a_number_written_wrongly_in_course_id_is_not_called_a_course_code(string value)
    {
        var result = Validator(Operation.AddUpdate).Validate(Row(courseId: value));

        result.Messages.Should().ContainSingle().Which.Message.Should().Be("CourseID must be a whole number greater than 0, like 123");
    }

    [Fact]
    public void An_unknown_section_is_an_error_on_section_id()
    {
        var result = Validator(Operation.AddUpdate).Validate(Row(sectionId: "9999"));

        result.Messages.Should().ContainSingle().Which.Should().Match<RowMessage>(m =>
            m.Column == ClientAssignmentColumns.SectionId && m.Message.StartsWith("SectionID 9999 does not exist"));
    }

    [Fact]
    public void A_section_of_another_course_is_an_error_naming_its_course()
    {
        var result = Validator(Operation.AddUpdate).Validate(Row(courseId: "101", sectionId: "1004"));

        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Should().Match<RowMessage>(m =>
            m.Column == ClientAssignmentColumns.SectionId && m.Message.StartsWith("SectionID 1004 belongs to CourseID 102, not CourseID 101."));
    }

    [Fact]
    public void The_row_key_is_the_canonical_triple_even_when_the_row_has_other_errors()
    {
        var validator = Validator(Operation.AddUpdate);

        validator.Validate(Row()).RowKey.Should().Be("3|101|1001");
        validator.Validate(Row(clientId: "999")).RowKey.Should().Be("999|101|1001");
    }

    [Theory]
    [InlineData("03/02/2026", "03/02/2026")]
    [InlineData("3/2/2026", "03/02/2026")]
    [InlineData("2026-03-02", "03/02/2026")]
    [InlineData("12/31/2099", "12/31/2099")]
    [InlineData("01/15/1950", "01/15/1950")]
    public void Enrollment_date_accepts_the_date_of_birth_variants_with_no_past_or_future_rule(string value, string canonical)
    {
        var row = Row(enrollmentDate: value);

        var result = Validator(Operation.Add).Validate(row);

        result.Status.Should().Be(RowStatus.Valid);
        row[4].Should().Be(canonical);
    }

    [Theory]
    [InlineData("13/45/2026")]
    [InlineData("02/30/2026")]
    [InlineData("3/2/26")]
    [InlineData("soon")]
    public void Enrollment_date_that_is_not_a_real_date_is_an_error_on_that_cell(string value)
    {
        var result = Validator(Operation.Add).Validate(Row(enrollmentDate: value));

        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Column.Should().Be(ClientAssignmentColumns.EnrollmentDate);
    }

    [Fact]
    public void Select_list_values_in_another_case_are_corrected_to_the_listed_value()
    {
        var row = Row(enrollmentStatus: "enrolled", registeredBy: "WALK-IN", transcriptStatus: "not  requested", sponsor: "bayview health", marketingSource: "social media");

        var result = Validator(Operation.Add).Validate(row);

        result.Status.Should().Be(RowStatus.Valid);
        row[3..].Should().Equal("Enrolled", null, "Walk-In", "Not Requested", "Bayview Health", "Social Media");
    }

    [Theory]
    [InlineData(ClientAssignmentColumns.EnrollmentStatus)]
    [InlineData(ClientAssignmentColumns.RegisteredBy)]
    [InlineData(ClientAssignmentColumns.TranscriptStatus)]
    [InlineData(ClientAssignmentColumns.SponsorCompany)]
    [InlineData(ClientAssignmentColumns.MarketingSource)]
    public void A_value_not_in_a_select_list_is_an_error_naming_the_field(string column)
    {
        var row = Row();
        row[ClientAssignmentColumns.All.ToList().IndexOf(column)] = "Nonsense Value";

        var result = Validator(Operation.Add).Validate(row);

        result.Status.Should().Be(RowStatus.Error);
        result.Messages.Should().ContainSingle().Which.Should().Match<RowMessage>(m =>
            m.Column == column && m.Message.StartsWith($"'Nonsense Value' is not a valid {column}"));
    }

    [Fact]
    public void Optional_cells_may_be_blank()
    {
        var result = Validator(Operation.Add).Validate(Row(enrollmentStatus: "Waitlisted"));

        result.Status.Should().Be(RowStatus.Valid);
    }
}
