using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Squared Euclidean distances and nearest neighbours computed one block of query rows at a time, so that
/// 10,000 or 60,000 points never need a dense N×N matrix in memory. Distances are computed in float64 because the
/// expansion ‖a‖² − 2a·b + ‖b‖² loses the small distances that neighbour ranks depend on in float32.</summary>
internal static class PairwiseDistances
{
    /// <summary>Rows per block: 1,024 × 60,000 float64 values is about 0.5 GB at most, usually far less.</summary>
    internal const int DefaultBlockRows = 1024;

    /// <summary>Squared distances between every row of <paramref name="queries"/> and every row of
    /// <paramref name="data"/> (both float64, [n, d]); clamped at zero against rounding.</summary>
    internal static Tensor Squared(Tensor queries, Tensor data, Tensor? dataSquaredNorms = null)
    {
        using var scope = NewDisposeScope();
        var qn = queries.pow(2).sum(1, keepdim: true);
        var dn = (dataSquaredNorms ?? data.pow(2).sum(1)).unsqueeze(0);
        var d2 = (qn + dn - 2 * queries.matmul(data.t())).clamp_min(0);
        return d2.MoveToOuterDisposeScope();
    }

    /// <summary>The k nearest rows of <paramref name="data"/> for every row of <paramref name="queries"/>, nearest
    /// first, computed in <paramref name="computeType"/> (float64 unless speed matters more than exact ties). With <paramref name="excludeSelf"/> the queries must be the data itself and each row's own index is
    /// left out (the convention of scikit-learn's <c>kneighbors()</c> without arguments).</summary>
    internal static (long[] Indices, double[] SquaredDistances) Nearest(Tensor queries, Tensor data, int k,
        bool excludeSelf, int blockRows = DefaultBlockRows, ScalarType computeType = ScalarType.Float64)
    {
        using var outer = NewDisposeScope();
        var q = queries.to_type(computeType).reshape(queries.shape[0], -1);
        var x = data.to_type(computeType).reshape(data.shape[0], -1);
        long nq = q.shape[0], nx = x.shape[0];
        if (k < 1 || k > nx - (excludeSelf ? 1 : 0))
            throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} neighbours cannot be found among {nx} points.");
        var xNorms = x.pow(2).sum(1);
        var indices = new long[nq * k];
        var distances = new double[nq * k];
        for (long start = 0; start < nq; start += blockRows)
        {
            using var scope = NewDisposeScope();
            long rows = Math.Min(blockRows, nq - start);
            var d2 = Squared(q.narrow(0, start, rows), x, xNorms);
            if (excludeSelf)
            {
                var self = arange(start, start + rows, dtype: ScalarType.Int64).unsqueeze(1);
                d2 = d2.scatter(1, self, full(rows, 1, double.PositiveInfinity, dtype: computeType));
            }
            var (values, idx) = d2.topk(k, dim: 1, largest: false, sorted: true);
            values = values.to_type(ScalarType.Float64);
            Array.Copy(values.contiguous().data<double>().ToArray(), 0, distances, start * k, rows * k);
            Array.Copy(idx.contiguous().data<long>().ToArray(), 0, indices, start * k, rows * k);
        }
        return (indices, distances);
    }
}
