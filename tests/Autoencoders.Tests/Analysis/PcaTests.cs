using Autoencoders.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class PcaTests
{
    /// <summary>Data with covariance R·diag(λ)·Rᵀ for a random rotation R: PCA must find R's columns and λ.</summary>
    private static (Tensor Data, Tensor Axes, double[] Variances) KnownCovariance(long n, int seed)
    {
        var variances = new[] { 9.0, 4.0, 1.0, 0.25, 0.04 };
        using var g = new Generator().manual_seed(seed);
        var (q, _) = linalg.qr(randn(new long[] { 5, 5 }, dtype: ScalarType.Float64, generator: g));
        var z = randn(new long[] { n, 5 }, dtype: ScalarType.Float64, generator: g) * tensor(variances).sqrt();
        var data = (z.matmul(q.t()) + tensor(new[] { 1.0, -2.0, 3.0, 0.5, 10.0 })).to_type(ScalarType.Float32);
        return (data, q.t().to_type(ScalarType.Float32), variances);
    }

    [Fact]
    public void Recovers_components_and_variances_of_a_known_covariance()
    {
        using var scope = NewDisposeScope();
        var (data, axes, variances) = KnownCovariance(20000, seed: 1);
        using var pca = Pca.Fit(data, components: 3);
        var explained = pca.ExplainedVariance.data<float>().ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.InRange(explained[i] / variances[i], 0.95, 1.05);
            double cos = Math.Abs(pca.Components[i].dot(axes[i]).item<float>());
            Assert.True(cos > 0.99, $"component {i}: |cos| = {cos}");
        }
        Assert.True(pca.Mean.allclose(tensor(new[] { 1f, -2f, 3f, 0.5f, 10f }), rtol: 0, atol: 0.1));
        var ratio = pca.ExplainedVarianceRatio.data<float>().ToArray();
        Assert.InRange(ratio[0], 9 / 14.29 - 0.02, 9 / 14.29 + 0.02);
    }

    [Theory]
    [InlineData(300, 20, 1)]  // covariance path
    [InlineData(300, 20, 7)]
    [InlineData(30, 50, 4)]   // SVD path (fewer samples than features)
    public void Reconstruction_mse_equals_dropped_eigenvalues_over_d(int n, int d, int k)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator().manual_seed(3);
        var mixing = randn(new long[] { d, d }, generator: g);
        var data = randn(new long[] { n, d }, generator: g).matmul(mixing) + 5;
        using var pca = Pca.Fit(data, components: k);
        var reconstructed = pca.Reconstruct(data);
        double actual = ReconstructionError.Mse(reconstructed, data);
        double expected = pca.AllVariances.Skip(k).Sum() * (n - 1) / n / d;
        Assert.Equal(expected, pca.OptimalReconstructionMse(k), 10);
        Assert.InRange(actual / expected, 0.9999, 1.0001);
    }

    [Fact]
    public void Components_are_orthonormal_and_transform_inverts_with_all_components()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator().manual_seed(5);
        var data = randn(new long[] { 40, 6 }, generator: g).matmul(randn(new long[] { 6, 6 }, generator: g));
        using var pca = Pca.Fit(data, components: 6);
        var w = pca.Components;
        Assert.True(w.matmul(w.t()).allclose(eye(6), rtol: 0, atol: 1e-5));
        Assert.True(pca.InverseTransform(pca.Transform(data)).allclose(data, rtol: 0, atol: 1e-4));
        Assert.Equal(0.0, pca.OptimalReconstructionMse(6), 10);
        // The largest loading of each component is positive (reproducible signs).
        var rows = w.abs().argmax(1).data<long>().ToArray();
        for (int i = 0; i < 6; i++) Assert.True(w[i, rows[i]].item<float>() > 0);
    }
}
