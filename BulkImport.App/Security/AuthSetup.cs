using BulkImport.App.Hosting;
using BulkImport.Core.Data;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Security;

/// <summary>
/// ASP.NET Core Identity on the product's database: a cookie for the browser, bearer tokens for the API
/// (Identity's API scheme picks bearer when an Authorization header is sent), and the policies of SPEC section 1.
/// </summary>
public static class AuthSetup
{
    private const string ChallengeScheme = "BulkImport.Challenge";
    private const string AuthenticateScheme = "BulkImport.Authenticate";

    public static IServiceCollection AddBulkImportAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SeedOptions>(configuration, SeedOptions.Section);
        services.AddBulkImportKeyRing();
        services.AddIdentityApiEndpoints<AppUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BulkImportDbContext>();
        // Identity's lockout follows the sign-in limit (SPEC 22: 10 failures a minute per account): locked at the failure
        // that reaches it, for one window. Its default, 5 minutes, outlasted the Retry-After the limit answers.
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.Lockout.MaxFailedAccessAttempts = Math.Max(1, security.Value.FailedSignInsPerAccount);
            o.Lockout.DefaultLockoutTimeSpan = security.Value.SignInLimitWindow;
        });

        // Identity's API scheme challenges with bearer (a bare 401); a person in a browser is sent to the sign-in page instead.
        // The API (but for the downloads the pages link to) authenticates bearer tokens only, never the cookie (BrowserDownload).
        services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = AuthenticateScheme;
                o.DefaultChallengeScheme = ChallengeScheme;
                o.DefaultForbidScheme = ChallengeScheme;
            })
            .AddPolicyScheme(AuthenticateScheme, null, o => o.ForwardDefaultSelector = BrowserDownload.SchemeFor)
            .AddPolicyScheme(ChallengeScheme, null, o => o.ForwardDefaultSelector = context =>
                BrowserDownload.IsForPrograms(context) || context.Request.Headers.Authorization.Count > 0
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

        // Cookies only over HTTPS outside Development (Development runs on plain http://localhost).
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IHostEnvironment>((o, environment) => o.Cookie.SecurePolicy = SecurePolicy(environment));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "BulkImport.Antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IHostEnvironment>((o, environment) => o.Cookie.SecurePolicy = SecurePolicy(environment));

        // A disabled user, or one whose groups or password changed, loses their session within the interval.
        services.AddSettings<SecurityOptions>(configuration, SecurityOptions.Section);
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SecurityOptions>>((o, security) => o.ValidationInterval = security.Value.RevalidationInterval);
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitRevalidation>();

        // Signing in is not enough: a user in no permission group (created without one, or whose last group was taken)
        // gets nothing but the page that says to ask an administrator. [Authorize] without a policy (every page) and
        // every endpoint that names none use this too.
        var member = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(member)
            .AddPolicy(Policies.SignedIn, member)
            .AddPolicy(Policies.Import, p => p.RequireRole(Roles.Importer, Roles.Admin))
            .AddPolicy(Policies.WatchAll, p => p.RequireRole(Roles.Supervisor, Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Replay, p => p.RequireRole(Roles.Support, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .SetFallbackPolicy(member);
        services.AddCascadingAuthenticationState();
        services.AddSingleton<LocalSignInCounts>();
        services.AddSingleton<RedisSignInCounts>();
        services.AddSingleton<SignInLimiter>();
        services.AddSingleton<CurrentUsers>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<UserSeeder>();
        services.AddScoped<UserAdministration>();
        return services;
    }

    /// <summary>The rules for users and passwords (also used by tests of user administration).</summary>
    public static void ConfigureIdentity(IdentityOptions o)
    {
        o.User.RequireUniqueEmail = true;
        o.Password.RequiredLength = 8;
        o.Password.RequireNonAlphanumeric = false;
    }

    private static Microsoft.AspNetCore.Http.CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest : Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;

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
