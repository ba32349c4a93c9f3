using Plotly.NET;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Charts;

/// <summary>2-D embeddings (autoencoder codes, PCA, t-SNE) as points coloured by class. One trace per class gives a
/// legend whose entries can be clicked to hide or isolate a digit — the quickest way to see which classes an
/// embedding mixes up.</summary>
/// <example><code>
/// ScatterChart.ByLabel(codes2d, test.Labels, FashionMnist.ClassNames, title: "2-D codes")
/// </code></example>
public static class ScatterChart
{
    /// <summary>Above this many points the WebGL renderer is used: SVG becomes sluggish with tens of thousands of
    /// markers.</summary>
    public const int WebGlThreshold = 5000;

    /// <summary>Points [n, 2] (only the first two columns are drawn) coloured by integer <paramref name="labels"/>
    /// [n]; <paramref name="labelNames"/> names the classes in the legend (defaults to the label numbers).</summary>
    public static GenericChart ByLabel(Tensor points, Tensor labels, IReadOnlyList<string>? labelNames = null,
        string? title = null, double markerSize = 4)
    {
        if (points.dim() != 2 || points.shape[1] < 2) throw new ArgumentException("Points must be [n, 2] (or wider).", nameof(points));
        if (labels.numel() != points.shape[0]) throw new ArgumentException("One label per point is needed.", nameof(labels));
        using var scope = NewDisposeScope();
        var xy = points.detach().cpu().to_type(ScalarType.Float64).narrow(1, 0, 2).contiguous().data<double>().ToArray();
        var y = labels.detach().cpu().to_type(ScalarType.Int64).flatten().contiguous().data<long>().ToArray();
        bool webGl = y.Length > WebGlThreshold;
        var traces = y.Distinct().Order().Select(label =>
        {
            var members = Enumerable.Range(0, y.Length).Where(i => y[i] == label).ToArray();
            string name = labelNames is not null && label >= 0 && label < labelNames.Count ? labelNames[(int)label] : label.ToString();
            return Plotly.NET.CSharp.Chart.Point<double, double, string>(
                members.Select(i => xy[2 * i]), members.Select(i => xy[2 * i + 1]),
                Name: name, ShowLegend: true, MarkerSymbol: StyleParam.MarkerSymbol.Circle, UseWebGL: webGl);
        }).ToList();
        var chart = ChartLayout.WithTraceAttributes(Plotly.NET.CSharp.Chart.Combine(traces),
            ("marker", ChartLayout.Object(("size", markerSize), ("opacity", 0.7))));
        var layout = new List<(string, object)>
        {
            ("legend", ChartLayout.Object(("itemsizing", "constant"))),
            ("width", 700), ("height", 600),
        };
        if (title is not null) layout.Add(("title", ChartLayout.Title(title)));
        return ChartLayout.With(chart, layout.ToArray());
    }
}
