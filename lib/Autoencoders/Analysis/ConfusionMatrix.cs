using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Counts of (true class, predicted class) pairs. Accuracy says how often a classifier is right; the matrix
/// says which classes it confuses (on MNIST: 4 with 9, 3 with 5), which is what the feature-extraction lesson
/// discusses.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] counts;

    private ConfusionMatrix(int[,] counts, IReadOnlyList<string> classNames)
    {
        this.counts = counts;
        ClassNames = classNames;
    }

    /// <summary>Builds the matrix from integer labels [n] and predictions [n]. Classes are 0 … C − 1 with C the
    /// largest label seen plus one, or <paramref name="classNames"/>.Count when names are given.</summary>
    public static ConfusionMatrix From(Tensor expected, Tensor predicted, IReadOnlyList<string>? classNames = null)
    {
        if (expected.numel() != predicted.numel()) throw new ArgumentException("Label vectors differ in length.", nameof(predicted));
        var y = expected.to_type(ScalarType.Int64).flatten().contiguous().data<long>().ToArray();
        var p = predicted.to_type(ScalarType.Int64).flatten().contiguous().data<long>().ToArray();
        int classes = classNames?.Count ?? (int)Math.Max(y.DefaultIfEmpty(0).Max(), p.DefaultIfEmpty(0).Max()) + 1;
        var counts = new int[classes, classes];
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] < 0 || y[i] >= classes || p[i] < 0 || p[i] >= classes)
                throw new ArgumentException($"Label {y[i]} or prediction {p[i]} is outside 0..{classes - 1}.");
            counts[y[i], p[i]]++;
        }
        var names = classNames ?? Enumerable.Range(0, classes).Select(c => c.ToString()).ToArray();
        return new ConfusionMatrix(counts, names);
    }

    /// <summary>Names of the classes, in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes C.</summary>
    public int ClassCount => counts.GetLength(0);

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as
    /// <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => counts[actual, predicted];

    /// <summary>Total number of samples counted.</summary>
    public int Total => counts.Cast<int>().Sum();

    /// <summary>Share of samples on the diagonal.</summary>
    public double Accuracy => Total == 0 ? 0 : Enumerable.Range(0, ClassCount).Sum(c => counts[c, c]) / (double)Total;

    /// <summary>Per-class recall: of the samples of each class, the share recognised. Shows which classes are hard.</summary>
    public IReadOnlyList<double> Recall => Enumerable.Range(0, ClassCount).Select(c =>
    {
        int row = Enumerable.Range(0, ClassCount).Sum(p => counts[c, p]);
        return row == 0 ? 0.0 : counts[c, c] / (double)row;
    }).ToArray();

    /// <summary>The counts as rows (true class) of columns (predicted class), ready for a heatmap.</summary>
    public int[][] ToRows() => Enumerable.Range(0, ClassCount)
        .Select(a => Enumerable.Range(0, ClassCount).Select(p => counts[a, p]).ToArray()).ToArray();
}
