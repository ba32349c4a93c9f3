using System.Reflection;
using Plotly.NET;

namespace Autoencoders.Interactive;

/// <summary>Turns a Plotly.NET chart into notebook HTML that draws offline.</summary>
/// <remarks>The first chart of a kernel session carries plotly.js itself (from the copy built into Plotly.NET), so a
/// notebook executed here and opened later without a network still shows every chart; later charts reuse it. If that
/// first output is gone (cleared in the editor), a chart falls back to loading plotly.js from its CDN.</remarks>
sealed class ChartHtml
{
    const string CdnUrl = "https://cdn.plot.ly/plotly-2.28.0.min.js";
    static readonly Lazy<string> PlotlyJs = new(ReadPlotlyJs);
    bool plotlyEmitted;

    public string Render(GenericChart chart)
    {
        var id = "chart-" + Guid.NewGuid().ToString("N");
        var figure = GenericChart.toFigureJson(chart);
        var library = "";
        if (!plotlyEmitted)
        {
            library = $"<script type=\"text/javascript\">{PlotlyJs.Value}</script>";
            plotlyEmitted = true;
        }
        return $$"""
            {{library}}<div id="{{id}}"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure}};
              function draw() { window.Plotly.newPlot("{{id}}", figure.data, figure.layout, {responsive: true}); }
              if (window.Plotly) { draw(); return; }
              var script = document.createElement("script");
              script.src = "{{CdnUrl}}";
              script.onload = draw;
              document.head.appendChild(script);
            })();
            </script>
            """;
    }

    static string ReadPlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal)
            && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        // A literal "</script>" inside the library would end the script element early.
        return reader.ReadToEnd().Replace("</script>", "<\\/script>", StringComparison.OrdinalIgnoreCase);
    }
}
