using Autoencoders.Analysis;
using Plotly.NET;

namespace Autoencoders.Charts;

/// <summary>A confusion matrix as an annotated heatmap (true class down, predicted class across): the off-diagonal
/// hot spots are the confusions worth discussing.</summary>
/// <example><code>
/// ConfusionMatrixChart.Create(ConfusionMatrix.From(test.Labels, model.Predict(testCodes)), normalize: true)
/// </code></example>
public static class ConfusionMatrixChart
{
    // White for empty cells to dark blue for the fullest (ColorBrewer "Blues" end points): plotly.js's own "Blues"
    // runs the other way, dark for small values, which would hide the diagonal.
    private static readonly object[][] Colours = [[0.0, "rgb(247,251,255)"], [1.0, "rgb(8,48,107)"]];

    /// <summary>Heatmap of the counts, or with <paramref name="normalize"/> of each true class's row shares (so rare
    /// and common classes read on the same scale). Every cell is labelled with its value, in white on dark cells.</summary>
    public static GenericChart Create(ConfusionMatrix matrix, bool normalize = false, string? title = null)
    {
        int c = matrix.ClassCount;
        var z = matrix.ToRows().Select(row =>
        {
            double total = row.Sum();
            return row.Select(v => normalize ? (total == 0 ? 0 : v / total) : (double)v).ToArray();
        }).ToArray();
        double max = Math.Max(z.SelectMany(r => r).DefaultIfEmpty(0).Max(), 1e-12);
        var names = matrix.ClassNames.ToArray();
        var chart = Plotly.NET.CSharp.Chart.Heatmap<double, string, string, string>(z, X: names, Y: names,
            ReverseYAxis: true);
        chart = ChartLayout.WithTraceAttributes(chart, ("colorscale", Colours), ("zmin", 0.0), ("zmax", max));

        var annotations = new List<DynamicObj.DynamicObj>();
        for (int a = 0; a < c; a++)
            for (int p = 0; p < c; p++)
                annotations.Add(ChartLayout.Object(("x", names[p]), ("y", names[a]), ("showarrow", false),
                    ("text", z[a][p].ToString(normalize ? "0.00" : "0", System.Globalization.CultureInfo.InvariantCulture)),
                    ("font", ChartLayout.Object(("color", z[a][p] > max / 2 ? "white" : "black")))));
        var layout = new List<(string, object)>
        {
            ("xaxis", ChartLayout.Object(("title", ChartLayout.Title("predicted")), ("type", "category"))),
            ("yaxis", ChartLayout.Object(("title", ChartLayout.Title("true")), ("type", "category"), ("autorange", "reversed"))),
            ("annotations", annotations),
            ("width", 140 + 55 * c), ("height", 120 + 50 * c),
        };
        if (title is not null) layout.Add(("title", ChartLayout.Title(title)));
        return ChartLayout.With(chart, layout.ToArray());
    }
}
