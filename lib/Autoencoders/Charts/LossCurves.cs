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
        var charts = new List<GenericChart> { Curve(loss, "loss") };
        if (validationLoss is { Count: > 0 }) charts.Add(Curve(validationLoss, "val_loss"));
        var chart = Plotly.NET.CSharp.Chart.Combine(charts);
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
