using Microsoft.ML;
using Microsoft.ML.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>k-means clustering with ML.NET's <c>KMeansTrainer</c> (k-means++ start, Elkan's accelerated iterations),
/// on tensors: the lecture's "clustering" use of codes. Only the points are used, never labels; how well the
/// clusters match the classes is measured afterwards with <see cref="ClusterAgreement"/>.</summary>
/// <example><code>
/// var kmeans = KMeans.Fit(codes, clusters: 10, seed: 42);
/// var clusters = kmeans.Assign(codes);                                  // [n], 0 … 9
/// double ari = ClusterAgreement.AdjustedRandIndex(labels, clusters);
/// </code></example>
public sealed class KMeans
{
    private readonly MLContext context;
    private readonly ITransformer model;

    private KMeans(MLContext context, ITransformer model, int clusterCount)
    {
        this.context = context;
        this.model = model;
        ClusterCount = clusterCount;
    }

    /// <summary>Number of clusters, k.</summary>
    public int ClusterCount { get; }

    /// <summary>Finds <paramref name="clusters"/> clusters among the rows of <paramref name="features"/> ([n, d]),
    /// with at most <paramref name="iterations"/> iterations; the seed fixes the k-means++ start.</summary>
    public static KMeans Fit(Tensor features, int clusters, int iterations = 100, int seed = 42)
    {
        if (clusters < 2 || clusters > features.shape[0]) throw new ArgumentOutOfRangeException(nameof(clusters));
        var context = new MLContext(seed);
        var trainer = context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = MlNetData.Features,
            NumberOfClusters = clusters,
            MaximumNumberOfIterations = iterations,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            // One thread: the same clusters for the same seed on any machine.
            NumberOfThreads = 1,
        });
        return new KMeans(context, trainer.Fit(MlNetData.ToDataView(context, features)), clusters);
    }

    /// <summary>The nearest cluster [m] (int64, 0 … k − 1) of every row of <paramref name="features"/>.</summary>
    public Tensor Assign(Tensor features) =>
        MlNetData.Classes(model.Transform(MlNetData.ToDataView(context, features)), "PredictedLabel");
}
