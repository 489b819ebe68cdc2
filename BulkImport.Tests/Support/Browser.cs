using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BulkImport.Tests.Support;

/// <summary>Headless Debian Chromium driven by Playwright (it cannot download its own browsers here).</summary>
public static class Browser
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("BULKIMPORT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>
    /// How long an Expect waits (Playwright's default is 5 s). Set for every browser test here, not by some classes:
    /// it is process-wide, so a class that did not set it waited 5 s or 15 s depending on which class ran first, and
    /// staging and commits share a loaded CI machine with the other test classes.
    /// </summary>
    private const float ExpectTimeout = 15_000;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeout);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>Waits until the Blazor circuit is live (the prerendered page has no handlers yet).</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Waits until the page's fonts and images have loaded, so a screenshot or a contrast check sees the page as a
    /// person does. Not Playwright's NetworkIdle, which needs half a second with no request in flight: a page on a live
    /// Blazor circuit need never give it (Playwright's documentation discourages it for that), and it timed out at 30 s
    /// on a loaded CI machine (2026-12-07).
    /// </summary>
    public static Task WaitForFontsAndImagesAsync(IPage page) =>
        page.WaitForFunctionAsync(
            "() => document.fonts.status === 'loaded' && Array.from(document.images).every(i => i.complete)",
            null,
            new PageWaitForFunctionOptions { Timeout = NavigationTimeout });

    /// <summary>How long a test waits for the page to reach an address or open its menu, as Playwright's navigation waits do: a sign-in or a first page load takes seconds on a loaded CI machine.</summary>
    private const float NavigationTimeout = 30_000;

    /// <summary>
    /// Waits until the page's address matches <paramref name="pattern"/> (a regular expression), polling it: a link
    /// inside the app changes the address with pushState, which a wait for a navigation event can miss.
    /// </summary>
    public static Task ExpectAddressAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern), new() { Timeout = NavigationTimeout });

    /// <summary>
    /// Follows a link of the navigation drawer as a person does: the pointer rests on it, the drawer opens (it is a
    /// narrow strip of icons that opens on hover), then the click. A click landing just as the drawer opens under the
    /// pointer can reach the menu instead of the link (measured: 2-3 clicks in 40 under load), so the test waits for it.
    /// </summary>
    public static async Task FollowMenuLinkAsync(IPage page, string name)
    {
        var drawer = page.Locator("[data-testid=nav-drawer]");
        var link = drawer.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await link.HoverAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new Regex(@"\bmud-drawer--open\b"), new() { Timeout = NavigationTimeout });
        await link.ClickAsync();
    }

    /// <summary>Signs in through the sign-in page as the demo user of a permission group.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string role)
    {
        var (email, password) = TestApp.DemoUser(role);
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = NavigationTimeout });
    }

    /// <summary>
    /// Chooses a file in the upload drop zone as a person does, once the zone can take it: Blazor's InputFile listens
    /// for the file only after its script has run (InputFile.init, which sets <c>_blazorInputFileNextFileId</c> on the
    /// element and adds the listener in the same step). A file set before that, which a loaded machine allows right
    /// after the step is rendered, was silently lost (the CI failure "element(s) not found 'cna-101.csv'").
    /// </summary>
    public static async Task ChooseFileAsync(IPage page, FilePayload file)
    {
        const string selector = "input[type=file][data-testid=upload-input]";
        await page.WaitForFunctionAsync(
            "selector => document.querySelector(selector)?._blazorInputFileNextFileId !== undefined",
            selector,
            new() { Timeout = NavigationTimeout, PollingInterval = 50 });
        await page.Locator(selector).SetInputFilesAsync(file);
    }

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
