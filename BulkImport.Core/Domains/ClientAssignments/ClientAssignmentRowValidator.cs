using System.Globalization;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains.ClientAssignments;

/// <summary>
/// The rules of a Client Assignment row (SPEC section 7): the (Client ID, CourseID, SectionID) key, the client,
/// course and section that must exist (the section in that course), Insert vs Update by whether the assignment exists
/// and what the operation allows, Enrollment Date and the five select lists.
/// </summary>
public sealed class ClientAssignmentRowValidator : CellRuleValidator, IRowValidator
{
    private readonly ValidationSettings _settings;
    private readonly ClientAssignmentLookups _lookups;
    private readonly bool _hasEnrollmentStatusColumn;
    private readonly int _clientId;
    private readonly int _courseId;
    private readonly int _sectionId;
    private readonly int _enrollmentStatus;

    public ClientAssignmentRowValidator(ValidationSettings settings, SelectLists selectLists, ClientAssignmentLookups lookups)
        : base(ClientAssignmentColumns.All)
    {
        _settings = settings;
        _lookups = lookups;
        _hasEnrollmentStatusColumn = settings.PresentColumns.Contains(ClientAssignmentColumns.EnrollmentStatus);
        _clientId = IndexOf(ClientAssignmentColumns.ClientId);
        _courseId = IndexOf(ClientAssignmentColumns.CourseId);
        _sectionId = IndexOf(ClientAssignmentColumns.SectionId);
        _enrollmentStatus = IndexOf(ClientAssignmentColumns.EnrollmentStatus);

        Cell(ClientAssignmentColumns.ClientId, v => FieldFormats.WholeNumberId(v, ClientAssignmentColumns.ClientId));
        Cell(ClientAssignmentColumns.CourseId, CourseIdOrCode);
        Cell(ClientAssignmentColumns.SectionId, v => FieldFormats.WholeNumberId(v, ClientAssignmentColumns.SectionId));
        Cell(ClientAssignmentColumns.EnrollmentDate, v => FieldFormats.Date(v, ClientAssignmentColumns.EnrollmentDate));
        foreach (var field in ClientAssignmentColumns.SelectLists)
        {
            Cell(field, selectLists.For(field).Match);
        }
    }

    public RowValidation Validate(string?[] values) => Validate(0, values, []);

    public RowValidation Validate(int rowNumber, string?[] values, IReadOnlyList<RowMessage> before)
    {
        var messages = CheckCells(values);
        var clientId = RequiredId(values, _clientId, ClientAssignmentColumns.ClientId, messages);
        var courseId = RequiredId(values, _courseId, ClientAssignmentColumns.CourseId, messages);
        var sectionId = RequiredId(values, _sectionId, ClientAssignmentColumns.SectionId, messages);
        if (clientId is not { } client || courseId is not { } course || sectionId is not { } section)
        {
            FillEnrollmentDate(values, RowAction.None, before, messages);
            return RowValidation.From(RowAction.None, messages, null);
        }

        var key = new AssignmentKey(client, course, section);
        if (!ReferencesExist(key, messages))
        {
            FillEnrollmentDate(values, RowAction.None, before, messages);
            return RowValidation.From(RowAction.None, messages, key.ToRowKey());
        }

        var exists = _lookups.Assignments.Contains(key);
        RowAction action;
        switch (_settings.Operation)
        {
            case Operation.Add when exists:
                action = RowAction.None;
                messages.Add(new RowMessage(ClientAssignmentColumns.ClientId,
                    $"{key.Describe()} already exists. Add only adds new assignments: use Update or Add & Update to change it.", "exists"));
                break;
            case Operation.Update when !exists:
                action = RowAction.None;
                messages.Add(new RowMessage(ClientAssignmentColumns.ClientId,
                    $"{key.Describe()} does not exist. Update changes existing assignments only, and a different SectionID names " +
                    "another assignment (it never moves the client). Correct the IDs, or use Add or Add & Update to add it.", "not-found"));
                break;
            default:
                action = exists ? RowAction.Update : RowAction.Insert;
                break;
        }

        FillEnrollmentDate(values, action, before, messages);
        if (action == RowAction.Insert && Cells.IsBlank(values[_enrollmentStatus]))
        {
            messages.Add(new RowMessage(ClientAssignmentColumns.EnrollmentStatus, _hasEnrollmentStatusColumn
                ? $"Enrollment Status is required to add a new assignment ({key.Describe()} does not exist yet)."
                : $"{key.Describe()} does not exist yet, and adding it needs an Enrollment Status, but the file has no Enrollment Status column. " +
                  "Add the column, or import only existing assignments.", "required"));
        }

        return RowValidation.From(action, messages, key.ToRowKey());
    }

