using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>How well a clustering matches known labels: the adjusted Rand index and normalised mutual information,
/// both as scikit-learn defines them (<c>adjusted_rand_score</c>, <c>normalized_mutual_info_score</c> with the
/// arithmetic mean), so the figures compare with published ones. Neither cares how clusters are numbered.</summary>
/// <remarks>Written here because no library the course uses offers both: ML.NET's clustering evaluator reports a
/// mutual-information figure but no adjusted Rand index, and it scores only the predictions of its own trainers in an
/// <c>IDataView</c>. Both metrics are a few sums over one contingency table (classes × clusters).
/// <para>Chance level is 0 for the adjusted Rand index (random clusters of the same sizes score about 0, 1 is a
/// perfect match, negative is worse than chance); normalised mutual information is 0 for independent assignments and
/// 1 for a perfect match, but random clusters score a little above 0, more so with many small clusters.</para></remarks>
public static class ClusterAgreement
{
    /// <summary>Adjusted Rand index between <paramref name="labels"/> and <paramref name="clusters"/> (integer
    /// vectors [n]): the share of pairs of points on which the two agree (same group in both, or different groups in
    /// both), corrected so that chance scores 0.</summary>
    public static double AdjustedRandIndex(Tensor labels, Tensor clusters)
    {
        var (table, rows, columns, n) = Contingency(labels, clusters);
        static double Pairs(double count) => count * (count - 1) / 2;
        double index = table.Sum(Pairs), rowPairs = rows.Sum(Pairs), columnPairs = columns.Sum(Pairs), all = Pairs(n);
        double expected = rowPairs * columnPairs / all, maximum = (rowPairs + columnPairs) / 2;
        // One group on both sides (or every point alone on both): the two agree perfectly, as scikit-learn says.
        return maximum == expected ? 1.0 : (index - expected) / (maximum - expected);
    }

    /// <summary>Normalised mutual information between <paramref name="labels"/> and <paramref name="clusters"/>:
    /// the information (in nats) that knowing the cluster gives about the label, divided by the mean of the two
    /// entropies.</summary>
    public static double NormalizedMutualInformation(Tensor labels, Tensor clusters)
    {
        var (table, rows, columns, n) = Contingency(labels, clusters);
        double labelEntropy = Entropy(rows, n), clusterEntropy = Entropy(columns, n);
        if (labelEntropy == 0 && clusterEntropy == 0) return 1.0; // one group each: identical
        int c = columns.Length;
        double mutual = 0;
        for (int i = 0; i < table.Length; i++)
        {
            if (table[i] == 0) continue;
            mutual += table[i] / n * Math.Log(table[i] * n / (rows[i / c] * columns[i % c]));
        }
        var mean = (labelEntropy + clusterEntropy) / 2;
        return mean == 0 ? 0 : Math.Max(0, mutual) / mean;
    }

    private static double Entropy(double[] counts, double n) =>
        -counts.Where(v => v > 0).Sum(v => v / n * Math.Log(v / n));

    /// <summary>Counts of (label, cluster) pairs, row-major [labels × clusters], with the row and column sums.</summary>
    private static (double[] Table, double[] Rows, double[] Columns, double N) Contingency(Tensor labels, Tensor clusters)
    {
        if (labels.numel() != clusters.numel()) throw new ArgumentException("One cluster per label is needed.", nameof(clusters));
        if (labels.numel() < 2) throw new ArgumentException("At least two points are needed.", nameof(labels));
        var y = Codes(labels);
        var k = Codes(clusters);
        int r = y.Max() + 1, c = k.Max() + 1;
        var table = new double[r * c];
        var rows = new double[r];
        var columns = new double[c];
        for (int i = 0; i < y.Length; i++)
        {
            table[y[i] * c + k[i]]++;
            rows[y[i]]++;
            columns[k[i]]++;
        }
        return (table, rows, columns, y.Length);
    }

    /// <summary>The values renumbered 0, 1, … in sorted order, so any integers (negative, sparse) may name groups.</summary>
    private static int[] Codes(Tensor values)
    {
        var v = values.detach().cpu().to_type(ScalarType.Int64).contiguous().data<long>().ToArray();
        var code = v.Distinct().Order().Select((value, i) => (value, i)).ToDictionary(t => t.value, t => t.i);
        return v.Select(x => code[x]).ToArray();
    }
}
