using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Search by example: the images of a gallery whose codes (or pixels) lie nearest to a query's, by
/// Euclidean distance, the lecture's "image search" use of an encoder. The gallery is indexed once; queries are
/// compared against it a block at a time, so a 60,000-image gallery never needs a dense distance matrix.</summary>
/// <example><code>
/// using var search = new ImageSearch(encoder.Encode(gallery.Images));
/// var nearest = search.Nearest(encoder.Encode(queries.Images), k: 10);          // [m, 10] gallery rows
/// double p = RetrievalPrecision.AtK(nearest, gallery.Labels, queries.Labels);
/// </code></example>
public sealed class ImageSearch : IDisposable
{
    private readonly Tensor gallery; // [n, d] float32

    /// <summary>Indexes the rows of <paramref name="galleryFeatures"/> ([n, d] codes, or [n, h·w] pixels).</summary>
    public ImageSearch(Tensor galleryFeatures)
    {
        if (galleryFeatures.dim() != 2) throw new ArgumentException("Gallery features must be a matrix [n, d].", nameof(galleryFeatures));
        gallery = galleryFeatures.detach().to_type(ScalarType.Float32).contiguous();
    }

    /// <summary>Number of indexed images.</summary>
    public int Count => (int)gallery.shape[0];

    /// <summary>Gallery rows [m, k] (int64) of the <paramref name="k"/> nearest images to each query row, nearest
    /// first. Computed in float32: a search ranks whole images, where float32's rounding of near-ties does not
    /// matter and halves the time.</summary>
    public Tensor Nearest(Tensor queryFeatures, int k = 10)
    {
        if (queryFeatures.dim() != 2 || queryFeatures.shape[1] != gallery.shape[1])
            throw new ArgumentException($"Queries must be a matrix [m, {gallery.shape[1]}].", nameof(queryFeatures));
        var (indices, _) = PairwiseDistances.Nearest(queryFeatures, gallery, k, excludeSelf: false,
            computeType: ScalarType.Float32);
        return tensor(indices).reshape(queryFeatures.shape[0], k);
    }

    /// <inheritdoc />
    public void Dispose() => gallery.Dispose();
}
