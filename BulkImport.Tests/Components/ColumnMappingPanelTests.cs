using Bunit;
using BulkImport.App.Components.Mapping;
using BulkImport.Core.Domains.Clients;
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

    /// <summary>A Client file with an SSN under a name nothing suggests, and one the synonyms suggest for SSN; built as the app builds it.</summary>
    private static MappingView SsnView()
    {
        var client = new ClientDomain();
        return new MappingView(
            [
                FileColumnView.Of(client, "Given Name", ["Ann", "Bo"], "First Name"),
                FileColumnView.Of(client, "Tax Number", ["123-45-6789", "234567890"], null),
                FileColumnView.Of(client, "Social Security Number", ["345-67-8901", "456789012"], "SSN"),
            ],
            [.. client.Columns.Select(c => new TemplateColumnView(c, false))],
            MappingReason.Requested, null);
    }

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
    public async Task A_column_mapped_to_SSN_by_hand_shows_its_samples_masked_at_once_and_in_full_again_once_unmapped()
    {
        var cut = RenderPanel(SsnView(), _ => { });
        string Samples(int row) => cut.FindAll("[data-testid=mapping-samples]")[row].TextContent;
        Samples(1).Should().Contain("123-45-6789", "nothing is suggested for Tax Number: its values are not known to be SSNs");

        await ChooseAsync(cut, 2, ColumnMappingPanel.Ignore);
        await ChooseAsync(cut, 1, "SSN");

        Samples(1).Should().Contain("***-**-6789").And.Contain("***-**-7890");
        cut.Markup.Should().NotContain("123-45-6789").And.NotContain("234567890");

        await ChooseAsync(cut, 1, ColumnMappingPanel.Ignore);
        Samples(1).Should().Contain("123-45-6789", "ignored, the column shows its values as any other column");
    }

    [Fact]
    public async Task A_column_suggested_for_SSN_never_shows_its_samples_in_full_even_when_mapped_elsewhere()
    {
        var cut = RenderPanel(SsnView(), _ => { });
        string Samples(int row) => cut.FindAll("[data-testid=mapping-samples]")[row].TextContent;
        Samples(2).Should().Contain("***-**-8901").And.Contain("***-**-9012");

        await ChooseAsync(cut, 2, ColumnMappingPanel.Ignore);
        Samples(2).Should().Contain("***-**-8901", "the screen was never given these values in full");
        await ChooseAsync(cut, 2, "SSN");
        Samples(2).Should().Contain("***-**-8901").And.Contain("***-**-9012").And.NotContain("***-**-****", "masked once, not masked again");
        cut.Markup.Should().NotContain("345-67-8901").And.NotContain("456789012");
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
