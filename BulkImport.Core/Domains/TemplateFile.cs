using BulkImport.Core.Clients;
using BulkImport.Core.Csv;
using BulkImport.Core.Data;
using BulkImport.Core.Workbooks;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains;

/// <summary>
/// Writes a domain's template (SPEC section 8): the header in template order, and, pre-filled for a course, the
/// domain's existing records of that course, streamed from the database. UTF-8 with BOM, CRLF, formula-escaped.
/// </summary>
public sealed class TemplateFile(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    public static string FileNameFor(IImportDomain domain, Course? course) =>
        course is null ? $"{domain.Domain}-template.csv" : $"{domain.Domain}-{SafeName(course.CourseCode)}.csv";

    /// <summary>Writes the blank template, or the pre-filled one when <paramref name="course"/> is given.</summary>
    public async Task WriteAsync(IImportDomain domain, Course? course, Stream destination, CancellationToken ct)
    {
        await using var writer = CsvExport.Create(destination);
        writer.WriteHeader([.. domain.Columns]);
        if (course is null)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fields = new string[domain.Columns.Count];
        await foreach (var values in domain.TemplateRowsAsync(db, course.CourseId, ct))
        {
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = values[i] ?? "";
            }

            await writer.WriteRecordAsync(fields, ct);
        }
    }

    /// <summary>The template as a workbook (SPEC 17): the same header and rows, in one sheet named after the domain.</summary>
    public static string WorkbookFileNameFor(IImportDomain domain, Course? course) => Path.ChangeExtension(FileNameFor(domain, course), ".xlsx");

    /// <summary>
    /// Writes the template as an .xlsx whose ID, SSN, Phone Number and Zip columns are formatted as Text, so that a
    /// spreadsheet keeps the leading zeros a person types there (02134, 012-34-5678). The workbook is put together in a
    /// temporary file (its ZIP writer is synchronous) and copied out asynchronously.
    /// </summary>
    public async Task WriteWorkbookAsync(IImportDomain domain, Course? course, Stream destination, CancellationToken ct)
    {
        var kinds = domain.Columns.Select(c => IsTextColumn(c) ? WorkbookColumnKind.Text : WorkbookColumnKind.General).ToList();
        var temporary = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var workbook = new WorkbookWriter(file, domain.DisplayName, domain.Columns, kinds, sharedStrings: false))
            {
                if (course is not null)
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    await foreach (var values in domain.TemplateRowsAsync(db, course.CourseId, ct))
                    {
                        workbook.WriteRow(values);
                    }
                }

                workbook.Complete();
            }

            await using var written = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await written.CopyToAsync(destination, ct);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>IDs (Client ID, CourseID, ...), SSN, Phone Number and Zip: digits that are not numbers.</summary>
    public static bool IsTextColumn(string column)
    {
        var key = HeaderName.Normalize(column);
        return key.EndsWith("id", StringComparison.Ordinal) || key is "ssn" or "phonenumber" or "zip";
    }

    private static string SafeName(string code) =>
        new([.. code.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}
