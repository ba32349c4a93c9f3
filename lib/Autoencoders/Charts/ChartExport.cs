using Plotly.NET;

namespace Autoencoders.Charts;

/// <summary>Saves charts as single HTML files that open anywhere, offline included: plotly.js (about 3.6 MB) is
/// embedded instead of loaded from a CDN, so a chart saved with a lesson still renders years later.</summary>
/// <example><code>
/// ChartExport.SaveHtml(ImageGrid.Compare(x, reconstructions), "figures/deep-autoencoder");
/// </code></example>
public static class ChartExport
{
    /// <summary>The complete HTML page of the chart with plotly.js inlined.</summary>
    public static string ToSelfContainedHtml(GenericChart chart)
    {
        var options = DisplayOptions.init(null, null, null, null, null, null,
            Microsoft.FSharp.Core.FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));
        return GenericChart.toEmbeddedHTML(GenericChart.addDisplayOptions(options, chart));
    }

    /// <summary>Writes the self-contained page to <paramref name="path"/> (".html" is added when missing) and returns
    /// the full path written.</summary>
    public static string SaveHtml(GenericChart chart, string path)
    {
        if (!path.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) path += ".html";
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, ToSelfContainedHtml(chart));
        return full;
    }
}
