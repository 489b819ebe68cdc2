using BulkImport.Tests.Support;
using Microsoft.Playwright;

namespace BulkImport.Tests.Browser;

/// <summary>The app on a loopback port and one headless Chromium, shared by the tests of a class; each test gets its own browser context (its own cookies).</summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private readonly List<IBrowserContext> _contexts = [];

    public BrowserApp()
        : this(null)
    {
    }

    internal BrowserApp(Dictionary<string, string?>? settings) => App = new TestApp(settings);

    public TestApp App { get; }

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        BaseUrl = App.StartOnLoopback();
        (_playwright, Browser) = await Support.Browser.LaunchAsync();
    }

    /// <summary>A new page in a fresh context, signed in as the demo user of <paramref name="role"/> (or not signed in), with console errors collected.</summary>
    public async Task<(IPage Page, List<string> ConsoleErrors)> PageAsync(string? role = null)
    {
        var context = await Browser.NewContextAsync();
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        if (role is not null)
        {
            await Support.Browser.SignInAsync(page, BaseUrl, role);
        }

        return (page, errors);
    }

    /// <summary>An API client on the real port, signed in as the demo user of <paramref name="role"/>.</summary>
    public Task<ApiClient> ApiAsync(string role) => App.ApiAsync(role, new HttpClient { BaseAddress = new Uri(BaseUrl) });

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
