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
            // Chips and counts carry white text on these: each is at least 4.5:1 against white (WCAG 2.1 AA).
            Info = "#1971c2",
            Success = "#2f7d32",
            Warning = "#a85400",
            Error = "#c92a2a",
            AppbarBackground = "#3b5bdb",
            Background = "#f8f9fa",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        PaletteDark = new PaletteDark
        {
            // Light enough for 4.5:1 on the dark surfaces (WCAG 2.1 AA), checked by axe in the browser tests.
            Primary = "#91a7ff",
            Secondary = "#3bc9db",
            Info = "#74c0fc",
            Success = "#69db7c",
            Warning = "#ffa94d",
            Error = "#ffa8a8",
            AppbarBackground = "#1e2a5a",
            // The dark palette's colours are light: their chips carry dark text (white on them is below 3:1).
            PrimaryContrastText = "#10121a",
            SecondaryContrastText = "#10121a",
            InfoContrastText = "#10121a",
            SuccessContrastText = "#10121a",
            WarningContrastText = "#10121a",
            ErrorContrastText = "#10121a",
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.74)",
            // The default stripes and hover are light enough to take table text below 4.5:1.
            TableStriped = "rgba(255,255,255,0.04)",
            TableHover = "rgba(255,255,255,0.08)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Liberation Sans", "Arial", "sans-serif"] },
        },
    };
}
