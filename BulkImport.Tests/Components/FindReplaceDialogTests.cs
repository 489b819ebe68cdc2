using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports.Fixes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BulkImport.Tests.Components;

/// <summary>The find and replace dialog (SPEC 20) says in its own words what it needs before anything is sent.</summary>
public sealed class FindReplaceDialogTests : ComponentTest
{
    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(FixMatch match, string? find)
    {
        RenderPopovers();
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<FindReplaceDialog>
        {
            { d => d.Columns, new[] { "Email", "Language" } },
            { d => d.Column, "Email" },
            { d => d.Find, find },
            { d => d.Match, match },
        };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<FindReplaceDialog>("Find and replace", parameters));
        return dialogs;
    }

    [Fact]
    public async Task Anywhere_in_the_cell_with_nothing_to_find_says_so_and_Replace_all_waits()
    {
        var dialogs = await OpenAsync(FixMatch.Contains, find: null);

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=fix-submit]").HasAttribute("disabled").Should().BeTrue());
        dialogs.Markup.Should().Contain("Type the text to find").And.Contain("choose 'Whole cell' and leave Find empty")
            .And.NotContain("\"match\"", "the API's field names are not words of this screen");
    }

    [Theory]
    [InlineData(FixMatch.Exact, null)]
    [InlineData(FixMatch.Contains, "example.org")]
    public async Task Replace_all_is_offered_for_a_whole_blank_cell_or_text_to_find(FixMatch match, string? find)
    {
        var dialogs = await OpenAsync(match, find);

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=fix-submit]").HasAttribute("disabled").Should().BeFalse());
        dialogs.Markup.Should().NotContain("Type the text to find");
    }
}
