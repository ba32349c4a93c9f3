using Plotly.NET;

namespace Autoencoders.Charts;

/// <summary>A score against a budget (labels per class, code size, noise level …), one line per variant through the
/// mean over seeds, with every seed's own value as a faint dot of the same colour: the mean says which variant wins
/// where, the dots say whether the difference is larger than what changing the seed alone does.</summary>
/// <example><code>
/// SweepChart.Create(runs.Select(r => (r.Start, (double)r.PerClass, r.Accuracy)).ToList(),
///     xTitle: "labelled images per class", yTitle: "test accuracy")
/// </code></example>
public static class SweepChart
{
    // Plotly's own default colours, assigned here so that a line and its dots share one.
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>One line per distinct <c>Series</c> (in order of first appearance) through the mean
    /// <c>Value</c> at each <c>X</c>, and one dot per run. A logarithmic x axis (<paramref name="logX"/>) spaces
    /// budgets such as 1, 3, 10, 30, 100 evenly.</summary>
    public static GenericChart Create(IReadOnlyList<(string Series, double X, double Value)> runs, string xTitle,
        string yTitle, string? title = null, bool logX = true)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("No runs to draw.", nameof(runs));
        if (logX && runs.Any(r => r.X <= 0))
            throw new ArgumentException("A logarithmic x axis needs positive x values; pass logX: false.", nameof(runs));
        var series = runs.Select(r => r.Series).Distinct().ToList();
        var traces = new List<GenericChart>();
        for (var i = 0; i < series.Count; i++)
        {
            var colour = Palette[i % Palette.Length];
            var members = runs.Where(r => r.Series == series[i]).ToList();
            var means = members.GroupBy(r => r.X).OrderBy(g => g.Key).Select(g => (X: g.Key, Mean: g.Average(r => r.Value))).ToList();
            traces.Add(ChartLayout.WithTraceAttributes(
                Plotly.NET.CSharp.Chart.Line<double, double, string>(means.Select(m => m.X), means.Select(m => m.Mean),
                    ShowMarkers: true, Name: series[i], ShowLegend: true),
                ("line", ChartLayout.Object(("color", colour))), ("marker", ChartLayout.Object(("color", colour)))));
            traces.Add(ChartLayout.WithTraceAttributes(
                Plotly.NET.CSharp.Chart.Point<double, double, string>(members.Select(r => r.X), members.Select(r => r.Value),
                    Name: series[i], ShowLegend: false),
                ("marker", ChartLayout.Object(("color", colour), ("opacity", 0.35), ("size", 6)))));
        }
        var xaxis = ChartLayout.Object(("title", ChartLayout.Title(xTitle)));
        if (logX) xaxis.SetProperty("type", "log");
        var layout = new List<(string, object)>
        {
            ("xaxis", xaxis),
            ("yaxis", ChartLayout.Object(("title", ChartLayout.Title(yTitle)))),
            ("width", 760), ("height", 480),
        };
        if (title is not null) layout.Add(("title", ChartLayout.Title(title)));
        return ChartLayout.With(Plotly.NET.CSharp.Chart.Combine(traces), layout.ToArray());
    }
}
