using Microsoft.Data.Analysis;
using Plotly.NET;

namespace Autoencoders.Charts;

/// <summary>Horizontal bars of the top-k most similar items (e.g. movies) with their similarity scores, the most
/// similar at the top: titles are long, so horizontal bars keep them readable.</summary>
/// <example><code>
/// SimilarItemsChart.Create(SimilarItemTable.Create(similar, matrix.RowIndex.Ids, movieLens.Movies),
///     title: "Most similar to Liar Liar (1997)")
/// </code></example>
public static class SimilarItemsChart
{
    /// <summary>Bars for the given labels and scores, in the given (best-first) order.</summary>
    public static GenericChart Create(IReadOnlyList<string> labels, IReadOnlyList<double> scores, string? title = null,
        string scoreTitle = "cosine similarity")
    {
        if (labels.Count != scores.Count) throw new ArgumentException("One score per label is needed.", nameof(scores));
        var chart = Plotly.NET.CSharp.Chart.Bar<double, string, string>(scores, Keys: labels.ToArray(), Name: "similarity",
            MultiText: scores.Select(s => s.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            TextPosition: StyleParam.TextPosition.Auto);
        var layout = new List<(string, object)>
        {
            // Categories are drawn bottom-up; reversing puts the best match on top.
            ("yaxis", ChartLayout.Object(("autorange", "reversed"), ("automargin", true), ("type", "category"))),
            ("xaxis", ChartLayout.Object(("title", ChartLayout.Title(scoreTitle)))),
            ("width", 800), ("height", 200 + 40 * labels.Count),
            ("bargap", 0.25),
        };
        if (title is not null) layout.Add(("title", ChartLayout.Title(title)));
        return ChartLayout.With(chart, layout.ToArray());
    }

    /// <summary>Bars from a results frame such as the one <c>SimilarItemTable.Create</c> returns (columns "title"
    /// and "score" by default).</summary>
    public static GenericChart Create(DataFrame results, string labelColumn = "title", string scoreColumn = "score",
        string? title = null)
    {
        var labels = new List<string>();
        var scores = new List<double>();
        for (long r = 0; r < results.Rows.Count; r++)
        {
            labels.Add(results.Columns[labelColumn][r]?.ToString() ?? "");
            scores.Add(Convert.ToDouble(results.Columns[scoreColumn][r], System.Globalization.CultureInfo.InvariantCulture));
        }
        return Create(labels, scores, title);
    }
}
