namespace Autoencoders.Analysis;

/// <summary>t-SNE's input similarities P: a Gaussian around every point whose width is chosen so that its entropy
/// matches log(perplexity), then symmetrised and normalised to sum to 1. Follows scikit-learn's
/// <c>_binary_search_perplexity</c> step for step (100 bisection steps, tolerance 1e-5 nats) so both libraries see
/// the same P.</summary>
internal static class TsneAffinities
{
    internal const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Conditional probabilities p(j|i) for each row of squared distances (row-major, rows × columns),
    /// written into <paramref name="result"/>. <paramref name="skipDiagonal"/> is true for the dense n × n case
    /// (p(i|i) = 0).</summary>
    internal static void Conditional(double[] squaredDistances, int rows, int columns, double perplexity,
        bool skipDiagonal, double[] result)
    {
        double desiredEntropy = Math.Log(perplexity);
        Parallel.For(0, rows, i =>
        {
            double betaMin = double.NegativeInfinity, betaMax = double.PositiveInfinity, beta = 1.0;
            int offset = i * columns;
            for (int step = 0; step < 100; step++)
            {
                double sum = 0;
                for (int j = 0; j < columns; j++)
                {
                    if (skipDiagonal && j == i) { result[offset + j] = 0; continue; }
                    double p = Math.Exp(-squaredDistances[offset + j] * beta);
                    result[offset + j] = p;
                    sum += p;
                }
                if (sum == 0) sum = 1e-8;
                double weighted = 0;
                for (int j = 0; j < columns; j++)
                {
                    result[offset + j] /= sum;
                    weighted += squaredDistances[offset + j] * result[offset + j];
                }
                double entropyDiff = Math.Log(sum) + beta * weighted - desiredEntropy;
                if (Math.Abs(entropyDiff) <= 1e-5) break;
                if (entropyDiff > 0)
                {
                    betaMin = beta;
                    beta = double.IsPositiveInfinity(betaMax) ? beta * 2 : (beta + betaMax) / 2;
                }
                else
                {
                    betaMax = beta;
                    beta = double.IsNegativeInfinity(betaMin) ? beta / 2 : (beta + betaMin) / 2;
                }
            }
        });
    }

    /// <summary>Dense joint P (n × n, zero diagonal, off-diagonal floored at machine epsilon as in scikit-learn).</summary>
    internal static double[] Dense(double[] squaredDistances, int n, double perplexity)
    {
        var conditional = new double[n * n];
        Conditional(squaredDistances, n, n, perplexity, skipDiagonal: true, conditional);
        var p = new double[n * n];
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double v = conditional[i * n + j] + conditional[j * n + i];
                p[i * n + j] = v;
                sum += v;
            }
        sum = Math.Max(sum, MachineEpsilon);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                p[i * n + j] = i == j ? 0 : Math.Max(p[i * n + j] / sum, MachineEpsilon);
        return p;
    }

    /// <summary>Sparse joint P from k nearest neighbours (row-major n × k indices and squared distances): the
    /// conditional P of each point over its neighbours, symmetrised (P + Pᵀ, union of both neighbour lists) and
    /// normalised. Returned in compressed-row form.</summary>
    internal static SparseAffinities Sparse(long[] neighbours, double[] squaredDistances, int n, int k, double perplexity)
    {
        var conditional = new double[n * k];
        Conditional(squaredDistances, n, k, perplexity, skipDiagonal: false, conditional);
        // P + Pᵀ as coordinate lists, then sorted by (row, column) and merged.
        var keys = new long[2 * n * k];
        var values = new double[2 * n * k];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < k; a++)
            {
                long j = neighbours[i * k + a];
                double v = conditional[i * k + a];
                keys[2 * (i * k + a)] = (long)i * n + j;
                values[2 * (i * k + a)] = v;
                keys[2 * (i * k + a) + 1] = j * n + i;
                values[2 * (i * k + a) + 1] = v;
            }
        Array.Sort(keys, values);
        var rowStart = new int[n + 1];
        var columns = new List<int>(keys.Length);
        var merged = new List<double>(keys.Length);
        double total = 0;
        for (int e = 0; e < keys.Length; e++)
        {
            if (e > 0 && keys[e] == keys[e - 1])
            {
                merged[^1] += values[e];
            }
            else
            {
                columns.Add((int)(keys[e] % n));
                merged.Add(values[e]);
                rowStart[(int)(keys[e] / n) + 1]++;
            }
            total += values[e];
        }
        for (int i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
        total = Math.Max(total, MachineEpsilon);
        var p = merged.Select(v => v / total).ToArray();
        return new SparseAffinities(rowStart, columns.ToArray(), p);
    }
}

/// <summary>A symmetric sparse P in compressed-row form: the entries of row i are Columns/Values[RowStart[i] ..
/// RowStart[i + 1]).</summary>
internal sealed record SparseAffinities(int[] RowStart, int[] Columns, double[] Values);
