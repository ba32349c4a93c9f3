using Autoencoders.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class TrustworthinessTests
{
    // No two pairwise distances are equal in either space, so neighbour ranks are unambiguous.
    private static readonly float[,] Points =
    {
        { 0.0f, 0.1f, 0.3f }, { 1.2f, 0.0f, 0.4f }, { 0.3f, 2.1f, 0.0f }, { 0.2f, 0.5f, 3.3f }, { 1.1f, 1.4f, 1.0f },
        { 2.3f, 0.2f, 1.7f }, { 0.6f, 3.2f, 1.1f }, { 4.1f, 1.3f, 0.2f }, { 1.5f, 4.4f, 2.6f }, { 3.7f, 3.1f, 2.9f },
    };

    private static readonly float[,] Picture =
    {
        { 0.0f, 0.2f }, { 3.1f, 1.3f }, { 1.4f, 0.1f }, { 0.3f, 2.2f }, { 2.5f, 2.7f },
        { 1.2f, 3.6f }, { 4.3f, 0.4f }, { 0.15f, 4.8f }, { 2.2f, 1.1f }, { 3.9f, 3.45f },
    };

    [Theory]
    // Values computed with scikit-learn 1.2.1: sklearn.manifold.trustworthiness(X, E, n_neighbors=k).
    [InlineData(2, 0.5923076923076923)]
    [InlineData(3, 0.6399999999999999)]
    public void Matches_scikit_learn_on_a_hand_checked_case(int k, double expected)
    {
        using var x = tensor(Points);
        using var e = tensor(Picture);
        Assert.Equal(expected, Trustworthiness.Compute(x, e, k), 12);
    }

    [Fact]
    public void Matches_the_formula_computed_naively_on_random_data()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator().manual_seed(11);
        int n = 300, k = 5; // more rows than one block, to cross block boundaries
        var x = randn(new long[] { n, 10 }, generator: g);
        var e = x.narrow(1, 0, 2) + 0.5f * randn(new long[] { n, 2 }, generator: g);
        Assert.Equal(Naive(x, e, k), Trustworthiness.Compute(x, e, k), 10);
    }

    [Fact]
    public void Is_one_for_a_perfect_picture_and_about_half_for_a_random_one()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator().manual_seed(12);
        var x = randn(new long[] { 200, 2 }, generator: g);
        Assert.Equal(1.0, Trustworthiness.Compute(x, x * 3), 12);
        var random = randn(new long[] { 200, 2 }, generator: g);
        Assert.InRange(Trustworthiness.Compute(x, random), 0.4, 0.6);
    }

    /// <summary>The definition written out: rank every point by distance, sum how far each embedded neighbour ranks
    /// beyond k.</summary>
    private static double Naive(Tensor x, Tensor e, int k)
    {
        int n = (int)x.shape[0];
        double[,] Dist(Tensor t)
        {
            var a = t.to_type(ScalarType.Float64).data<double>().ToArray();
            int d = (int)t.shape[1];
            var m = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int c = 0; c < d; c++) s += (a[i * d + c] - a[j * d + c]) * (a[i * d + c] - a[j * d + c]);
                    m[i, j] = s;
                }
            return m;
        }
        var dx = Dist(x);
        var de = Dist(e);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            var byX = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => dx[i, j]).ToList();
            var byE = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => de[i, j]).Take(k);
            foreach (var j in byE) sum += Math.Max(0, byX.IndexOf(j) + 1 - k);
        }
        return 1 - sum * 2.0 / (n * k * (2.0 * n - 3 * k - 1));
    }
}
