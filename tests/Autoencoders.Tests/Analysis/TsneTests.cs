using Autoencoders.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class TsneTests
{
    /// <summary>Three tight, well-separated Gaussian blobs in 10-D.</summary>
    private static (Tensor X, Tensor Y) Blobs(int perClass, int seed) => ClassifierTests.Blobs(perClass, seed, spread: 1f, dims: 10);

    [Theory]
    [InlineData(TsneMethod.Exact, 60)]
    [InlineData(TsneMethod.BarnesHut, 100)]
    public void Separates_three_gaussian_blobs_and_keeps_neighbourhoods(TsneMethod method, int perClass)
    {
        using var scope = NewDisposeScope();
        var (x, y) = Blobs(perClass, seed: 51);
        var options = new TsneOptions { Method = method, Perplexity = 20, Iterations = 500 };
        var reports = new List<TsneProgress>();
        var result = Tsne.Embed(x, options, reports.Add);

        Assert.Equal(method, result.Method);
        Assert.Equal(new long[] { 3 * perClass, 2 }, result.Embedding.shape);
        double trust = Trustworthiness.Compute(x, result.Embedding);
        Assert.True(trust > 0.95, $"trustworthiness {trust}");
        // Separable clusters: every point's nearest neighbours in the picture share its blob.
        Assert.Equal(1.0, KnnClassifier.CrossValidatedAccuracy(result.Embedding, y), 12);
        // Each blob's spread is small compared with the gaps between blob centres.
        var e = result.Embedding.to_type(ScalarType.Float64);
        var centres = stack(Enumerable.Range(0, 3).Select(c => e[y == c].mean([0L])).ToArray());
        double spread = Enumerable.Range(0, 3).Max(c => (e[y == c] - centres[c]).norm(1).max().item<double>());
        double gap = CosineFreeMinDistance(centres);
        Assert.True(gap > 2 * spread, $"gap {gap}, spread {spread}");

        Assert.Equal(10, reports.Count);
        Assert.True(reports[..5].All(r => r.Exaggerating) && reports[5..].All(r => !r.Exaggerating));
        Assert.True(reports[^1].KlDivergence < reports[5].KlDivergence + 1e-9);
        Assert.Equal(reports[^1].KlDivergence, result.KlDivergence, 12);
        Assert.True(result.KlDivergence is > 0 and < 2, $"KL {result.KlDivergence}");
    }

    private static double CosineFreeMinDistance(Tensor centres)
    {
        double min = double.MaxValue;
        for (int a = 0; a < 3; a++)
            for (int b = a + 1; b < 3; b++) min = Math.Min(min, (centres[a] - centres[b]).norm().item<double>());
        return min;
    }

    [Fact]
    public void Is_reproducible_for_a_seed_and_random_starts_differ_across_seeds()
    {
        using var scope = NewDisposeScope();
        var (x, _) = Blobs(20, seed: 52);
        var options = new TsneOptions { Perplexity = 10, Iterations = 300, Initialization = TsneInitialization.Random };
        var a = Tsne.Embed(x, options).Embedding;
        var b = Tsne.Embed(x, options).Embedding;
        var c = Tsne.Embed(x, options with { Seed = 7 }).Embedding;
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
        Assert.False(a.allclose(c, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Embeds_in_three_dimensions_with_the_exact_gradient()
    {
        using var scope = NewDisposeScope();
        var (x, _) = Blobs(30, seed: 55);
        var result = Tsne.Embed(x, new TsneOptions { Dimensions = 3, Perplexity = 10, Iterations = 300 });
        Assert.Equal(TsneMethod.Exact, result.Method);
        Assert.Equal(new long[] { 90, 3 }, result.Embedding.shape);
        Assert.True(Trustworthiness.Compute(x, result.Embedding) > 0.95);
        Assert.Throws<ArgumentException>(() => Tsne.Embed(x, new TsneOptions { Dimensions = 3, Method = TsneMethod.BarnesHut }));
    }

    [Fact]
    public void Conditional_affinities_have_the_requested_perplexity()
    {
        using var g = new Generator().manual_seed(53);
        int n = 50, perplexity = 7;
        using var x = randn(new long[] { n, 4 }, dtype: ScalarType.Float64, generator: g);
        using var d2 = (x.unsqueeze(1) - x.unsqueeze(0)).pow(2).sum(2);
        var p = new double[n * n];
        TsneAffinities.Conditional(d2.contiguous().data<double>().ToArray(), n, n, perplexity, skipDiagonal: true, p);
        for (int i = 0; i < n; i++)
        {
            var row = p.AsSpan(i * n, n).ToArray();
            Assert.Equal(1.0, row.Sum(), 9);
            Assert.Equal(0.0, row[i]);
            double entropy = -row.Where(v => v > 0).Sum(v => v * Math.Log(v));
            Assert.Equal(Math.Log(perplexity), entropy, 4);
        }
        var joint = TsneAffinities.Dense(d2.contiguous().data<double>().ToArray(), n, perplexity);
        Assert.Equal(1.0, joint.Sum(), 9);
        Assert.Equal(joint[3 * n + 8], joint[8 * n + 3]);
    }

    [Fact]
    public void Sparse_affinities_are_symmetric_and_sum_to_one()
    {
        var neighbours = new long[] { 1, 2, 0, 2, 0, 3, 2, 1 }; // n = 4, k = 2
        var distances = new double[] { 1, 2, 1, 3, 2, 1, 1, 4 };
        var p = TsneAffinities.Sparse(neighbours, distances, 4, 2, perplexity: 1.5);
        Assert.Equal(1.0, p.Values.Sum(), 12);
        double At(int i, int j)
        {
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++) if (p.Columns[e] == j) return p.Values[e];
            return 0;
        }
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) Assert.Equal(At(i, j), At(j, i), 15);
        Assert.True(At(3, 1) > 0); // 3 lists 1 as a neighbour, 1 does not list 3: the pair still attracts
    }

    [Fact]
    public void Quadtree_with_theta_zero_gives_the_exact_repulsion_and_barnes_hut_approximates_it()
    {
        using var g = new Generator().manual_seed(54);
        int n = 400;
        using var t = randn(new long[] { n, 2 }, dtype: ScalarType.Float64, generator: g) * 5;
        var y = t.contiguous().data<double>().ToArray();
        var tree = new QuadTree(y, n);
        var stack = new int[QuadTree.StackSize];
        double maxRelativeError = 0;
        foreach (int i in new[] { 0, 17, 399 })
        {
            double fx = 0, fy = 0, z = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1], q = 1 / (1 + dx * dx + dy * dy);
                z += q; fx += q * q * dx; fy += q * q * dy;
            }
            var exact = tree.Repulsion(i, 0, stack);
            Assert.Equal(z, exact.Z, 9);
            Assert.Equal(fx, exact.Fx, 9);
            Assert.Equal(fy, exact.Fy, 9);
            var approx = tree.Repulsion(i, 0.25, stack);
            maxRelativeError = Math.Max(maxRelativeError, Math.Abs(approx.Z - z) / z);
        }
        Assert.True(maxRelativeError < 0.03, $"relative error of Z: {maxRelativeError}");
    }
}
