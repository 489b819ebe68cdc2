using MudBlazor;

namespace BulkImport.App.Components.Layout;

/// <summary>The product's light and dark palettes (system fonts only: no web fonts can be fetched).</summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3b5bdb",
            Secondary = "#0b7285",
            Info = "#1c7ed6",
            Success = "#2b8a3e",
            Warning = "#e67700",
            Error = "#c92a2a",
            AppbarBackground = "#3b5bdb",
            Background = "#f8f9fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#748ffc",
            Secondary = "#3bc9db",
            Info = "#4dabf7",
            Success = "#69db7c",
            Warning = "#ffa94d",
            Error = "#ff6b6b",
            AppbarBackground = "#1e2a5a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Liberation Sans", "Arial", "sans-serif"] },
        },
    };
}
