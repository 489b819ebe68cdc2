using System.Text.Json.Serialization;
using BulkImport.App.Api;
using BulkImport.App.Components;
using BulkImport.App.Hosting;
using BulkImport.App.Instances;
using BulkImport.App.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddBulkImport(builder.Configuration, builder.Environment);
builder.Services.AddBulkImportAuth(builder.Configuration);
builder.Services.AddScoped<ImportGate>();
builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.AddBulkImportInstances();
builder.Services.AddHostedService<BulkImport.App.Hubs.ProgressRelay>();
builder.Services.AddSingleton<BulkImport.App.Hubs.HubConnections>();
builder.Services.AddHostedService<BulkImport.App.Hubs.HubRevalidation>();
builder.Services.AddRazorComponents().AddInteractiveServerComponents(CircuitLimits.Configure).AddHubOptions(CircuitLimits.Configure);
builder.Services.AddMudServices(mud =>
{
    // Action messages appear at the top centre, under the app bar: bottom right they stacked over the grid's pager and
    // over Confirm & Import, and a click meant for the button went to the message. At most two at a time, the newest
    // first, so a burst of saves does not build a column of them.
    mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.TopCenter;
    mud.SnackbarConfiguration.VisibleStateDuration = 3000;
    mud.SnackbarConfiguration.MaxDisplayedSnackbars = 2;
    mud.SnackbarConfiguration.NewestOnTop = true;
    mud.SnackbarConfiguration.PreventDuplicates = false;
});
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemHandler>();
// A request the framework cannot bind (a page that is not a number, a body that is not JSON) reaches ProblemHandler,
// which words it, in every environment: by default only Development throws, and elsewhere the answer had no detail.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddSingleton<ApiStatusProblems>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler>(sp => sp.GetRequiredService<ApiStatusProblems>());
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

var app = builder.Build();
if (StartSettings.Problems(app.Services) is { } problems)
{
    Console.Error.WriteLine($"BulkImport did not start: a setting cannot be used.{Environment.NewLine}{problems}");
    return 1;
}

app.UseExceptionHandler();
if (!app.Environment.IsDevelopment())
{
    // Behind a proxy that ends TLS, set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so the original scheme is seen.
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseMiddleware<SecurityHeaders>();
app.UseMiddleware<NoStoreResponses>();
app.UseMiddleware<AddressesWithoutEndpoint>();
// A browser that asks for a page the app does not have gets the Not Found page; the API and programs get problem
// details, written by the inner middleware, so the outer one leaves them be. (Re-execution must be on the app itself:
// a UseWhen branch has no routing of its own to find /not-found.)
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseWhen(c => !ApiStatusProblems.IsPageNavigation(c), other => other.UseStatusCodePages(ApiStatusProblems.Handler()));
app.UseMiddleware<BlankQueryValues>();
app.UseAuthentication();
app.UseMiddleware<BearerTokenRevalidation>();
app.UseAuthorization();
app.UseAntiforgery();

if (app.Environment.IsDevelopment())
{
    // Signed-in users only, like everything but sign-in and /health.
    app.MapOpenApi();
}

app.MapStaticAssets().AllowAnonymous();
app.MapHealthApi();
app.MapAuthApi();
app.MapImportsApi();
app.MapFixesApi();
app.MapDiscrepanciesApi();
app.MapMappingsApi();
app.MapClientsApi();
app.MapTemplatesApi();
app.MapCoursesApi();
app.MapUsageApi();
app.MapAdminApi();
app.MapAlertsApi();
app.MapReportApi();
app.MapUndoApi();
app.MapHub<BulkImport.App.Hubs.ImportProgressHub>(BulkImport.App.Hubs.ImportProgressHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
    foreach (var address in addresses ?? [])
    {
        Console.WriteLine($"BulkImport is ready: open {address}/imports in your browser.");
    }
});

app.Run();
return 0;

/// <summary>The app's entry point, public for the test host.</summary>
public partial class Program;
