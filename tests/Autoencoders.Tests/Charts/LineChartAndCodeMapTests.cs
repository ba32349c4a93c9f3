using Autoencoders.Analysis;
using Autoencoders.Charts;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Charts;

public class LineChartAndCodeMapTests
{
    [Fact]
    public void Line_chart_draws_each_series_over_the_shared_x_with_a_tick_per_setting()
    {
        double[] sizes = [2, 8, 32];
        var chart = LineChart.Create(sizes, [("PCA", [0.05, 0.03, 0.017]), ("autoencoder", [0.04, 0.02, 0.012])],
            "code size", "test MSE", title: "sweep", logX: true);

        var traces = ChartJson.Traces(chart);
        Assert.Equal(new[] { "PCA", "autoencoder" }, traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces, t => Assert.Equal(sizes, ChartJson.Doubles(t.GetProperty("x"))));
        Assert.Equal(new[] { 0.04, 0.02, 0.012 }, ChartJson.Doubles(traces[1].GetProperty("y")));
        Assert.All(traces, t => Assert.Contains("markers", t.GetProperty("mode").GetString()));
        var xaxis = ChartJson.Layout(chart).GetProperty("xaxis");
        Assert.Equal("log", xaxis.GetProperty("type").GetString());
        Assert.Equal(sizes, ChartJson.Doubles(xaxis.GetProperty("tickvals")));
        Assert.Throws<ArgumentException>(() => LineChart.Create(sizes, [("short", [1.0])], "x", "y"));
    }

    [Fact]
    public void Code_map_tiles_the_decoded_images_in_the_grids_order()
    {
        using var scope = NewDisposeScope();
        var grid = CodeGrid.Spanning(tensor(new float[] { 0, 0, 1, 1 }, [2, 2]), steps: 2, quantile: 0);
        // Tile i is filled with the value i / 10, so each tile's place in the mosaic can be read back.
        var images = arange(4, dtype: ScalarType.Float32).div(10).unsqueeze(1).expand(4, 9).contiguous();
        var chart = CodeMap.Create(grid, images, title: "map");

        var heatmap = ChartJson.Traces(chart).Single();
        var z = heatmap.GetProperty("z").EnumerateArray().Select(ChartJson.Doubles).ToArray();
        Assert.Equal(6, z.Length);
        Assert.All(z, row => Assert.Equal(6, row.Length));
        Assert.Equal(0.0, z[0][0]);
        Assert.Equal(0.1, z[2][3]);   // top right: second point of the first row
        Assert.Equal(0.2, z[3][0]);   // bottom left
        Assert.Equal(0.3, z[5][5]);
        var yaxis = ChartJson.Layout(chart).GetProperty("yaxis");
        Assert.Equal(new[] { "1", "0" }, ChartJson.Strings(yaxis.GetProperty("ticktext")));
        Assert.Throws<ArgumentException>(() => CodeMap.Create(grid, zeros(3, 9)));
    }
}