    /// <summary>
    /// Only an assignment being added takes the batch date: on one that exists a blank cell keeps the stored date
    /// (SPEC 7), which the batch date would overwrite (an outside audit found 09/08/2026 replaced by the batch date).
    /// </summary>
    private void FillEnrollmentDate(string?[] values, RowAction action, IReadOnlyList<RowMessage> before, List<RowMessage> messages)
    {
        if (Imports.Discrepancies.BatchDateAsEnrollmentDate.Fill(_settings, values, IndexOf(ClientAssignmentColumns.EnrollmentDate),
                ClientAssignmentColumns.EnrollmentDate, adds: action == RowAction.Insert, before) is { } filled)
        {
            messages.Add(filled);
        }
    }

    /// <summary>
    /// A CourseID, or a message that says a Course Code was given for it (`CNA-101`: a person knows a course by its code)
    /// and names the ID of the course with that code, from the snapshot loaded for the pass, not a query per row.
    /// </summary>
    private FieldResult CourseIdOrCode(string value)
    {
        var id = FieldFormats.WholeNumberId(value, ClientAssignmentColumns.CourseId);
        if (id.IsValid)
        {
            return id;
        }

        const string takesId = "CourseID takes the course's ID, a number";
        if (_lookups.CourseIdsByCode.TryGetValue(value, out var courseId))
        {
            var shown = courseId.ToString(CultureInfo.InvariantCulture);
            return FieldResult.Fail($"CourseID '{value}' looks like a course code; {takesId}, and the course with that code is CourseID {shown}. "
                + $"Did you mean '{shown}'?");
        }

        return LooksLikeCourseCode(value)
            ? FieldResult.Fail($"CourseID '{value}' looks like a course code, but no course has that code. {takesId}: find it by Course Code "
                + "with the course search, or in the course's pre-filled template.")
            : id;
    }

    /// <summary>
    /// Written as course codes are (CNA-101, CDL-A, MA100): a letter first, then letters, digits and dashes, with a digit
    /// or a dash. Not a number written wrongly (41.00, 1e5) nor a word (TBD, N/A), which keep the ID's own message.
    /// </summary>
    private static bool LooksLikeCourseCode(string value) =>
        value.Length is > 0 and <= 30
        && char.IsAsciiLetter(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ' ')
        && value.Any(c => char.IsAsciiDigit(c) || c == '-');

    /// <summary>The whole-number ID in the cell, or null with a message when it is blank or not usable.</summary>
    private static int? RequiredId(string?[] values, int index, string column, List<RowMessage> messages)
    {
        if (messages.Exists(m => m.Column == column && !m.IsWarning))
        {
            return null;
        }

        var text = values[index];
        if (Cells.IsBlank(text))
        {
            messages.Add(new RowMessage(column, $"{column} is required: an assignment is identified by Client ID, CourseID and SectionID.", "required"));
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            messages.Add(new RowMessage(column, $"{column} must be a whole number greater than 0.", "format"));
            return null;
        }

        return id;
    }

    private bool ReferencesExist(AssignmentKey key, List<RowMessage> messages)
    {
        var before = messages.Count;
        if (!_lookups.ClientIds.Contains(key.ClientId))
        {
            messages.Add(new RowMessage(ClientAssignmentColumns.ClientId, $"Client ID {key.ClientId} does not exist. Import the client first, or correct the ID.", "not-found"));
        }

        var courseExists = _lookups.CourseIds.Contains(key.CourseId);
        if (!courseExists)
        {
            messages.Add(new RowMessage(ClientAssignmentColumns.CourseId, $"CourseID {key.CourseId} does not exist. Correct the ID (search courses by Course Code).", "not-found"));
        }

        if (!_lookups.SectionCourses.TryGetValue(key.SectionId, out var sectionCourse))
        {
            messages.Add(new RowMessage(ClientAssignmentColumns.SectionId, $"SectionID {key.SectionId} does not exist. Correct the ID.", "not-found"));
        }
        else if (courseExists && sectionCourse != key.CourseId)
        {
            messages.Add(new RowMessage(ClientAssignmentColumns.SectionId,
                $"SectionID {key.SectionId} belongs to CourseID {sectionCourse}, not CourseID {key.CourseId}. Use a section of CourseID {key.CourseId}.", "wrong-course"));
        }

        return messages.Count == before;
    }
}
