namespace BulkImport.Core.Workbooks;

/// <summary>What <see cref="XmlPartReader"/> is on.</summary>
internal enum XmlPartNode
{
    None,
    StartElement,
    EndElement,
    Text,
}
