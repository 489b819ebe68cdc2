using BulkImport.Core.Csv;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// Other names partners' files give our template columns (SPEC 16: Given Name → First Name, Surname → Last Name, DOB →
/// Date of Birth, …). Keyed by template column name, so a synonym only ever suggests a column its template has: "Sponsor"
/// means Sponsor Name in a Client file and Sponsor (Company) in a Client Assignment file.
/// </summary>
public static class ColumnSynonyms
{
    private static readonly Dictionary<string, string[]> ByTemplateColumn = new(StringComparer.Ordinal)
    {
        ["Client ID"] = ["Client Number", "Client No", "Client #", "Customer ID", "Participant ID", "Student ID", "Person ID"],
        ["First Name"] = ["Given Name", "Forename", "First", "FName", "Christian Name"],
        ["Last Name"] = ["Surname", "Family Name", "Last", "LName"],
        ["Email"] = ["E-mail Address", "Email Address", "E-mail", "Mail", "Email Addr"],
        ["Phone Number"] = ["Phone", "Mobile", "Cell", "Cell Phone", "Mobile Phone", "Mobile Number", "Telephone", "Tel", "Phone No", "Home Phone", "Contact Number"],
        ["SSN"] = ["Social Security Number", "Social Security No", "Social Security", "SS Number", "Social"],
        ["Date of Birth"] = ["DOB", "Birth Date", "Birthdate", "Birthday", "Date Born", "Born"],
        ["Address"] = ["Street", "Street Address", "Address Line 1", "Address 1", "Mailing Address", "Home Address"],
        ["City"] = ["Town", "City/Town"],
        ["State"] = ["State Code", "Province", "St"],
        ["Zip"] = ["Zip Code", "Postal Code", "Postcode", "Zipcode", "Post Code"],
        ["Sponsor Name"] = ["Sponsor"],
        ["Language"] = ["Preferred Language", "Primary Language"],
        ["Staff Name"] = ["Staff", "Case Manager", "Counselor"],
        ["CourseID"] = ["Course", "Course Number", "Course No"],
        ["SectionID"] = ["Section", "Section Number", "Section No"],
        ["Enrollment Status"] = ["Enrolment Status", "Status"],
        ["Enrollment Date"] = ["Enrolment Date", "Enrolled On", "Date Enrolled", "Start Date"],
        ["Sponsor (Company)"] = ["Sponsor", "Sponsor Company", "Company", "Employer"],
        ["Invoice ID"] = ["Invoice", "Invoice Number", "Invoice No"],
        ["Payment Date"] = ["Date Paid", "Paid On", "Paid Date"],
        ["Amount"] = ["Payment Amount", "Amount Paid", "Paid"],
        ["Payment Method"] = ["Method", "Pay Method", "Payment Type"],
        ["Reference Number"] = ["Reference", "Ref", "Ref No", "Check Number", "Cheque Number", "Trace Number"],
    };

    /// <summary>The synonyms of a template's columns by matching key (<see cref="HeaderName.Normalize"/>) → template column.</summary>
    public static Dictionary<string, string> For(IReadOnlyList<string> templateColumns)
    {
        ArgumentNullException.ThrowIfNull(templateColumns);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in templateColumns)
        {
            if (ByTemplateColumn.TryGetValue(column, out var synonyms))
            {
                foreach (var synonym in synonyms)
                {
                    byKey.TryAdd(HeaderName.Normalize(synonym), column);
                }
            }
        }

        return byKey;
    }
}
