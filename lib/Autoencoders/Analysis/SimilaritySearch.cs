using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Finds the most similar items (by cosine similarity of their codes), for one item or for all of them.
/// All-items search runs one block of query rows at a time, so 25,000+ items need only a block × N slice of the
/// similarity matrix in memory, never the dense N × N one.</summary>
/// <example><code>
/// using var search = new SimilaritySearch(movieCodes);                 // (9724, 128), row i = matrix.RowIndex[i]
/// var similar = search.MostSimilar(matrix.RowIndex.PositionOf(1485), k: 10);   // Liar Liar (1997)
/// var table = SimilarItemTable.Create(similar, matrix.RowIndex.Ids, movieLens.Movies);
/// var (indices, scores) = search.MostSimilarForAll(k: 10);            // every movie, blockwise
/// </code></example>
public sealed class SimilaritySearch : IDisposable
{
    private readonly Tensor unit; // [n, d], rows of unit length

    /// <summary>Indexes the rows of <paramref name="embeddings"/> ([n, d]), one row per item.</summary>
    public SimilaritySearch(Tensor embeddings)
    {
        if (embeddings.dim() != 2) throw new ArgumentException("Embeddings must be a matrix [n, d].", nameof(embeddings));
        unit = CosineSimilarity.NormalizeRows(embeddings).contiguous();
    }

    /// <summary>Number of indexed items.</summary>
    public int Count => (int)unit.shape[0];

    /// <summary>The <paramref name="k"/> items most similar to item <paramref name="item"/> (a row index), best
    /// first, the item itself left out.</summary>
    public IReadOnlyList<SimilarItem> MostSimilar(int item, int k = 10)
    {
        if (item < 0 || item >= Count) throw new ArgumentOutOfRangeException(nameof(item));
        using var scope = NewDisposeScope();
        return Search(unit.narrow(0, item, 1), k, exclude: item);
    }

    /// <summary>The <paramref name="k"/> indexed items most similar to a query vector [d] (e.g. the code of a new
    /// user or a made-up profile), best first.</summary>
    public IReadOnlyList<SimilarItem> MostSimilarTo(Tensor query, int k = 10)
    {
        using var scope = NewDisposeScope();
        return Search(CosineSimilarity.NormalizeRows(query.reshape(1, -1)), k, exclude: -1);
    }

    /// <summary>Top-<paramref name="k"/> neighbours of every item (itself excluded): indices [n, k] (int64) and
    /// similarities [n, k] (float32), best first in each row. Works through <paramref name="blockRows"/> rows at a
    /// time.</summary>
    public (Tensor Indices, Tensor Scores) MostSimilarForAll(int k = 10, int blockRows = 1024)
    {
        if (k < 1 || k >= Count) throw new ArgumentOutOfRangeException(nameof(k), $"Needs 1 ≤ k < {Count}.");
        var indexBlocks = new List<Tensor>();
        var scoreBlocks = new List<Tensor>();
        try
        {
            for (long start = 0; start < Count; start += blockRows)
            {
                using var scope = NewDisposeScope();
                long rows = Math.Min(blockRows, Count - start);
                var sims = unit.narrow(0, start, rows).matmul(unit.t());
                var self = arange(start, start + rows, dtype: ScalarType.Int64).unsqueeze(1);
                sims = sims.scatter(1, self, full(rows, 1, float.NegativeInfinity));
                var (values, indices) = sims.topk(k, dim: 1, largest: true, sorted: true);
                scoreBlocks.Add(values.MoveToOuterDisposeScope());
                indexBlocks.Add(indices.MoveToOuterDisposeScope());
            }
            return (cat(indexBlocks, 0), cat(scoreBlocks, 0));
        }
        finally
        {
            foreach (var t in indexBlocks.Concat(scoreBlocks)) t.Dispose();
        }
    }

    private List<SimilarItem> Search(Tensor unitQuery, int k, int exclude)
    {
        int available = Count - (exclude >= 0 ? 1 : 0);
        if (k < 1 || k > available) throw new ArgumentOutOfRangeException(nameof(k), $"Needs 1 ≤ k ≤ {available}.");
        var sims = unitQuery.matmul(unit.t()).squeeze(0);
        if (exclude >= 0) sims[exclude] = float.NegativeInfinity;
        var (values, indices) = sims.topk(k, largest: true, sorted: true);
        var v = values.data<float>().ToArray();
        var ix = indices.data<long>().ToArray();
        return Enumerable.Range(0, k).Select(i => new SimilarItem((int)ix[i], v[i])).ToList();
    }

    /// <inheritdoc />
    public void Dispose() => unit.Dispose();
}
