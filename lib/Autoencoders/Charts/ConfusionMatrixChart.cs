using Autoencoders.Analysis;
using Plotly.NET;

namespace Autoencoders.Charts;

/// <summary>A confusion matrix as an annotated heatmap (true class down, predicted class across): the off-diagonal
/// hot spots are the confusions worth discussing.</summary>
public static class ConfusionMatrixChart
{
    /// <summary>Heatmap of the counts, or with <paramref name="normalize"/> of each true class's row shares (so rare
    /// and common classes read on the same scale). Cells are annotated with their value.</summary>
    public static GenericChart Create(ConfusionMatrix matrix, bool normalize = false, string? title = null)
    {
        int c = matrix.ClassCount;
        var rows = matrix.ToRows();
        var z = rows.Select(row =>
        {
            double total = row.Sum();
            return row.Select(v => normalize ? (total == 0 ? 0 : v / total) : (double)v).ToArray();
        }).ToArray();
        var text = z.Select(row => row.Select(v => normalize
            ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)
            : v.ToString("0", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var names = matrix.ClassNames.ToArray();
        var chart = Plotly.NET.CSharp.Chart.AnnotatedHeatmap<double, string, string, string>(z, text,
            X: names, Y: names, ReverseYAxis: true);
        chart = ChartLayout.WithTraceAttributes(chart, ("colorscale", "Blues"));
        var layout = new List<(string, object)>
        {
            ("xaxis", ChartLayout.Object(("title", ChartLayout.Title("predicted")), ("type", "category"), ("side", "bottom"))),
            ("yaxis", ChartLayout.Object(("title", ChartLayout.Title("true")), ("type", "category"), ("autorange", "reversed"))),
            ("width", 120 + 55 * c), ("height", 120 + 50 * c),
        };
        if (title is not null) layout.Add(("title", ChartLayout.Title(title)));
        return ChartLayout.With(chart, layout.ToArray());
    }
}
