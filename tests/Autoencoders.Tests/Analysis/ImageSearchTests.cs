using Autoencoders.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class ImageSearchTests
{
    [Fact]
    public void Search_returns_the_nearest_gallery_rows_first_and_precision_counts_matching_labels()
    {
        using var scope = NewDisposeScope();
        var gallery = tensor(new float[,] { { 0 }, { 1 }, { 2 }, { 10 }, { 11 }, { 12 } });
        var galleryLabels = tensor(new long[] { 0, 0, 1, 1, 1, 1 });
        using var search = new ImageSearch(gallery);
        var nearest = search.Nearest(tensor(new float[,] { { 0.2f }, { 11.2f } }), k: 3);
        Assert.Equal(new long[] { 0, 1, 2, 4, 5, 3 }, nearest.data<long>().ToArray());
        // Query 1 (label 0): labels 0, 0, 1 → 2/3; query 2 (label 1): 3/3.
        Assert.Equal((2.0 / 3 + 1) / 2, RetrievalPrecision.AtK(nearest, galleryLabels, tensor(new long[] { 0, 1 })), 12);
    }
}
