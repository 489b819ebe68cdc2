using BulkImport.Core.Clients;
using BulkImport.Core.Csv;
using BulkImport.Core.Data;
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

    private static string SafeName(string code) =>
        new([.. code.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}
