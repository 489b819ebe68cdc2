using BulkImport.Core.Data;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace BulkImport.App.Security;

/// <summary>
/// ASP.NET Core Identity on the product's database: a cookie for the browser, bearer tokens for the API
/// (Identity's API scheme picks bearer when an Authorization header is sent), and the policies of SPEC section 1.
/// </summary>
public static class AuthSetup
{
    private const string ChallengeScheme = "BulkImport.Challenge";

    public static IServiceCollection AddBulkImportAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BulkImportDbContext>();

        // Identity's API scheme challenges with bearer (a bare 401); a person in a browser is sent to the sign-in page instead.
        services.AddAuthentication(o =>
            {
                o.DefaultChallengeScheme = ChallengeScheme;
                o.DefaultForbidScheme = ChallengeScheme;
            })
            .AddPolicyScheme(ChallengeScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs") || context.Request.Headers.Authorization.Count > 0
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme);

        // SignalR clients send the bearer token in the query string on WebSocket connections.
        services.Configure<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
            o.Events.OnMessageReceived = context =>
            {
                if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            });

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "BulkImport.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // An API caller gets a status code, never an HTML redirect.
            o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Import, p => p.RequireRole(Roles.Importer, Roles.Admin))
            .AddPolicy(Policies.WatchAll, p => p.RequireRole(Roles.Supervisor, Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Replay, p => p.RequireRole(Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<UserSeeder>();
        return services;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
