using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Precision at k: the share of a search's k results that carry the query's label, averaged over the
/// queries. It scores a search the way a user sees it (how many of the ten shown are the right kind); guessing
/// scores the share of the query's class in the gallery, about 1 / classes for balanced data.</summary>
public static class RetrievalPrecision
{
    /// <summary>Mean precision of <paramref name="nearest"/> ([m, k] gallery rows, one row per query) given the
    /// gallery's labels [n] and the queries' labels [m].</summary>
    public static double AtK(Tensor nearest, Tensor galleryLabels, Tensor queryLabels)
    {
        if (nearest.dim() != 2 || nearest.shape[0] != queryLabels.numel())
            throw new ArgumentException("One row of results per query is needed.", nameof(nearest));
        using var scope = NewDisposeScope();
        var found = galleryLabels.to_type(ScalarType.Int64).flatten().index_select(0, nearest.to_type(ScalarType.Int64).flatten())
            .reshape(nearest.shape[0], nearest.shape[1]);
        var hits = found.eq(queryLabels.to_type(ScalarType.Int64).reshape(-1, 1));
        return hits.to_type(ScalarType.Float64).mean().item<double>();
    }
}
