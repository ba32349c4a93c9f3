using Plotly.NET;

namespace Autoencoders.Charts;

/// <summary>Several named series against one shared x axis, with markers on every measured point: a figure for a
/// sweep (reconstruction error against code size, PSNR against the noise level), where the points are the
/// measurements and the lines only guide the eye from one setting to the next.</summary>
/// <example><code>
/// LineChart.Create(codeSizes, [("PCA", pcaErrors), ("autoencoder", aeErrors)], "code size", "test MSE", logX: true)
/// </code></example>
public static class LineChart
{
    /// <summary>Above this many x values the ticks are left to plotly; below it every measured x gets its own tick, so
    /// a sweep over 2, 4, …, 64 reads off its settings exactly.</summary>
    public const int MaxLabelledTicks = 12;

    /// <summary>One line per series over the values <paramref name="x"/>; each series holds one value per x. A
    /// logarithmic x axis (<paramref name="logX"/>) spaces doubling settings evenly; a logarithmic y axis
    /// (<paramref name="logY"/>) shows errors that shrink by factors.</summary>
    public static GenericChart Create(IReadOnlyList<double> x, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series,
        string xTitle, string yTitle, string? title = null, bool logX = false, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        if (x.Count == 0) throw new ArgumentException("No x values.", nameof(x));
        if (series.Count == 0) throw new ArgumentException("No series.", nameof(series));
        var wrong = series.FirstOrDefault(s => s.Values.Count != x.Count);
        if (wrong.Values is not null)
            throw new ArgumentException($"Series '{wrong.Name}' has {wrong.Values.Count} values for {x.Count} x values.", nameof(series));

        var chart = Plotly.NET.CSharp.Chart.Combine(series.Select(s =>
            Plotly.NET.CSharp.Chart.Line<double, double, string>(x, s.Values, ShowMarkers: true, Name: s.Name, ShowLegend: true)));
        var xaxis = ChartLayout.Object(("title", ChartLayout.Title(xTitle)));
        if (logX) xaxis.SetProperty("type", "log");
        if (x.Count <= MaxLabelledTicks) xaxis.SetProperty("tickvals", x.ToArray());
        var yaxis = ChartLayout.Object(("title", ChartLayout.Title(yTitle)));
        if (logY) yaxis.SetProperty("type", "log");
        var layout = new List<(string, object)> { ("xaxis", xaxis), ("yaxis", yaxis), ("width", 700), ("height", 450) };
        if (title is not null) layout.Add(("title", ChartLayout.Title(title)));
        return ChartLayout.With(chart, layout.ToArray());
    }
}
