using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Cosine similarity: the angle between two code vectors, ignoring their length. Autoencoder codes of
/// popular and obscure items differ mostly in magnitude; comparing directions finds items that are alike in kind.</summary>
public static class CosineSimilarity
{
    /// <summary>Rows scaled to unit length ([n, d] float32); all-zero rows stay zero (similarity 0 to everything).</summary>
    public static Tensor NormalizeRows(Tensor vectors)
    {
        using var scope = NewDisposeScope();
        var x = vectors.to_type(ScalarType.Float32).reshape(vectors.shape[0], -1);
        var norms = x.norm(1, keepdim: true).clamp_min(1e-12);
        return (x / norms).MoveToOuterDisposeScope();
    }

    /// <summary>All similarities between the rows of <paramref name="a"/> ([m, d]) and of <paramref name="b"/>
    /// ([n, d]): an [m, n] matrix. For many items use <see cref="SimilaritySearch"/>, which never builds it whole.</summary>
    public static Tensor Matrix(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return NormalizeRows(a).matmul(NormalizeRows(b).t()).MoveToOuterDisposeScope();
    }
}
