using Bunit;
using BulkImport.App.Components.Mapping;
using BulkImport.Core.Imports.Mapping;
using MudBlazor;

namespace BulkImport.Tests.Components;

/// <summary>The mapping screen (SPEC 16): samples, a dropdown per file column with required columns marked, problems said before Continue, Save as Card Template.</summary>
public sealed class ColumnMappingPanelTests : ComponentTest
{
    private static MappingView PartnerView(MappingReason reason = MappingReason.RequiredColumnMissing) => new(
        [
            new FileColumnView("Given Name", ["Ann", "Bo", "Cy"], "First Name"),
            new FileColumnView("Surname", ["Lee", "Ng", "Xu"], null),
            new FileColumnView("Notes", [], null),
        ],
        [new TemplateColumnView("Client ID", false), new TemplateColumnView("First Name", true), new TemplateColumnView("Last Name", true), new TemplateColumnView("Email", false)],
        reason, null);

    private IRenderedComponent<MudPopoverProvider>? _popovers;

    private IRenderedComponent<ColumnMappingPanel> RenderPanel(MappingView view, Action<MappingChoice> onContinue, bool canChange = true)
    {
        _popovers = RenderPopovers();
        return Render<ColumnMappingPanel>(p => p
            .Add(x => x.View, view)
            .Add(x => x.CanChange, canChange)
            .Add(x => x.OnContinue, onContinue));
    }

    private static Task ChooseAsync(IRenderedComponent<ColumnMappingPanel> cut, int row, string templateColumn)
    {
        var select = cut.FindComponents<MudSelect<string>>()[row];
        return cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(templateColumn));
    }

    [Fact]
    public void Each_file_column_shows_its_samples_and_its_suggestion_and_required_columns_are_marked()
    {
        var cut = RenderPanel(PartnerView(), _ => { });

        cut.FindAll("[data-testid=mapping-row]").Select(r => r.GetAttribute("data-column")).Should().Equal("Given Name", "Surname", "Notes");
        cut.FindAll("[data-testid=mapping-samples]")[0].TextContent.Should().Contain("Ann").And.Contain("Bo").And.Contain("Cy");
        cut.FindAll("[data-testid=mapping-samples]")[2].TextContent.Should().Contain("(no values in the first rows)");
        cut.FindComponents<MudSelect<string>>().Should().HaveCount(3);
        cut.FindAll("[data-testid=mapping-choice]")[1].Closest(".mud-input-control")!.MouseDown();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).Should()
            .Equal("Ignore this column", "Client ID", "First Name *", "Last Name *", "Email"));
        cut.Find("[data-testid=mapping-problem]").TextContent.Should().Be("Required column Last Name is not mapped: choose the file column that holds it.",
            "Given Name starts on its suggestion, First Name; the others start ignored");
        cut.FindAll("[data-testid=row-one-header]").Should().BeEmpty();
    }

    [Fact]
    public async Task Continue_waits_until_the_mapping_is_acceptable_then_raises_it_with_the_Card_Template_name()
    {
        MappingChoice? chosen = null;
        var cut = RenderPanel(PartnerView(), c => chosen = c);
        cut.Find("[data-testid=continue-to-validation]").HasAttribute("disabled").Should().BeTrue();

        await ChooseAsync(cut, 1, "First Name");
        cut.FindAll("[data-testid=mapping-problem]").Select(p => p.TextContent).Should().Contain("'Given Name' and 'Surname' are both mapped to First Name: choose one of them for it.");
        await ChooseAsync(cut, 1, "Last Name");
        cut.FindAll("[data-testid=mapping-problem]").Should().BeEmpty();

        await cut.InvokeAsync(() => cut.FindComponent<MudCheckBox<bool>>().Instance.ValueChanged.InvokeAsync(true));
        cut.Find("[data-testid=continue-to-validation]").HasAttribute("disabled").Should().BeTrue("a Card Template needs a name");
        await cut.InvokeAsync(() => cut.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("Partner A"));
        cut.Find("[data-testid=continue-to-validation]").Click();

        chosen.Should().NotBeNull();
        chosen!.SaveAs.Should().Be("Partner A");
        chosen.Columns.Should().Equal(new Dictionary<string, string?> { ["Given Name"] = "First Name", ["Surname"] = "Last Name", ["Notes"] = null });
    }

    [Fact]
    public void Row_1_taken_as_the_header_is_said_and_a_viewer_who_may_not_map_sees_no_controls()
    {
        var cut = RenderPanel(PartnerView(MappingReason.RowOneTakenAsHeader), _ => { }, canChange: false);

        cut.Find("[data-testid=row-one-header]").TextContent.Should().Contain("row 1 was taken as the header");
        cut.FindAll("[data-testid=continue-to-validation]").Should().BeEmpty();
        cut.FindComponents<MudSelect<string>>().Should().OnlyContain(s => s.Markup.Contains("mud-disabled"));
    }
}
