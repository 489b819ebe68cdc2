using BulkImport.Core.Domains;
using BulkImport.App.Hosting;
using BulkImport.App.Security;
using BulkImport.Core.Clients;
using BulkImport.Core.Security;
using BulkImport.Core.Usage;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Api;

/// <summary>
/// Administration (Admin only): users and their permission groups (SPEC section 12, <c>/api/admin/users</c>), and the
/// select-list values, usage limits and feature switches the administration pages show.
/// </summary>
public static class AdminEndpoints
{
    public sealed record NewUserRequest(string? Email, string? Password, List<string>? Roles);

    public sealed record UserChangeRequest(List<string>? Roles, bool? Disabled);

    public sealed record PasswordRequest(string? Password);

    public sealed record NewSelectListValueRequest(string? Field, string? Value);

    public sealed record SelectListValueChangeRequest(string? Value, bool? Retired);

    /// <summary>New usage limits; a period left out keeps its current limit.</summary>
    public sealed record UsageLimitsRequest(int? RowsPerDay, int? RowsPerWeek, int? RowsPerMonth);

    public sealed record SelectListFieldDto(string Field, IReadOnlyList<SelectListEntry> Values);

    public sealed record FeatureSwitchDto(string Name, string Setting, bool Enabled, string Description);

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(Policies.Admin);

        group.MapGet("/users", async (int? page, int? pageSize, UserAdministration admin, CancellationToken ct) =>
        {
            var all = await admin.ListAsync(ct);
            var request = Core.Imports.PageRequest.Of(page, pageSize, 100);
            return TypedResults.Ok(new PageDto<UserSummary>([.. all.Skip(request.Skip).Take(request.PageSize)], request.Page, request.PageSize, all.Count));
        });
        group.MapGet("/users/{id}", async (string id, UserAdministration admin, CancellationToken ct) =>
            TypedResults.Ok(await admin.GetAsync(id, ct)));
        group.MapPost("/users", async (NewUserRequest body, HttpContext http, UserAdministration admin, CancellationToken ct) =>
        {
            var user = await admin.CreateAsync(body.Email, body.Password, body.Roles, Actor(http), ct);
            return TypedResults.Created($"/api/admin/users/{user.Id}", user);
        });
        group.MapPut("/users/{id}", async (string id, UserChangeRequest body, HttpContext http, UserAdministration admin, CancellationToken ct) =>
            TypedResults.Ok(await admin.UpdateAsync(id, body.Roles, body.Disabled, Actor(http), ct)));
        group.MapPost("/users/{id}/password", async (string id, PasswordRequest body, HttpContext http, UserAdministration admin, CancellationToken ct) =>
        {
            await admin.ResetPasswordAsync(id, body.Password, Actor(http), ct);
            return TypedResults.NoContent();
        });

        group.MapGet("/select-lists", async (SelectListAdministration lists, CancellationToken ct) =>
        {
            var fields = await lists.FieldsAsync(ct);
            var values = await lists.AllAsync(ct);
            return TypedResults.Ok(fields.Select(f => new SelectListFieldDto(f, [.. values.Where(v => v.Field == f)])).ToList());
        });
        // The address POST's Location names: the value as its field's list shows it.
        group.MapGet("/select-lists/{id:int}", async (int id, SelectListAdministration lists, CancellationToken ct) =>
            TypedResults.Ok(await lists.GetAsync(id, ct)));
        group.MapPost("/select-lists", async (NewSelectListValueRequest body, HttpContext http, SelectListAdministration lists, CancellationToken ct) =>
        {
            var entry = await lists.AddAsync(body.Field, body.Value, Actor(http), ct);
            return TypedResults.Created($"/api/admin/select-lists/{entry.Id}", entry);
        });
        group.MapPut("/select-lists/{id:int}", async (int id, SelectListValueChangeRequest body, HttpContext http, SelectListAdministration lists, CancellationToken ct) =>
        {
            if (body.Value is null && body.Retired is null)
            {
                throw Core.Imports.ImportProblem.BadRequest("Send {\"value\": \"new text\"} to rename the value, {\"retired\": true} to retire it, or {\"retired\": false} to restore it.");
            }

            var entry = body.Value is null ? null : (await lists.RenameAsync(id, body.Value, Actor(http), ct)).Entry;
            if (body.Retired is { } retired)
            {
                entry = await lists.SetRetiredAsync(id, retired, Actor(http), ct);
            }

            return TypedResults.Ok(entry);
        });

        group.MapGet("/usage-limits", async (UsageLimitSettings limits, CancellationToken ct) => TypedResults.Ok(await limits.GetAsync(ct)));
        group.MapPut("/usage-limits", async (UsageLimitsRequest body, HttpContext http, UsageLimitSettings limits, CancellationToken ct) =>
        {
            var current = (await limits.GetAsync(ct)).Effective;
            var wanted = new UsageLimits(body.RowsPerDay ?? current.RowsPerDay, body.RowsPerWeek ?? current.RowsPerWeek, body.RowsPerMonth ?? current.RowsPerMonth);
            return TypedResults.Ok(await limits.SetAsync(wanted, Actor(http), ct));
        });
        group.MapDelete("/usage-limits", async (HttpContext http, UsageLimitSettings limits, CancellationToken ct) =>
            TypedResults.Ok(await limits.ResetAsync(Actor(http), ct)));

        group.MapGet("/features", (ImportDomains domains) => TypedResults.Ok(FeatureSwitches(domains)));
        return group;
    }

    /// <summary>The feature switches of the registered domains and their state; they are set in configuration (a restart applies a change).</summary>
    public static IReadOnlyList<FeatureSwitchDto> FeatureSwitches(ImportDomains domains) =>
        [.. domains.Switches.Select(s => new FeatureSwitchDto(s.Switch.Title, s.Switch.Setting, s.On, s.Switch.Description))];

    private static string Actor(HttpContext http) => AuthEndpoints.NameOf(http.User);
}
