using Bunit;
using BulkImport.App.Components.Shared;
using Microsoft.AspNetCore.Components.Forms;

namespace BulkImport.Tests.Components;

public sealed class UploadDropZoneTests : ComponentTest
{
    [Fact]
    public void States_the_drop_area_Browse_Files_and_the_limits()
    {
        var cut = Render<UploadDropZone>(p => p.Add(x => x.MaxFileBytes, 256L * 1024 * 1024).Add(x => x.MaxDataRows, 1_000_000));

        cut.Find("[data-testid=drop-zone]").TextContent.Should().Contain("Drag and drop your CSV or Excel file here");
        cut.Find("[data-testid=browse-files]").TextContent.Trim().Should().Be("Browse Files");
        var limits = cut.Find("[data-testid=upload-limits]").TextContent;
        limits.Should().Contain("256 MiB").And.Contain("1,000,000 rows").And.Contain(".csv").And.Contain(".xlsx");
        cut.FindAll("[data-testid=chosen-file]").Should().BeEmpty();
    }

    [Fact]
    public void The_test_id_lands_on_the_file_input_that_accepts_csv()
    {
        var cut = Render<UploadDropZone>();

        var input = cut.Find("input[type=file]");
        input.GetAttribute("data-testid").Should().Be("upload-input");
        input.GetAttribute("accept").Should().Contain(".csv");
    }

    [Fact]
    public void Choosing_a_file_raises_it()
    {
        IBrowserFile? chosen = null;
        var raised = 0;
        var cut = Render<UploadDropZone>(p => p.Add(x => x.OnFileChosen, f => { chosen = f; raised++; }));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("First Name,Last Name\nAnn,Smith\n", "clients.csv", contentType: "text/csv"));

        raised.Should().Be(1);
        chosen.Should().NotBeNull();
        chosen!.Name.Should().Be("clients.csv");
        chosen.Size.Should().Be("First Name,Last Name\nAnn,Smith\n".Length);
        cut.FindAll("[data-testid=upload-error]").Should().BeEmpty();
    }

    [Fact]
    public void The_chosen_file_name_and_size_are_shown_below_the_zone()
    {
        var cut = Render<UploadDropZone>(p => p.Add(x => x.FileName, "clients.csv").Add(x => x.FileSize, 2048L));

        cut.Find("[data-testid=chosen-file-name]").TextContent.Should().Be("clients.csv");
        cut.Find("[data-testid=chosen-file]").TextContent.Should().Contain("2.0 KiB");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_with_the_limit_named()
    {
        var raised = new List<IBrowserFile?>();
        var cut = Render<UploadDropZone>(p => p.Add(x => x.MaxFileBytes, 1024L * 1024).Add(x => x.OnFileChosen, f => raised.Add(f)));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[1024 * 1024 + 1], "big.csv", contentType: "text/csv"));

        raised.Should().Equal([null]);
        cut.Find("[data-testid=upload-error]").TextContent.Should().Contain("big.csv").And.Contain("over the 1 MiB limit");
    }

    [Fact]
    public void A_file_that_is_not_csv_or_xlsx_is_refused_with_what_to_do()
    {
        // SPEC 17: an .xlsx is accepted now; a PDF is still not.
        var raised = new List<IBrowserFile?>();
        var cut = Render<UploadDropZone>(p => p.Add(x => x.OnFileChosen, f => raised.Add(f)));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0x25, 0x50, 0x44, 0x46], "clients.pdf"));

        raised.Should().Equal([null]);
        cut.Find("[data-testid=upload-error]").TextContent.Should().Contain("not a CSV file or an Excel workbook").And.Contain("Save it as CSV");
    }

    [Fact]
    public void An_xlsx_is_accepted_and_an_xls_is_refused_with_save_it_as_xlsx_or_csv()
    {
        var raised = new List<IBrowserFile?>();
        var cut = Render<UploadDropZone>(p => p.Add(x => x.OnFileChosen, f => raised.Add(f)));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0x50, 0x4B, 3, 4], "clients.xlsx"));
        raised.Should().ContainSingle().Which!.Name.Should().Be("clients.xlsx");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0xD0, 0xCF, 0x11, 0xE0], "clients.xls"));
        raised[^1].Should().BeNull();
        cut.Find("[data-testid=upload-error]").TextContent.Should().Contain("Save it as .xlsx or CSV")
            .And.Contain("a web page or XML file a program exported", "an .xls may be an HTML or XML export; only its name is known here");
    }

    [Fact]
    public void Disabled_while_sending()
    {
        var cut = Render<UploadDropZone>(p => p.Add(x => x.Disabled, true));

        cut.Find("[data-testid=browse-files]").HasAttribute("disabled").Should().BeTrue();
        cut.Find("input[type=file]").HasAttribute("disabled").Should().BeTrue();
    }
}
