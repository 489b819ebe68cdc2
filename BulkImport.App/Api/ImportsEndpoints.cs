using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Mapping;
using BulkImport.Core.Imports.Results;
using BulkImport.App.Security;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BulkImport.App.Api;

/// <summary>The import endpoints of SPEC section 12.</summary>
public static class ImportsEndpoints
{
    public static RouteGroupBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(Policies.SignedIn);
        group.MapPost("/", CreateAsync).DisableAntiforgery().RequireAuthorization(Policies.Import);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:int}", async (int id, HttpContext http, ImportGate gate, ImportHistory history, CancellationToken ct) =>
            TypedResults.Ok(await ImportSummary.ReadAsync(await gate.CheckAsync(http.User, id, ImportNeed.See, ct), history, ct)));
        group.MapGet("/{id:int}/rows", RowsAsync);
        group.MapGet("/{id:int}/rows/{rowNumber:int}", RowAsync);
        group.MapPut("/{id:int}/rows/{rowNumber:int}", EditRowAsync);
        group.MapPost("/{id:int}/rows/{rowNumber:int}/skip", async (int id, int rowNumber, HttpContext http, ImportGate gate, RowEdits imports, ImportDomains domains, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Change, ct);
            var (row, import) = await imports.SkipRowAsync(id, rowNumber, ct);
            return TypedResults.Ok(new RowChangeResult(ImportRowDto.From(row, domains.Get(import.Domain)), await ImportSummary.ReadAsync(import, history, ct)));
        });
        group.MapPost("/{id:int}/commit", async (int id, HttpContext http, ImportGate gate, ImportCommands imports, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Change, ct);
            return TypedResults.Accepted($"/api/imports/{id}", await ImportSummary.ReadAsync(await imports.QueueCommitAsync(id, UserName(http), ct), history, ct));
        });
        group.MapPost("/{id:int}/cancel", async (int id, HttpContext http, ImportGate gate, ImportCommands imports, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Cancel, ct);
            return TypedResults.Accepted($"/api/imports/{id}", await ImportSummary.ReadAsync(await imports.CancelAsync(id, UserName(http), ct), history, ct));
        });
        group.MapPost("/{id:int}/replay", async (int id, HttpContext http, ImportGate gate, ImportCommands imports, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Replay, ct);
            return TypedResults.Accepted($"/api/imports/{id}", await ImportSummary.ReadAsync(await imports.ReplayAsync(id, UserName(http), ct), history, ct));
        }).RequireAuthorization(Policies.Replay);
        group.MapGet("/{id:int}/results.csv", ResultsAsync).AllowBrowserDownload();
        return group;
    }

    public static string UserName(HttpContext http) => AuthEndpoints.NameOf(http.User);

    private static async Task<IResult> CreateAsync(HttpContext http, ImportFiles files, ImportCommands imports, ImportDomains domains, ImportGate gate, SavedMappings savedMappings, ImportHistory history,
        IOptions<ImportOptions> options, CancellationToken ct)
    {
        var limit = options.Value.MaxFileBytes;
        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit + (1024 * 1024);
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw ImportProblem.BadRequest("Send the import as multipart/form-data with the fields 'file', 'domain' and 'operation'.");
        }

        var reader = new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = limit + 1 };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        ImportFiles.StoredFile? stored = null;
        string? fileName = null;
        try
        {
            try
            {
                while (await reader.ReadNextSectionAsync(ct) is { } section)
                {
                    if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    {
                        continue;
                    }

                    var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                    if (disposition.IsFileDisposition() && name.Equals("file", StringComparison.OrdinalIgnoreCase) && stored is null)
                    {
                        fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star ? star : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                        stored = await files.StoreAsync(section.Body, ct);
                    }
                    else if (!disposition.IsFileDisposition())
                    {
                        using var text = new StreamReader(section.Body);
                        var buffer = new char[1024];
                        var read = await text.ReadBlockAsync(buffer, ct);
                        fields[name] = new string(buffer, 0, read).Trim();
                    }
                }
            }
            catch (IOException e) when (e is not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } && !ct.IsCancellationRequested)
            {
                // The body ended inside a part (a connection cut, a script that sent too little): nothing of it is kept.
                throw ImportProblem.BadRequest("The upload ended before it was complete: the multipart body stops inside a part. Send the file again.");
            }
            catch (InvalidDataException e) when (e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
            {
                // The multipart reader's own cap (limit + 1 byte) was passed inside a read.
                throw ImportFiles.TooLarge(limit);
            }
            catch (InvalidDataException e)
            {
                throw ImportProblem.BadRequest($"The upload is not well-formed multipart/form-data ({e.Message.TrimEnd('.')}). Send the file in the field 'file' and the fields 'domain' and 'operation'.");
            }

            if (stored is null)
            {
                throw ImportProblem.BadRequest("The request has no file. Send the CSV file in the multipart field 'file'.");
            }

            var domain = ParseDomain(fields, domains);
            var operation = ParseEnum<Operation>(fields, "operation", "Add, Update, AddUpdate");
            var invoices = FlagField(fields, "autoCreateInvoices", absent: false);
            fields.TryGetValue("name", out var importName);
            // notifyMe (default true): the creator gets the Integration Alert when the import ends (SPEC section 18).
            var notifyMe = FlagField(fields, "notifyMe", absent: true);
            // mapColumns and mappingId: map the file's columns, with a Card Template chosen now or by a person later (SPEC 16).
            var mapColumns = FlagField(fields, "mapColumns", absent: false);
            var mapping = await UploadMappingAsync(fields, domain, savedMappings, ct);
            // sheet: the sheet of an .xlsx to read (SPEC 17); without it, the first sheet with data.
            fields.TryGetValue("sheet", out var sheet);

            // fixesImportId (SPEC 20): this file corrects that import's rows; the uploader must be able to see it.
            int? fixes = null;
            if (fields.TryGetValue("fixesImportId", out var fixesText) && fixesText.Length > 0)
            {
                fixes = int.TryParse(fixesText, out var fixesId) && fixesId > 0
                    ? await FixedImportAsync(gate, http.User, fixesId, ct)
                    : throw ImportProblem.BadRequest($"fixesImportId '{fixesText}' is not an Import ID. Give the number of the import whose rows this file corrects, or leave the field out.");
            }

            // checkDuplicates (default true): Insert rows are checked for possible duplicates (SPEC section 14).
            var checkDuplicates = FlagField(fields, "checkDuplicates", absent: true);
            var useBatchDate = FlagField(fields, "useBatchDateAsEnrollmentDate", absent: false);
            var batchDate = BatchDateField(fields);
            var import = await imports.CreateAsync(new NewImport(stored, fileName ?? "upload.csv", domain, operation, invoices, importName, UserName(http), notifyMe,
                CheckDuplicates: checkDuplicates, BatchDate: batchDate, UseBatchDateAsEnrollmentDate: useBatchDate, Sheet: sheet, MapColumns: mapColumns, Mapping: mapping,
                FixesImportId: fixes), ct);
            stored = null;
            return TypedResults.Created($"/api/imports/{import.Id}", await ImportSummary.ReadAsync(import, history, ct));
        }
        finally
        {
            if (stored is not null)
            {
                files.Delete(stored);
            }
        }
    }

    /// <summary>
    /// An on/off upload field (autoCreateInvoices, checkDuplicates, notifyMe, mapColumns, useBatchDateAsEnrollmentDate):
    /// true/false, on/off, yes/no or 1/0; left out or blank, <paramref name="absent"/>. Any other value is a 400 naming the
    /// field: read as its default, autoCreateInvoices=Y created no invoice and checkDuplicates=nope kept the check on,
    /// each without a word (outside audit).
    /// </summary>
    private static bool FlagField(Dictionary<string, string> fields, string name, bool absent)
    {
        if (!fields.TryGetValue(name, out var text) || text.Length == 0)
        {
            return absent;
        }

        return text.ToLowerInvariant() switch
        {
            "true" or "on" or "yes" or "1" => true,
            "false" or "off" or "no" or "0" => false,
            _ => throw ImportProblem.BadRequest($"'{text}' is not a valid {name}: send true or false, or leave the field out ({(absent ? "on" : "off")} when left out)."),
        };
    }

    /// <summary>
    /// The import the upload field <c>fixesImportId</c> names, which the uploader must be able to see. One they cannot
    /// see is a 400 naming the field: a 404 on POST /api/imports read as if the address itself were missing (outside audit).
    /// </summary>
    private static async Task<int> FixedImportAsync(ImportGate gate, System.Security.Claims.ClaimsPrincipal user, int id, CancellationToken ct)
    {
        try
        {
            return (await gate.CheckAsync(user, id, ImportNeed.See, ct)).Id;
        }
        catch (ImportProblem problem) when (problem.StatusCode == StatusCodes.Status404NotFound)
        {
            throw ImportProblem.BadRequest($"fixesImportId {id} is not an import you can see. Give the Import ID of the import whose rows this file corrects (Import History shows it), or leave the field out.");
        }
    }

    /// <summary>The upload field <c>batchDate</c> (YYYY-MM-DD); absent, the import takes today's date.</summary>
    private static DateOnly? BatchDateField(Dictionary<string, string> fields)
    {
        if (!fields.TryGetValue("batchDate", out var text) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw ImportProblem.BadRequest($"'{text}' is not a valid batchDate. Send the Batch Date as YYYY-MM-DD, for example 2026-12-05.");
    }

    /// <summary>The Card Template the upload field <c>mappingId</c> names, or null without it.</summary>
    private static async Task<SavedMapping?> UploadMappingAsync(Dictionary<string, string> fields, Domain domain, SavedMappings savedMappings, CancellationToken ct)
    {
        if (!fields.TryGetValue("mappingId", out var text) || text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, out var id)
            ? await savedMappings.ForUploadAsync(id, domain, ct)
            : throw ImportProblem.BadRequest($"'{text}' is not a Card Template ID (mappingId): send the number GET /api/mappings gives, or leave the field out.");
    }

    /// <summary>An optional enum from the query string, matched ignoring case, spaces and '&amp;'; a wrong value is a 400 listing the right ones.</summary>
    private static T? QueryEnum<T>(string? text, string name) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var compact = text.Replace(" ", "").Replace("&", "").Replace("_", "").Replace("-", "");
        if (compact.Equals("Errors", StringComparison.OrdinalIgnoreCase) && typeof(T) == typeof(RowStatus))
        {
            compact = nameof(RowStatus.Error);
        }

        return EnumWords.TryParse<T>(compact, out var value)
            ? value
            : throw ImportProblem.BadRequest($"'{text}' is not a valid {name}. Use one of: {string.Join(", ", Enum.GetNames<T>())}.");
    }

    /// <summary>
    /// The upload's domain by key or name, in any case. A registered domain that is switched off is left to the import
    /// service, which answers "not available in this installation".
    /// </summary>
    private static Domain ParseDomain(Dictionary<string, string> fields, ImportDomains domains)
    {
        if (!fields.TryGetValue("domain", out var text) || text.Length == 0)
        {
            throw ImportProblem.BadRequest($"The field 'domain' is missing. Use one of: {domains.OfferedKeys}.");
        }

        return domains.Find(text) ?? throw ImportProblem.BadRequest($"'{text}' is not a valid domain. Use one of: {domains.OfferedKeys}.");
    }

    private static T ParseEnum<T>(Dictionary<string, string> fields, string field, string allowed) where T : struct, Enum
    {
        if (!fields.TryGetValue(field, out var text) || text.Length == 0)
        {
            throw ImportProblem.BadRequest($"The field '{field}' is missing. Use one of: {allowed}.");
        }

        var compact = text.Replace(" ", "").Replace("&", "").Replace("_", "").Replace("-", "");
        if (!EnumWords.TryParse<T>(compact, out var value))
        {
            throw ImportProblem.BadRequest($"'{text}' is not a valid {field}. Use one of: {allowed}.");
        }

        return value;
    }

    private static async Task<IResult> ListAsync(string? status, string? domain, string? search, int? page, int? pageSize, HttpContext http, ImportHistory imports, ImportDomains domains, CancellationToken ct)
    {
        var createdBy = ImportAccess.SeesAll(http.User) ? null : UserName(http);
        var domainKey = string.IsNullOrWhiteSpace(domain) ? (Domain?)null
            : domains.Find(domain) ?? throw ImportProblem.BadRequest($"'{domain}' is not a valid domain. Use one of: {string.Join(", ", domains.Registered.Select(d => d.Domain.Name))}.");
        var filter = new ImportFilter(QueryEnum<ImportStatus>(status, "status"), domainKey, createdBy, Search: search);
        var result = await imports.ListAsync(filter, PageRequest.Of(page, pageSize), ct);
        return TypedResults.Ok(new PageDto<ImportSummary>(await ImportSummary.ReadAsync(result.Items, imports, ct), result.PageNumber, result.PageSize, result.TotalCount));
    }

    private static async Task<IResult> RowsAsync(int id, string? status, int? page, int? pageSize, HttpContext http, ImportGate gate, RowPages imports, ImportDomains domains, CancellationToken ct)
    {
        var import = await gate.CheckAsync(http.User, id, ImportNeed.See, ct);
        var domain = domains.Get(import.Domain);
        var result = await imports.RowsAsync(id, QueryEnum<RowStatus>(status, "status"), PageRequest.Of(page, pageSize, 100), ct);
        return TypedResults.Ok(new PageDto<ImportRowDto>([.. result.Items.Select(r => ImportRowDto.From(r, domain))], result.PageNumber, result.PageSize, result.TotalCount));
    }

    /// <summary>One row; <c>reveal=true</c> shows its SSN unmasked to Admin and Support, and the reveal is recorded.</summary>
    private static async Task<IResult> RowAsync(int id, int rowNumber, bool? reveal, HttpContext http, ImportGate gate, RowPages imports, ImportDomains domains, SensitiveDataAudit audit, CancellationToken ct)
    {
        var import = await gate.CheckAsync(http.User, id, ImportNeed.See, ct);
        var row = await imports.RowAsync(id, rowNumber, ct);
        var domain = domains.Get(import.Domain);
        if (reveal == true)
        {
            if (!ImportAccess.MayRevealSsn(http.User))
            {
                throw new ImportProblem(StatusCodes.Status403Forbidden, "Not allowed", "Only support staff or an administrator can reveal an SSN. Leave out reveal=true to see the row masked.");
            }

            foreach (var column in domain.Columns.Where(c => SensitiveValues.IsSensitive(domain, c)))
            {
                await audit.RecordRevealAsync(UserName(http), id, rowNumber, column, ct);
            }
        }

        return TypedResults.Ok(ImportRowDto.From(row, domain, reveal == true));
    }

    private static async Task<IResult> EditRowAsync(int id, int rowNumber, EditRowRequest body, HttpContext http, ImportGate gate, RowEdits imports, ImportDomains domains, ImportHistory history, CancellationToken ct)
    {
        await gate.CheckAsync(http.User, id, ImportNeed.Change, ct);
        if (body.Values is null || body.Values.Count == 0)
        {
            throw ImportProblem.BadRequest("Send the cells to change as {\"values\": {\"Column Name\": \"value\"}}.");
        }

        var (row, import) = await imports.EditRowAsync(id, rowNumber, body.Values, ct);
        return TypedResults.Ok(new RowChangeResult(ImportRowDto.From(row, domains.Get(import.Domain)), await ImportSummary.ReadAsync(import, history, ct)));
    }

    private static async Task ResultsAsync(int id, HttpContext http, ImportGate gate, ResultsFile results, CancellationToken ct)
    {
        var import = await gate.CheckAsync(http.User, id, ImportNeed.DownloadResults, ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ResultsFile.FileNameFor(import) }.ToString();
        await results.WriteAsync(import, http.Response.Body, ct);
    }
}
