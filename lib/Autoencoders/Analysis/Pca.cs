using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Principal component analysis: the best linear k-dimensional code in the least-squares sense. The course
/// uses it as the yardstick for autoencoders — a linear autoencoder trained with MSE can at best match PCA's
/// reconstruction error, so <see cref="OptimalReconstructionMse"/> tells how close training came.</summary>
/// <remarks>Fitted in float64 (float32 sums over 60,000 images lose the small eigenvalues). When there are many more
/// samples than features the eigendecomposition of the d×d covariance is used — the same answer as the SVD of the
/// centred data (singular values² / (n − 1) are its eigenvalues) at a fraction of the cost; otherwise the SVD.
/// Component signs follow scikit-learn's rule: the largest-magnitude loading of each component is positive, so
/// results are reproducible across runs and libraries.</remarks>
/// <example><code>
/// using var pca = Pca.Fit(train.Images, components: 32);
/// using var codes = pca.Transform(test.Images);                  // (10000, 32)
/// using var images = pca.InverseTransform(codes);                // back to (10000, 784)
/// Console.WriteLine(pca.OptimalReconstructionMse(32));           // the linear autoencoder's target on train
/// </code></example>
public sealed class Pca : IDisposable
{
    private readonly Tensor mean;        // [d], float64
    private readonly Tensor basis;  // [k, d], float64
    private readonly double[] variances; // all min(n, d) eigenvalues, descending, divided by n − 1

    private Pca(Tensor mean, Tensor components, double[] variances, long samples)
    {
        this.mean = mean;
        basis = components;
        this.variances = variances;
        SampleCount = samples;
    }

    /// <summary>Number of samples the model was fitted on.</summary>
    public long SampleCount { get; }

    /// <summary>Number of kept components (k).</summary>
    public int ComponentCount => (int)basis.shape[0];

    /// <summary>Number of input features (d).</summary>
    public int FeatureCount => (int)basis.shape[1];

    /// <summary>Mean of the training data, [d] float32: PCA describes variation around it.</summary>
    public Tensor Mean => mean.to_type(ScalarType.Float32);

    /// <summary>Principal axes as rows, [k, d] float32, orthonormal, by decreasing variance.</summary>
    public Tensor Components => basis.to_type(ScalarType.Float32);

    /// <summary>Variance of the data along each kept component (sample variance, divided by n − 1 as in
    /// scikit-learn), [k] float32.</summary>
    public Tensor ExplainedVariance => tensor(variances[..ComponentCount]).to_type(ScalarType.Float32);

    /// <summary>Share of the total variance carried by each kept component, [k] float32.</summary>
    public Tensor ExplainedVarianceRatio
    {
        get
        {
            double total = variances.Sum();
            return tensor(variances[..ComponentCount].Select(v => v / total).ToArray()).to_type(ScalarType.Float32);
        }
    }

    /// <summary>All eigenvalues of the sample covariance (min(n, d) of them, descending), including the ones of
    /// dropped components: they are what the reconstruction error is made of.</summary>
    public IReadOnlyList<double> AllVariances => variances;

    /// <summary>Fits PCA to the rows of <paramref name="data"/> ([n, d]) keeping <paramref name="components"/>
    /// components.</summary>
    public static Pca Fit(Tensor data, int components)
    {
        if (data.dim() != 2) throw new ArgumentException("PCA expects a matrix [n, d].", nameof(data));
        long n = data.shape[0], d = data.shape[1];
        int rank = (int)Math.Min(n, d);
        if (components < 1 || components > rank)
            throw new ArgumentOutOfRangeException(nameof(components), $"Between 1 and {rank} components can be kept.");
        if (n < 2) throw new ArgumentException("PCA needs at least two samples.", nameof(data));

        using var scope = NewDisposeScope();
        var x = data.to_type(ScalarType.Float64);
        var mean = x.mean([0L]);
        var centred = x - mean;
        Tensor variances, axes; // axes as rows, descending
        if (n >= 2 * d)
        {
            var covariance = centred.t().matmul(centred) / (n - 1);
            var (eigenvalues, eigenvectors) = linalg.eigh(covariance);
            variances = eigenvalues.flip(0).clamp_min(0);
            axes = eigenvectors.flip(1).t();
        }
        else
        {
            var (_, s, vh) = linalg.svd(centred, fullMatrices: false);
            variances = s.pow(2) / (n - 1);
            axes = vh;
        }
        axes = axes.narrow(0, 0, rank).narrow(0, 0, components);
        // Sign convention: the largest-magnitude loading of every component is positive.
        var maxIdx = axes.abs().argmax(1, keepdim: true);
        var signs = axes.gather(1, maxIdx).sign();
        signs = where(signs == 0, ones_like(signs), signs);
        axes = (axes * signs).contiguous();
        var all = variances.narrow(0, 0, rank).contiguous().data<double>().ToArray();
        return new Pca(mean.contiguous().MoveToOuterDisposeScope(), axes.MoveToOuterDisposeScope(), all, n);
    }

    /// <summary>Codes of <paramref name="data"/> ([m, d]) on the kept components, [m, k] float32.</summary>
    public Tensor Transform(Tensor data)
    {
        using var scope = NewDisposeScope();
        var codes = (data.to_type(ScalarType.Float64) - mean).matmul(basis.t());
        return codes.to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Maps codes ([m, k'] with k' ≤ k: the first k' components) back to input space, [m, d] float32.</summary>
    public Tensor InverseTransform(Tensor codes)
    {
        using var scope = NewDisposeScope();
        long kUsed = codes.shape[1];
        if (kUsed > ComponentCount) throw new ArgumentException($"At most {ComponentCount} code columns.", nameof(codes));
        var x = codes.to_type(ScalarType.Float64).matmul(basis.narrow(0, 0, kUsed)) + mean;
        return x.to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Projects onto the first <paramref name="components"/> components (all kept ones by default) and
    /// back: the best rank-k linear reconstruction.</summary>
    public Tensor Reconstruct(Tensor data, int? components = null)
    {
        int k = components ?? ComponentCount;
        if (k < 1 || k > ComponentCount) throw new ArgumentOutOfRangeException(nameof(components));
        using var scope = NewDisposeScope();
        var x = data.to_type(ScalarType.Float64) - mean;
        var w = basis.narrow(0, 0, k);
        var r = x.matmul(w.t()).matmul(w) + mean;
        return r.to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Mean squared error per value (over n·d values) of the best k-component reconstruction of the
    /// training data: the sum of the dropped eigenvalues divided by d (times (n − 1)/n, as the eigenvalues are
    /// sample variances). No linear autoencoder with a k-unit code can do better on these data.</summary>
    public double OptimalReconstructionMse(int components)
    {
        if (components < 0 || components > variances.Length) throw new ArgumentOutOfRangeException(nameof(components));
        double dropped = 0;
        for (int j = components; j < variances.Length; j++) dropped += variances[j];
        return dropped * (SampleCount - 1) / SampleCount / FeatureCount;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        mean.Dispose();
        basis.Dispose();
    }
}
