using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Tree-based classifiers from ML.NET's LightGBM trainer, on tensors: a single decision tree per class, and
/// gradient-boosted trees. The lecture runs "KNN, Log. reg. or Tree based model" on embeddings and asks whether
/// decision trees are good enough for raw images; these put trees beside <see cref="LogisticRegression"/> and
/// <see cref="KnnClassifier"/> with the same <c>Fit</c> / <c>Predict</c> / <c>Accuracy</c> shape.</summary>
/// <remarks>LightGBM learns a multi-class model directly (one tree per class and round, on the softmax of their
/// summed scores), so <see cref="FitDecisionTree"/> is one round: for each class a single tree with up to
/// <c>leaves</c> leaves, the closest thing ML.NET has to a classic decision tree. Features are binned into at most
/// 255 values, which makes 784 raw pixels as cheap to split on as 32 codes.</remarks>
/// <example><code>
/// using var tree = TreeClassifier.FitDecisionTree(trainCodes, train.Labels);
/// using var boosted = TreeClassifier.FitBoostedTrees(trainCodes, train.Labels, rounds: 100);
/// Console.WriteLine($"{tree.Accuracy(testCodes, test.Labels):P1} vs {boosted.Accuracy(testCodes, test.Labels):P1}");
/// </code></example>
public sealed class TreeClassifier : IDisposable
{
    private readonly MLContext context;
    private readonly ITransformer model;

    private TreeClassifier(MLContext context, ITransformer model, int classCount, int rounds)
    {
        this.context = context;
        this.model = model;
        ClassCount = classCount;
        Rounds = rounds;
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Boosting rounds: trees per class.</summary>
    public int Rounds { get; }

    /// <summary>One decision tree per class (a single boosting round, no shrinkage), each with at most
    /// <paramref name="leaves"/> leaves of at least <paramref name="minLeafSize"/> training rows.</summary>
    public static TreeClassifier FitDecisionTree(Tensor features, Tensor labels, int leaves = 256, int minLeafSize = 5,
        int seed = 42) =>
        Fit(features, labels, rounds: 1, leaves, minLeafSize, learningRate: 1.0, seed);

    /// <summary>Gradient-boosted trees: <paramref name="rounds"/> rounds of one tree per class, each of at most
    /// <paramref name="leaves"/> leaves, added with step <paramref name="learningRate"/>.</summary>
    public static TreeClassifier FitBoostedTrees(Tensor features, Tensor labels, int rounds = 100, int leaves = 31,
        double learningRate = 0.1, int seed = 42) =>
        Fit(features, labels, rounds, leaves, minLeafSize: 20, learningRate, seed);

    private static TreeClassifier Fit(Tensor features, Tensor labels, int rounds, int leaves, int minLeafSize,
        double learningRate, int seed)
    {
        if (rounds < 1) throw new ArgumentOutOfRangeException(nameof(rounds));
        var context = new MLContext(seed);
        var data = MlNetData.ToDataView(context, features, labels);
        var (toKeys, classes) = MlNetData.LabelsToKeys(context, labels);
        var trainer = context.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = MlNetData.Label,
            FeatureColumnName = MlNetData.Features,
            NumberOfIterations = rounds,
            NumberOfLeaves = leaves,
            MinimumExampleCountPerLeaf = minLeafSize,
            LearningRate = learningRate,
            Seed = seed,
            Silent = true,
            // Deterministic for a seed: one thread per fit (the cores are shared with TorchSharp anyway).
            NumberOfThreads = 1,
            Booster = new GradientBooster.Options(),
        });
        // The label step only serves training: predictions come from features alone.
        var keyed = toKeys.Fit(data).Transform(data);
        return new TreeClassifier(context, trainer.Fit(keyed), classes, rounds);
    }

    /// <summary>Predicted classes [m] (int64) for the rows of <paramref name="features"/>.</summary>
    public Tensor Predict(Tensor features)
    {
        var predictions = model.Transform(MlNetData.ToDataView(context, features));
        return MlNetData.Classes(predictions, "PredictedLabel");
    }

    /// <summary>Accuracy on <paramref name="features"/> against <paramref name="labels"/>.</summary>
    public double Accuracy(Tensor features, Tensor labels)
    {
        using var predicted = Predict(features);
        return Analysis.Accuracy.Of(labels, predicted);
    }

    /// <inheritdoc />
    public void Dispose() => (model as IDisposable)?.Dispose();
}
