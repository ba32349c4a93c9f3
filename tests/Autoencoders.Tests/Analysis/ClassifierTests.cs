using Autoencoders.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class ClassifierTests
{
    /// <summary>Three Gaussian blobs far apart in 5-D: linearly separable with overwhelming probability.</summary>
    internal static (Tensor X, Tensor Y) Blobs(int perClass, int seed, float spread = 0.5f, int dims = 5)
    {
        using var g = new Generator().manual_seed(seed);
        var centres = randn(new long[] { 3, dims }, generator: g) * 5;
        var y = arange(3, dtype: ScalarType.Int64).repeat_interleave(perClass);
        var x = centres.index_select(0, y) + spread * randn(new long[] { 3 * perClass, dims }, generator: g);
        var perm = randperm(3 * perClass, generator: g);
        return (x.index_select(0, perm), y.index_select(0, perm));
    }

    [Fact]
    public void Logistic_regression_exceeds_90_percent_on_a_linearly_separable_set()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Blobs(100, seed: 21, spread: 1.5f);
        var (xt, yt) = (x.narrow(0, 0, 200), y.narrow(0, 0, 200));
        var (xv, yv) = (x.narrow(0, 200, 100), y.narrow(0, 200, 100));
        using var model = LogisticRegression.Fit(xt, yt, epochs: 20);
        Assert.True(model.Accuracy(xv, yv) > 0.9, $"held-out accuracy {model.Accuracy(xv, yv)}");
        Assert.True(model.LossHistory[^1] < model.LossHistory[0]);
        var p = model.PredictProbabilities(xv);
        Assert.True(p.sum(1).allclose(ones(100), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Logistic_regression_is_no_better_than_chance_on_shuffled_labels()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Blobs(100, seed: 22);
        using var g = new Generator().manual_seed(1);
        var shuffled = y.index_select(0, randperm(300, generator: g));
        using var model = LogisticRegression.Fit(x.narrow(0, 0, 200), shuffled.narrow(0, 0, 200), epochs: 10);
        Assert.InRange(model.Accuracy(x.narrow(0, 200, 100), shuffled.narrow(0, 200, 100)), 0.1, 0.6);
    }

    [Fact]
    public void Knn_votes_with_the_majority_of_neighbours()
    {
        using var scope = NewDisposeScope();
        var train = tensor(new float[,] { { 0 }, { 1 }, { 2 }, { 10 }, { 11 }, { 12 } });
        var labels = tensor(new long[] { 0, 0, 1, 1, 1, 1 });
        using var knn = new KnnClassifier(train, labels, neighbours: 3);
        var predicted = knn.Predict(tensor(new float[,] { { 0.4f }, { 1.6f }, { 11 } })).data<long>().ToArray();
        Assert.Equal(new long[] { 0, 0, 1 }, predicted); // 1.6 → neighbours 2 (1), 1 (0), 0 (0)
    }

    [Fact]
    public void Stratified_folds_match_scikit_learn()
    {
        // sklearn 1.2.1: StratifiedKFold(3).split(zeros, y) — fold of every sample.
        var y = new long[] { 2, 0, 1, 1, 0, 2, 2, 1, 0, 0, 1, 2, 1, 1, 0, 2, 0 };
        var expected = new[] { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2 };
        Assert.Equal(expected, KnnClassifier.StratifiedFolds(y, 3));
    }

    [Fact]
    public void Cross_validated_knn_accuracy_is_perfect_on_separated_blobs_and_poor_on_noise()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Blobs(40, seed: 23, spread: 0.05f, dims: 2);
        Assert.Equal(1.0, KnnClassifier.CrossValidatedAccuracy(x, y), 12);
        using var g = new Generator().manual_seed(2);
        var noise = randn(new long[] { 120, 2 }, generator: g);
        Assert.InRange(KnnClassifier.CrossValidatedAccuracy(noise, y), 0.1, 0.6);
    }

    [Fact]
    public void Confusion_matrix_counts_pairs_of_true_and_predicted_class()
    {
        using var scope = NewDisposeScope();
        var truth = tensor(new long[] { 0, 0, 1, 1, 1, 2 });
        var guess = tensor(new long[] { 0, 1, 1, 1, 2, 2 });
        var cm = ConfusionMatrix.From(truth, guess, new[] { "a", "b", "c" });
        Assert.Equal(new[] { new[] { 1, 1, 0 }, new[] { 0, 2, 1 }, new[] { 0, 0, 1 } }, cm.ToRows());
        Assert.Equal(4.0 / 6, cm.Accuracy, 12);
        Assert.Equal(Accuracy.Of(truth, guess), cm.Accuracy, 12);
        Assert.Equal(new[] { 0.5, 2.0 / 3, 1.0 }, cm.Recall);
        Assert.Equal(6, cm.Total);
    }
}
