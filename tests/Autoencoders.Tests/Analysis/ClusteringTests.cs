using Autoencoders.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class ClusteringTests
{
    static double Ari(long[] a, long[] b) => ClusterAgreement.AdjustedRandIndex(tensor(a), tensor(b));
    static double Nmi(long[] a, long[] b) => ClusterAgreement.NormalizedMutualInformation(tensor(a), tensor(b));

    [Fact]
    public void Adjusted_rand_index_matches_scikit_learns_documented_values()
    {
        // The examples of scikit-learn's adjusted_rand_score documentation.
        Assert.Equal(1.0, Ari([0, 0, 1, 1], [0, 0, 1, 1]), 12);
        Assert.Equal(1.0, Ari([0, 0, 1, 1], [1, 1, 0, 0]), 12);
        Assert.Equal(0.5714285714285715, Ari([0, 0, 1, 2], [0, 0, 1, 1]), 12);
        Assert.Equal(0.5714285714285715, Ari([0, 0, 1, 1], [0, 0, 1, 2]), 12);
        Assert.Equal(0.0, Ari([0, 0, 0, 0], [0, 1, 2, 3]), 12);
        Assert.Equal(-0.5, Ari([0, 0, 1, 1], [0, 1, 0, 1]), 12);
    }

    [Fact]
    public void Normalised_mutual_information_matches_values_worked_by_hand()
    {
        Assert.Equal(1.0, Nmi([0, 0, 1, 1], [1, 1, 0, 0]), 12);
        Assert.Equal(0.0, Nmi([0, 0, 0, 0], [0, 1, 2, 3]), 12);
        Assert.Equal(0.0, Nmi([0, 0, 1, 1], [0, 1, 0, 1]), 12);
        // I = ln 2 (the cluster tells the label), H(labels) = ln 2, H(clusters) = 1.5 ln 2: 2 / 2.5.
        Assert.Equal(0.8, Nmi([0, 0, 1, 1], [0, 0, 1, 2]), 12);
        // Group names do not matter, only who is grouped with whom.
        Assert.Equal(0.8, Nmi([7, 7, -3, -3], [5, 5, 9, 2]), 12);
    }

    [Fact]
    public void Random_clusters_score_near_zero_and_k_means_finds_well_separated_blobs()
    {
        using var scope = NewDisposeScope();
        var (x, y) = ClassifierTests.Blobs(100, seed: 41, spread: 0.5f);
        var kmeans = KMeans.Fit(x, clusters: 3, seed: 1);
        var clusters = kmeans.Assign(x);
        Assert.Equal(3, kmeans.ClusterCount);
        Assert.True(ClusterAgreement.AdjustedRandIndex(y, clusters) > 0.95);
        Assert.True(ClusterAgreement.NormalizedMutualInformation(y, clusters) > 0.95);

        using var g = new Generator().manual_seed(3);
        var random = randint(0, 3, [300], dtype: ScalarType.Int64, generator: g);
        Assert.InRange(ClusterAgreement.AdjustedRandIndex(y, random), -0.05, 0.05);
        Assert.InRange(ClusterAgreement.NormalizedMutualInformation(y, random), 0, 0.05);
    }
}
