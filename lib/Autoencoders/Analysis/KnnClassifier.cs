using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>k-nearest-neighbour classifier: a label is the majority label of the k closest training points
/// (Euclidean). It has no parameters to train, so its accuracy measures the features themselves — how well an
/// embedding keeps the classes apart — rather than the skill of a learner.</summary>
/// <example><code>
/// double cv = KnnClassifier.CrossValidatedAccuracy(codes2d, labels);          // 5-NN, 5 folds
/// using var knn = new KnnClassifier(trainCodes, train.Labels, neighbours: 5);
/// double heldOut = knn.Accuracy(testCodes, test.Labels);
/// </code></example>
public sealed class KnnClassifier : IDisposable
{
    private readonly Tensor trainFeatures; // [n, d] float64
    private readonly long[] trainLabels;
    private readonly int classCount;

    /// <summary>Remembers the training points (features [n, d], integer labels [n]); <paramref name="neighbours"/> is
    /// k.</summary>
    public KnnClassifier(Tensor features, Tensor labels, int neighbours = 5)
    {
        if (features.shape[0] != labels.shape[0]) throw new ArgumentException("One label per row is needed.", nameof(labels));
        if (neighbours < 1 || neighbours > features.shape[0]) throw new ArgumentOutOfRangeException(nameof(neighbours));
        trainFeatures = features.to_type(ScalarType.Float64).reshape(features.shape[0], -1).contiguous();
        trainLabels = labels.to_type(ScalarType.Int64).contiguous().data<long>().ToArray();
        classCount = (int)trainLabels.Max() + 1;
        Neighbours = neighbours;
    }

    /// <summary>k, the number of neighbours that vote.</summary>
    public int Neighbours { get; }

    /// <summary>Predicted labels [m] (int64) for the rows of <paramref name="features"/>. Ties go to the smallest
    /// label, as in scikit-learn.</summary>
    public Tensor Predict(Tensor features)
    {
        var (indices, _) = PairwiseDistances.Nearest(features, trainFeatures, Neighbours, excludeSelf: false);
        long m = features.shape[0];
        var predictions = new long[m];
        var votes = new int[classCount];
        for (long i = 0; i < m; i++)
        {
            Array.Clear(votes);
            for (int j = 0; j < Neighbours; j++) votes[trainLabels[indices[i * Neighbours + j]]]++;
            int best = 0;
            for (int c = 1; c < classCount; c++) if (votes[c] > votes[best]) best = c;
            predictions[i] = best;
        }
        return tensor(predictions);
    }

    /// <summary>Fraction of rows of <paramref name="features"/> whose predicted label equals
    /// <paramref name="labels"/>.</summary>
    public double Accuracy(Tensor features, Tensor labels)
    {
        using var predicted = Predict(features);
        return Analysis.Accuracy.Of(labels, predicted);
    }

    /// <summary>Mean k-NN accuracy over <paramref name="folds"/> held-out folds: every point is classified once by a
    /// model that never saw it. The folds are those of scikit-learn's <c>StratifiedKFold</c> without shuffling (what
    /// <c>cross_val_score(KNeighborsClassifier(), X, y, cv=5)</c> uses), so the figure is directly comparable.</summary>
    public static double CrossValidatedAccuracy(Tensor features, Tensor labels, int neighbours = 5, int folds = 5)
    {
        long n = features.shape[0];
        var y = labels.to_type(ScalarType.Int64).contiguous().data<long>().ToArray();
        var fold = StratifiedFolds(y, folds);
        double sum = 0;
        for (int f = 0; f < folds; f++)
        {
            using var scope = NewDisposeScope();
            var testIdx = tensor(Enumerable.Range(0, (int)n).Where(i => fold[i] == f).Select(i => (long)i).ToArray());
            var trainIdx = tensor(Enumerable.Range(0, (int)n).Where(i => fold[i] != f).Select(i => (long)i).ToArray());
            using var model = new KnnClassifier(features.index_select(0, trainIdx), labels.index_select(0, trainIdx), neighbours);
            sum += model.Accuracy(features.index_select(0, testIdx), labels.index_select(0, testIdx));
        }
        return sum / folds;
    }

    /// <summary>Fold of every sample, following scikit-learn's StratifiedKFold (shuffle = false): the sorted labels
    /// are dealt round-robin to the folds to decide how many of each class a fold gets, then each class's samples, in
    /// their original order, fill the folds in order.</summary>
    internal static int[] StratifiedFolds(long[] labels, int folds)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), "At least two folds are needed.");
        var classes = labels.Distinct().Order().ToArray();
        var code = classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i);
        var encoded = labels.Select(l => code[l]).ToArray();
        var sorted = encoded.Order().ToArray();
        var allocation = new int[folds, classes.Length];
        for (int i = 0; i < sorted.Length; i++) allocation[i % folds, sorted[i]]++;
        var result = new int[labels.Length];
        for (int c = 0; c < classes.Length; c++)
        {
            int f = 0, used = 0;
            for (int i = 0; i < encoded.Length; i++)
            {
                if (encoded[i] != c) continue;
                while (used >= allocation[f, c]) { f++; used = 0; }
                result[i] = f;
                used++;
            }
        }
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => trainFeatures.Dispose();
}
