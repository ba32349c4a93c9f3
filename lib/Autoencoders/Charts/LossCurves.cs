using Plotly.NET;

namespace Autoencoders.Charts;

/// <summary>Training and validation loss per epoch, Keras-style ("loss" and "val_loss"): the figure that shows
/// whether a model still learns, has converged, or overfits (validation loss turning up while training loss falls).</summary>
/// <example><code>
/// LossCurves.Create(history.Loss, history.ValLoss, title: "Deep autoencoder")
/// </code></example>
public static class LossCurves
{
    /// <summary>Loss curves against epochs 1…n. <paramref name="validationLoss"/> may be null (a model trained
    /// without validation data). A logarithmic y axis
    /// (<paramref name="logScale"/>) separates late epochs whose losses differ in the third digit.</summary>
    public static GenericChart Create(IReadOnlyList<double> loss, IReadOnlyList<double>? validationLoss = null,
        string? title = null, string yTitle = "loss", bool logScale = false)
    {
        if (loss.Count == 0) throw new ArgumentException("No loss values.", nameof(loss));
        var curves = new List<(string, IReadOnlyList<double>)> { ("loss", loss) };
        if (validationLoss is { Count: > 0 }) curves.Add(("val_loss", validationLoss));
        return Compare(curves, title, yTitle, logScale);
    }

    /// <summary>Several named loss curves on one set of axes, to compare runs (models, data sets, settings) epoch by
    /// epoch.</summary>
    public static GenericChart Compare(IReadOnlyList<(string Name, IReadOnlyList<double> Values)> curves,
        string? title = null, string yTitle = "loss", bool logScale = false)
    {
        if (curves.Count == 0 || curves.Any(c => c.Values.Count == 0))
            throw new ArgumentException("Every curve needs at least one value.", nameof(curves));
        var chart = Plotly.NET.CSharp.Chart.Combine(curves.Select(c => Curve(c.Values, c.Name)));
        var yaxis = ChartLayout.Object(("title", ChartLayout.Title(yTitle)));
        if (logScale) yaxis.SetProperty("type", "log");
        var layout = new List<(string, object)>
        {
            ("xaxis", ChartLayout.Object(("title", ChartLayout.Title("epoch")))),
            ("yaxis", yaxis),
            ("width", 700), ("height", 450),
        };
        if (title is not null) layout.Add(("title", ChartLayout.Title(title)));
        return ChartLayout.With(chart, layout.ToArray());
    }

    private static GenericChart Curve(IReadOnlyList<double> values, string name) =>
        Plotly.NET.CSharp.Chart.Line<int, double, string>(Enumerable.Range(1, values.Count), values,
            ShowMarkers: values.Count <= 50, Name: name, ShowLegend: true);
}
