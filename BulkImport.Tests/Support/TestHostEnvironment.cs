using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace BulkImport.Tests.Support;

/// <summary>A host environment of a given name (Development, Production) for services that behave differently in each.</summary>
public sealed class TestHostEnvironment(string name) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = name;
    public string ApplicationName { get; set; } = "BulkImport.App";
    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
