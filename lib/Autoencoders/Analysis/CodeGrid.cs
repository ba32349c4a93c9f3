using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>A square grid of points over the part of a 2-D code space where codes lie: the points a decoder turns
/// into a map of everything it can draw (<see cref="Charts.CodeMap"/>).</summary>
/// <remarks>The grid spans each code unit from a low to a high quantile of the given codes (1 % and 99 % by default),
/// not from the minimum to the maximum: a handful of outlying codes would otherwise stretch the grid so far that most
/// of its points lie where no image was ever encoded. Rows run from the highest value of the second unit down to the
/// lowest, so the grid reads like a scatter chart of the codes: up is up.</remarks>
/// <example><code>
/// var grid = CodeGrid.Spanning(codes, steps: 15);
/// CodeMap.Create(grid, model.Decode(grid.Points))
/// </code></example>
public sealed class CodeGrid
{
    private CodeGrid(double[] x, double[] y, Tensor points)
    {
        X = x;
        Y = y;
        Points = points;
    }

    /// <summary>Values of the first code unit, one per column, left to right (ascending).</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Values of the second code unit, one per row, top to bottom (descending).</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Points per side.</summary>
    public int Steps => X.Count;

    /// <summary>The grid's points, [steps², 2] float32, row by row from the top-left corner: the input for a
    /// decoder.</summary>
    public Tensor Points { get; }

    /// <summary>A <paramref name="steps"/> × <paramref name="steps"/> grid over the codes [n, 2] (only the first two
    /// columns are used), each unit from its <paramref name="quantile"/> to its 1 − <paramref name="quantile"/>
    /// quantile.</summary>
    public static CodeGrid Spanning(Tensor codes, int steps = 15, double quantile = 0.01)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.dim() != 2 || codes.shape[1] < 2 || codes.shape[0] < 1)
            throw new ArgumentException("Codes must be [n, 2] (or wider) with at least one row.", nameof(codes));
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        if (!(quantile >= 0 && quantile < 0.5)) throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "The quantile must be in [0, 0.5).");

        using var scope = NewDisposeScope();
        var c = codes.detach().cpu().to_type(ScalarType.Float64).narrow(1, 0, 2);
        var bounds = c.quantile(tensor(new[] { quantile, 1 - quantile }, ScalarType.Float64), dim: 0).contiguous().data<double>().ToArray();
        // bounds is [2 quantiles, 2 units]: low of unit 1, low of unit 2, high of unit 1, high of unit 2.
        var x = Spaced(bounds[0], bounds[2], steps);
        var y = Spaced(bounds[3], bounds[1], steps);
        var points = new float[steps * steps * 2];
        for (int row = 0; row < steps; row++)
            for (int column = 0; column < steps; column++)
            {
                points[2 * (row * steps + column)] = (float)x[column];
                points[2 * (row * steps + column) + 1] = (float)y[row];
            }
        return new CodeGrid(x, y, tensor(points, [steps * steps, 2]).DetachFromDisposeScope());
    }

    private static double[] Spaced(double from, double to, int steps) =>
        Enumerable.Range(0, steps).Select(i => from + (to - from) * i / (steps - 1)).ToArray();
}
