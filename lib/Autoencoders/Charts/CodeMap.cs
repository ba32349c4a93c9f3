using Autoencoders.Analysis;
using Plotly.NET;
using static TorchSharp.torch;

namespace Autoencoders.Charts;

/// <summary>A map of a 2-D code space: the decoder's image for every point of a <see cref="CodeGrid"/>, tiled
/// edge to edge where the points lie, with the axes in code units. Beside a scatter chart of the codes it shows what
/// lives in each region of the plane, and how one kind of image turns into another between the clusters (the
/// figure of the Keras variational-autoencoder example, for any decoder with a 2-unit code).</summary>
/// <remarks>One heatmap holds the whole mosaic, intensities on the fixed 0…1 grey scale of <see cref="ImageGrid"/>.
/// Values are rounded to 3 digits: a 15 × 15 mosaic of 28 × 28 images is 176,400 numbers, and each digit saved is
/// about 0.2 MB less in the notebook.</remarks>
/// <example><code>
/// var grid = CodeGrid.Spanning(codes, steps: 15);
/// CodeMap.Create(grid, model.Decode(grid.Points), title: "What the decoder draws")
/// </code></example>
public static class CodeMap
{
    /// <summary>Tick labels on each axis; the rest of the tiles are unlabelled.</summary>
    public const int MaxTicks = 6;

    /// <summary>The mosaic of <paramref name="images"/>, one per point of <paramref name="grid"/> in the grid's order
    /// ([steps², h·w], [steps², h, w] or [steps², 1, h, w], intensities in [0, 1]).</summary>
    public static GenericChart Create(CodeGrid grid, Tensor images, string? title = null,
        string xTitle = "code unit 1", string yTitle = "code unit 2")
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(images);
        int steps = grid.Steps;
        if (images.shape[0] != (long)steps * steps)
            throw new ArgumentException($"The grid has {steps * steps} points but {images.shape[0]} images were given.", nameof(images));
        var tiles = ImageGrid.ToImages(images);
        int height = tiles[0].GetLength(0), width = tiles[0].GetLength(1);
        var z = new double[steps * height][];
        for (int y = 0; y < z.Length; y++) z[y] = new double[steps * width];
        for (int row = 0; row < steps; row++)
            for (int column = 0; column < steps; column++)
            {
                var tile = tiles[row * steps + column];
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++) z[row * height + y][column * width + x] = Math.Round(tile[y, x], 3);
            }

        var chart = Plotly.NET.CSharp.Chart.Heatmap<double, int, int, string>(z,
            ColorScale: StyleParam.Colorscale.Greys, ShowScale: false, ReverseYAxis: true);
        chart = ChartLayout.WithTraceAttributes(chart, ("zmin", 0.0), ("zmax", 1.0), ("hoverinfo", "none"));
        var ticks = Enumerable.Range(0, steps).Where(i => i % Math.Max(1, (steps + MaxTicks - 1) / MaxTicks) == 0).ToArray();
        var layout = new List<(string, object)>
        {
            ("xaxis", ChartLayout.Object(("title", ChartLayout.Title(xTitle)), ("showgrid", false), ("zeroline", false),
                ("tickvals", ticks.Select(i => i * width + width / 2.0).ToArray()),
                ("ticktext", ticks.Select(i => grid.X[i].ToString("G3", System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
                ("constrain", "domain"))),
            ("yaxis", ChartLayout.Object(("title", ChartLayout.Title(yTitle)), ("showgrid", false), ("zeroline", false),
                ("tickvals", ticks.Select(i => i * height + height / 2.0).ToArray()),
                ("ticktext", ticks.Select(i => grid.Y[i].ToString("G3", System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
                ("autorange", "reversed"), ("scaleanchor", "x"), ("constrain", "domain"))),
            ("width", 720), ("height", 720 + (title is null ? 0 : 40)),
            ("margin", ChartLayout.Object(("l", 70), ("r", 10), ("t", title is null ? 10 : 50), ("b", 60))),
        };
        if (title is not null) layout.Add(("title", ChartLayout.Title(title)));
        return ChartLayout.With(chart, layout.ToArray());
    }
}
