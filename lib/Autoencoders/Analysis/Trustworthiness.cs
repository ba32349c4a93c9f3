using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>How far a low-dimensional embedding can be trusted: do the points that look close in the picture really
/// belong together in the original space? It penalises every k-nearest neighbour in the embedding by how far down it
/// ranks among the original-space neighbours. 1 means every embedded neighbourhood is a true one; a random embedding
/// scores about 0.5. Same definition and normalisation as scikit-learn's
/// <c>sklearn.manifold.trustworthiness</c> (Venna &amp; Kaski 2001), so course results compare with Python ones.</summary>
/// <example><code>
/// double t = Trustworthiness.Compute(test.Images, codes2d);      // k = 5, as in scikit-learn
/// </code></example>
public static class Trustworthiness
{
    /// <summary>Trustworthiness of <paramref name="embedded"/> ([n, e]) as a picture of <paramref name="original"/>
    /// ([n, d]), with Euclidean distances in both spaces and <paramref name="neighbours"/> neighbours
    /// (k &lt; n / 2). Computed in blocks of rows: memory grows with n, not n².</summary>
    public static double Compute(Tensor original, Tensor embedded, int neighbours = 5)
    {
        long n = original.shape[0];
        if (embedded.shape[0] != n) throw new ArgumentException("Both spaces must hold the same points.", nameof(embedded));
        int k = neighbours;
        if (k < 1 || k >= n / 2.0) throw new ArgumentOutOfRangeException(nameof(neighbours), "Needs 1 ≤ k < n / 2.");

        var (lowNeighbours, _) = PairwiseDistances.Nearest(embedded, embedded, k, excludeSelf: true);
        using var outer = NewDisposeScope();
        var x = original.to_type(ScalarType.Float64).reshape(n, -1);
        var norms = x.pow(2).sum(1);
        var allNeighbours = tensor(lowNeighbours, [n, k]);
        double penalty = 0;
        const int blockRows = 256;
        for (long start = 0; start < n; start += blockRows)
        {
            using var scope = NewDisposeScope();
            long rows = Math.Min(blockRows, n - start);
            var d2 = PairwiseDistances.Squared(x.narrow(0, start, rows), x, norms);
            var self = arange(start, start + rows, dtype: ScalarType.Int64).unsqueeze(1);
            d2 = d2.scatter(1, self, full(rows, 1, double.PositiveInfinity, dtype: ScalarType.Float64));
            var toNeighbours = d2.gather(1, allNeighbours.narrow(0, start, rows)); // [rows, k]
            // Rank (1-based) of each embedded neighbour among the original-space neighbours of its point.
            var ranks = (d2.unsqueeze(1) < toNeighbours.unsqueeze(2)).sum(2) + 1; // [rows, k]
            penalty += (ranks - k).clamp_min(0).sum().to_type(ScalarType.Float64).item<double>();
        }
        return 1.0 - penalty * 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0));
    }
}
