using Plotly.NET;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Charts;

/// <summary>Rows of small grey-scale images (originals over reconstructions; noisy / denoised / clean): the picture
/// the lecture shows after every model. The whole grid is one heatmap — one trace however many images — so even 3 × 20
/// digits stay light in a notebook. Intensities are drawn on a fixed 0…1 scale, 0 black and 1 white as in the
/// lecture's <c>plt.gray()</c>, so a faded reconstruction looks faded instead of being stretched to full
/// contrast.</summary>
/// <example><code>
/// ImageGrid.Compare(test.Images, reconstructions, count: 10)
/// ImageGrid.Create([("noisy", noisy[..10]), ("denoised", denoised[..10]), ("clean", test.Images[..10])])
/// </code></example>
public static class ImageGrid
{
    /// <summary>Width in pixels of the white border between images.</summary>
    public const int Border = 2;

    /// <summary>One row per (label, images) pair; images is [m, h·w], [m, h, w] or [m, 1, h, w] with intensities in
    /// [0, 1] (values outside are clipped). Square images are assumed for flat rows (MNIST: 784 = 28 × 28). All rows
    /// must hold the same number of images; the row labels appear on the left.</summary>
    public static GenericChart Create(IReadOnlyList<(string Label, Tensor Images)> rows, string? title = null)
    {
        if (rows.Count == 0) throw new ArgumentException("At least one row of images is needed.", nameof(rows));
        var pixels = rows.Select(r => ToImages(r.Images)).ToList();
        int count = pixels[0].Count, height = pixels[0][0].GetLength(0), width = pixels[0][0].GetLength(1);
        if (pixels.Any(p => p.Count != count || p[0].GetLength(0) != height || p[0].GetLength(1) != width))
            throw new ArgumentException("Every row must hold the same number of images of the same size.", nameof(rows));

        int totalH = rows.Count * height + (rows.Count + 1) * Border;
        int totalW = count * width + (count + 1) * Border;
        var z = new double[totalH][];
        for (int y = 0; y < totalH; y++) z[y] = Enumerable.Repeat(1.0, totalW).ToArray();
        for (int r = 0; r < rows.Count; r++)
            for (int i = 0; i < count; i++)
            {
                var (top, left) = Origin(r, i, height, width);
                var img = pixels[r][i];
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++) z[top + y][left + x] = Math.Round(img[y, x], 4); // 4 digits: a third of the HTML
            }

        var chart = Plotly.NET.CSharp.Chart.Heatmap<double, int, int, string>(z,
            ColorScale: StyleParam.Colorscale.Greys, ShowScale: false, ReverseYAxis: true);
        chart = ChartLayout.WithTraceAttributes(chart, ("zmin", 0.0), ("zmax", 1.0), ("hoverinfo", "z"));
        var rowCentres = Enumerable.Range(0, rows.Count).Select(r => Origin(r, 0, height, width).Top + height / 2.0).ToArray();
        var layout = new List<(string, object)>
        {
            ("xaxis", ChartLayout.Object(("showticklabels", false), ("showgrid", false), ("zeroline", false),
                ("constrain", "domain"))),
            ("yaxis", ChartLayout.Object(("tickvals", rowCentres), ("ticktext", rows.Select(r => r.Label).ToArray()),
                ("showgrid", false), ("zeroline", false), ("autorange", "reversed"), ("scaleanchor", "x"),
                ("constrain", "domain"))),
            ("width", Math.Min(1100, 120 + totalW * 3)),
            ("height", 80 + totalH * 3 + (title is null ? 0 : 40)),
            ("margin", ChartLayout.Object(("l", 110), ("r", 10), ("t", title is null ? 10 : 50), ("b", 10))),
        };
        if (title is not null) layout.Add(("title", ChartLayout.Title(title)));
        return ChartLayout.With(chart, layout.ToArray());
    }

    /// <summary>The lecture's figure: <paramref name="count"/> originals over their reconstructions.</summary>
    public static GenericChart Compare(Tensor originals, Tensor reconstructions, int count = 10, string? title = null) =>
        Create([("original", originals.narrow(0, 0, count)), ("reconstructed", reconstructions.narrow(0, 0, count))], title);

    /// <summary>Top-left pixel of image <paramref name="index"/> in row <paramref name="row"/> of the grid.</summary>
    internal static (int Top, int Left) Origin(int row, int index, int height, int width) =>
        (Border + row * (height + Border), Border + index * (width + Border));

    /// <summary>Images as [y, x] arrays of intensities clipped to [0, 1], whatever their tensor layout.</summary>
    internal static List<double[,]> ToImages(Tensor images)
    {
        using var scope = NewDisposeScope();
        var t = images.detach().cpu().to_type(ScalarType.Float64).clamp(0, 1);
        int h, w;
        switch (t.dim())
        {
            case 2:
                h = w = (int)Math.Round(Math.Sqrt(t.shape[1]));
                if (h * w != t.shape[1]) throw new ArgumentException($"Rows of {t.shape[1]} values are not square images; pass [m, h, w].");
                break;
            case 3: h = (int)t.shape[1]; w = (int)t.shape[2]; break;
            case 4 when t.shape[1] == 1: h = (int)t.shape[2]; w = (int)t.shape[3]; break;
            default: throw new ArgumentException("Images must be [m, h·w], [m, h, w] or [m, 1, h, w].");
        }
        var values = t.contiguous().data<double>().ToArray();
        int m = (int)t.shape[0];
        var result = new List<double[,]>(m);
        for (int i = 0; i < m; i++)
        {
            var img = new double[h, w];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) img[y, x] = values[(long)i * h * w + y * w + x];
            result.Add(img);
        }
        return result;
    }
}
