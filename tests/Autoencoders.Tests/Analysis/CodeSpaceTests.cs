using Autoencoders.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class CodeSpaceTests
{
    [Fact]
    public void A_code_grid_spans_the_codes_row_by_row_from_the_top_left()
    {
        using var scope = NewDisposeScope();
        var codes = tensor(new float[] { 0, 10, 1, 20, 2, 30, 4, 40 }, [4, 2]);
        var grid = CodeGrid.Spanning(codes, steps: 3, quantile: 0);

        Assert.Equal(3, grid.Steps);
        Assert.Equal(new[] { 0.0, 2, 4 }, grid.X);
        Assert.Equal(new[] { 40.0, 25, 10 }, grid.Y); // top row first: up is up
        Assert.Equal(new long[] { 9, 2 }, grid.Points.shape);
        var p = grid.Points.data<float>().ToArray();
        Assert.Equal(new float[] { 0, 40, 2, 40, 4, 40 }, p[..6]);
        Assert.Equal(new float[] { 4, 10 }, p[^2..]);
    }

    [Fact]
    public void A_code_grid_leaves_outlying_codes_out()
    {
        using var scope = NewDisposeScope();
        var codes = cat([linspace(0, 1, 99).unsqueeze(1).expand(99, 2), tensor(new float[] { 1000, -1000 }, [1, 2])]);
        var grid = CodeGrid.Spanning(codes, steps: 5, quantile: 0.02);
        Assert.True(grid.X[^1] < 2, $"the grid reaches {grid.X[^1]}: one outlier stretched it");
        Assert.True(grid.Y[^1] > -1, $"the grid reaches {grid.Y[^1]}: one outlier stretched it");
        Assert.Throws<ArgumentException>(() => CodeGrid.Spanning(zeros(3, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CodeGrid.Spanning(zeros(3, 2), steps: 1));
    }

    [Fact]
    public void Interpolation_runs_evenly_from_one_end_to_the_other()
    {
        using var scope = NewDisposeScope();
        var path = Interpolation.Linear(tensor(new float[] { 0, 10 }), tensor(new float[] { 1, 20 }, [1, 2]), steps: 5);
        Assert.Equal(new long[] { 5, 2 }, path.shape);
        Assert.Equal(new float[] { 0, 10, 0.25f, 12.5f, 0.5f, 15, 0.75f, 17.5f, 1, 20 }, path.data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => Interpolation.Linear(zeros(2), zeros(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Interpolation.Linear(zeros(2), zeros(2), steps: 1));
    }
}
