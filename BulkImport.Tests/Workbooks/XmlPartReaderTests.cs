using System.Text;
using System.Xml;
using BulkImport.Core.Workbooks;

namespace BulkImport.Tests.Workbooks;

/// <summary>
/// The byte-level XML reader of workbook parts reads what XML allows a workbook's writer to write (prefixes, entities,
/// CDATA, comments, either quote) as XmlReader would, and refuses what an upload must not bring (a DTD).
/// </summary>
public sealed class XmlPartReaderTests
{
    private static XmlPartReader Reader(string xml) => new(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "xl/worksheets/sheet1.xml");

    /// <summary>Each node as text: "+name[attr=value]" for a start, "-name" for an end, "'text'" for text.</summary>
    private static List<string> Nodes(string xml, params string[] attributes)
    {
        using var reader = Reader(xml);
        var nodes = new List<string>();
        while (reader.Read())
        {
            var name = Encoding.UTF8.GetString(reader.LocalName);
            nodes.Add(reader.Node switch
            {
                XmlPartNode.StartElement => $"+{name}@{reader.Depth}" + string.Concat(attributes
                    .Select(a => reader.GetAttribute(Encoding.UTF8.GetBytes(a)) is { } v ? $"[{a}={v}]" : "")),
                XmlPartNode.EndElement => $"-{name}@{reader.Depth}",
                _ => $"'{Encoding.UTF8.GetString(reader.Text)}'",
            });
        }

        return nodes;
    }

    [Fact]
    public void Elements_attributes_and_text_are_read_with_prefixes_entities_CDATA_and_comments_as_XML_defines_them()
    {
        var xml = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            + "<x:worksheet xmlns:x=\"urn:x\"><!-- a comment with <c> in it --><x:sheetData>"
            + "<x:row r='2'><x:c r=\"A2\" t=\"inlineStr\"><x:is><x:t>Fish &amp; Chips &lt;3 &#233;&#x1F600;</x:t></x:is></x:c>"
            + "<c r = \"B2\" s=\"&quot;1&quot;\"/><c><v><![CDATA[a<b & c]]></v></c><c><v>line\r\nbreak</v></c></x:row>"
            + "</x:sheetData></x:worksheet>";

        Nodes(xml, "r", "s").Should().Equal(
            "+worksheet@0", "+sheetData@1", "+row@2[r=2]", "+c@3[r=A2]", "+is@4", "+t@5", "'Fish & Chips <3 é😀'", "-t@5", "-is@4", "-c@3",
            "+c@3[r=B2][s=\"1\"]", "-c@3", "+c@3", "+v@4", "'a<b & c'", "-v@4", "-c@3", "+c@3", "+v@4", "'line\nbreak'", "-v@4", "-c@3",
            "-row@2", "-sheetData@1", "-worksheet@0");
    }

    [Fact]
    public void Tags_and_text_longer_than_the_buffer_are_read_whole()
    {
        var text = new string('é', 300_000);
        var attribute = new string('a', 200_000);
        Nodes($"<root><t v=\"{attribute}\">{text}</t></root>", "v")
            .Should().Equal("+root@0", $"+t@1[v={attribute}]", $"'{text}'", "-t@1", "-root@0");
    }

    [Theory]
    [InlineData("<!DOCTYPE root [<!ENTITY a \"aaaa\">]><root>&a;</root>", "document type declaration")]
    [InlineData("<root>&a;</root>", "the entity &a;")]
    [InlineData("<root><c></root", "ends inside a tag")]
    [InlineData("<root><c>", "ends before its elements are closed")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><root/>", "ISO-8859-1, not UTF-8")]
    public void What_a_workbook_part_cannot_be_is_refused_naming_the_part(string xml, string reason)
    {
        var read = () =>
        {
            using var reader = Reader(xml);
            while (reader.Read())
            {
                _ = reader.Text;
            }
        };

        read.Should().Throw<XmlException>().WithMessage($"its part 'xl/worksheets/sheet1.xml' is not valid XML: *{reason}*");
    }

    [Fact]
    public void Skipping_to_an_element_finds_its_tags_prefixed_or_not_and_not_its_name_in_text_or_in_a_longer_name()
    {
        var filler = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<c r=\"A{i}\"><v>x:mergeCell {i}</v></c>"));
        var xml = $"<worksheet><sheetData><row>{filler}</row></sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:B1\"/><x:mergeCell ref='C3:C4'></x:mergeCell></mergeCells></worksheet>";
        using var reader = Reader(xml);
        var found = new List<string>();
        while (reader.SkipToStartElement("mergeCell"u8))
        {
            found.Add(reader.GetAttribute("ref"u8)!);
        }

        found.Should().Equal("A1:B1", "C3:C4");
    }
}
