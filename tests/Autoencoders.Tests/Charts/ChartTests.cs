using Autoencoders.Analysis;
using Autoencoders.Charts;
using Microsoft.Data.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Charts;

public class ChartTests
{
    [Fact]
    public void Image_grid_places_every_pixel_of_every_row()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator().manual_seed(41);
        var originals = rand(new long[] { 3, 16 }, generator: g);          // flat 4×4 images
        var reconstructions = rand(new long[] { 3, 4, 4 }, generator: g);  // already shaped
        var chart = ImageGrid.Create([("original", originals), ("reconstructed", reconstructions)], title: "t");

        var traces = ChartJson.Traces(chart);
        Assert.Single(traces);
        Assert.Equal("heatmap", traces[0].GetProperty("type").GetString());
        var z = traces[0].GetProperty("z").EnumerateArray().Select(ChartJson.Doubles).ToArray();
        int b = ImageGrid.Border;
        Assert.Equal(2 * 4 + 3 * b, z.Length);
        Assert.Equal(3 * 4 + 4 * b, z[0].Length);
        var rows = new[] { originals.reshape(3, 4, 4), reconstructions };
        for (int r = 0; r < 2; r++)
            for (int i = 0; i < 3; i++)
            {
                var (top, left) = ImageGrid.Origin(r, i, 4, 4);
                var expected = rows[r][i].to_type(ScalarType.Float64).data<double>().ToArray();
                for (int y = 0; y < 4; y++)
                    for (int x = 0; x < 4; x++)
                        Assert.Equal(expected[y * 4 + x], z[top + y][left + x], 4);
            }
        Assert.Equal(1.0, z[0][0]); // border
        Assert.Equal(0.0, traces[0].GetProperty("zmin").GetDouble());
        Assert.Equal(1.0, traces[0].GetProperty("zmax").GetDouble());
        var yaxis = ChartJson.Layout(chart).GetProperty("yaxis");
        Assert.Equal(new[] { "original", "reconstructed" }, ChartJson.Strings(yaxis.GetProperty("ticktext")));
    }

    [Fact]
    public void Image_grid_compare_shows_the_first_images_and_clips_intensities()
    {
        using var scope = NewDisposeScope();
        var images = full(5, 9, 2.0f); // out of range: clipped to 1
        var chart = ImageGrid.Compare(images, zeros(5, 9), count: 2);
        var z = ChartJson.Traces(chart)[0].GetProperty("z").EnumerateArray().Select(ChartJson.Doubles).ToArray();
        Assert.Equal(2 * 3 + 3 * ImageGrid.Border, z[0].Length);
        var (top, left) = ImageGrid.Origin(1, 1, 3, 3);
        Assert.Equal(0.0, z[top][left]);
        Assert.True(z.SelectMany(r => r).All(v => v is >= 0 and <= 1));
        Assert.Throws<ArgumentException>(() => ImageGrid.Create([("a", zeros(2, 10))]));
    }

    [Fact]
    public void Scatter_has_one_trace_per_label_with_that_labels_points()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator().manual_seed(42);
        var points = randn(new long[] { 30, 2 }, generator: g);
        var labels = tensor(Enumerable.Range(0, 30).Select(i => (long)(i % 3)).ToArray());
        var chart = ScatterChart.ByLabel(points, labels, ["zero", "one", "two"], title: "codes");

        var traces = ChartJson.Traces(chart);
        Assert.Equal(new[] { "zero", "one", "two" }, traces.Select(t => t.GetProperty("name").GetString()));
        var p = points.to_type(ScalarType.Float64).data<double>().ToArray();
        for (int label = 0; label < 3; label++)
        {
            var members = Enumerable.Range(0, 30).Where(i => i % 3 == label).ToArray();
            Assert.Equal(members.Select(i => p[2 * i]), ChartJson.Doubles(traces[label].GetProperty("x")));
            Assert.Equal(members.Select(i => p[2 * i + 1]), ChartJson.Doubles(traces[label].GetProperty("y")));
            Assert.Equal("markers", traces[label].GetProperty("mode").GetString());
        }
        Assert.Equal("codes", ChartJson.Layout(chart).GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Loss_curves_plot_loss_and_val_loss_against_epochs()
    {
        var loss = new[] { 0.3, 0.2, 0.15 };
        var val = new[] { 0.31, 0.22, 0.18 };
        var traces = ChartJson.Traces(LossCurves.Create(loss, val, logScale: true));
        Assert.Equal(new[] { "loss", "val_loss" }, traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(new[] { 1.0, 2, 3 }, ChartJson.Doubles(traces[0].GetProperty("x")));
        Assert.Equal(loss, ChartJson.Doubles(traces[0].GetProperty("y")));
        Assert.Equal(val, ChartJson.Doubles(traces[1].GetProperty("y")));
        Assert.Single(ChartJson.Traces(LossCurves.Create(loss)));
        Assert.Equal("log", ChartJson.Layout(LossCurves.Create(loss, logScale: true)).GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Similar_items_bars_show_titles_and_scores_best_first()
    {
        var table = new DataFrame(
            new StringDataFrameColumn("title", new[] { "Heat (1995)", "Ronin (1998)" }),
            new DoubleDataFrameColumn("score", new[] { 0.91, 0.87 }));
        var chart = SimilarItemsChart.Create(table, title: "Like Collateral");
        var bar = ChartJson.Traces(chart).Single();
        Assert.Equal("bar", bar.GetProperty("type").GetString());
        Assert.Equal("h", bar.GetProperty("orientation").GetString());
        Assert.Equal(new[] { 0.91, 0.87 }, ChartJson.Doubles(bar.GetProperty("x")));
        Assert.Equal(new[] { "Heat (1995)", "Ronin (1998)" }, ChartJson.Strings(bar.GetProperty("y")));
        Assert.Equal("reversed", ChartJson.Layout(chart).GetProperty("yaxis").GetProperty("autorange").GetString());
    }

    [Fact]
    public void Confusion_matrix_heatmap_holds_the_counts_or_row_shares()
    {
        using var scope = NewDisposeScope();
        var cm = ConfusionMatrix.From(tensor(new long[] { 0, 0, 1, 1, 1 }), tensor(new long[] { 0, 1, 1, 1, 0 }), ["cat", "dog"]);
        var chart = ConfusionMatrixChart.Create(cm);
        var heatmap = ChartJson.Traces(chart).Single();
        var z = heatmap.GetProperty("z").EnumerateArray().Select(ChartJson.Doubles).ToArray();
        Assert.Equal(new[] { 1.0, 1.0 }, z[0]);
        Assert.Equal(new[] { 1.0, 2.0 }, z[1]);
        Assert.Equal(new[] { "cat", "dog" }, ChartJson.Strings(heatmap.GetProperty("x")));
        var annotations = ChartJson.Layout(chart).GetProperty("annotations").EnumerateArray().ToArray();
        Assert.Equal(new[] { "1", "1", "1", "2" }, annotations.Select(a => a.GetProperty("text").GetString()));
        var dogAsDog = annotations[3];
        Assert.Equal("dog", dogAsDog.GetProperty("x").GetString());
        Assert.Equal("dog", dogAsDog.GetProperty("y").GetString());
        Assert.Equal("white", dogAsDog.GetProperty("font").GetProperty("color").GetString()); // the fullest cell is dark
        Assert.Equal(2.0, heatmap.GetProperty("zmax").GetDouble());

        var shares = ChartJson.Traces(ConfusionMatrixChart.Create(cm, normalize: true)).Single()
            .GetProperty("z").EnumerateArray().Select(ChartJson.Doubles).ToArray();
        Assert.Equal(1.0 / 3, shares[1][0], 12);
    }

    [Fact]
    public void Saved_html_embeds_plotly_and_the_data()
    {
        var chart = LossCurves.Create([0.123456, 0.5]);
        var path = Path.Combine(Path.GetTempPath(), $"chart-{Guid.NewGuid():N}");
        try
        {
            var written = ChartExport.SaveHtml(chart, path);
            Assert.EndsWith(".html", written);
            var html = File.ReadAllText(written);
            Assert.Contains("0.123456", html);
            Assert.True(html.Length > 1_000_000, "plotly.js should be inlined");
            Assert.DoesNotContain("src=\"http", html); // nothing loaded from the network
        }
        finally
        {
            File.Delete(path + ".html");
        }
    }

    [Fact]
    public void Sweep_chart_draws_the_mean_over_seeds_and_every_seed_in_one_colour_per_variant()
    {
        var runs = new List<(string, double, double)>
        {
            ("scratch", 1, 0.5), ("scratch", 1, 0.7), ("scratch", 10, 0.8), ("scratch", 10, 0.9),
            ("frozen", 1, 0.75), ("frozen", 10, 0.85),
        };

        var chart = SweepChart.Create(runs, xTitle: "labels per class", yTitle: "accuracy");

        var traces = ChartJson.Traces(chart);
        Assert.Equal(4, traces.Length);
        Assert.Equal([1.0, 10.0], ChartJson.Doubles(traces[0].GetProperty("x")));
        Assert.Equal([0.6, 0.85], ChartJson.Doubles(traces[0].GetProperty("y")).Select(v => Math.Round(v, 10)));
        Assert.Equal([0.5, 0.7, 0.8, 0.9], ChartJson.Doubles(traces[1].GetProperty("y")));
        var colour = traces[0].GetProperty("line").GetProperty("color").GetString();
        Assert.Equal(colour, traces[1].GetProperty("marker").GetProperty("color").GetString());
        Assert.NotEqual(colour, traces[2].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal("log", ChartJson.Layout(chart).GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Throws<ArgumentException>(() => SweepChart.Create([("a", 0, 1)], "x", "y"));
    }
}
