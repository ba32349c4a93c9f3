using Autoencoders.Analysis;
using Microsoft.Data.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class SimilaritySearchTests
{
    [Fact]
    public void Blocked_top_k_equals_the_dense_brute_force_answer()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator().manual_seed(31);
        int n = 500, k = 7;
        var codes = randn(new long[] { n, 16 }, generator: g);
        using var search = new SimilaritySearch(codes);
        var (indices, scores) = search.MostSimilarForAll(k, blockRows: 64);

        // Dense reference: the full N×N cosine matrix, diagonal removed.
        var norms = codes.norm(1, keepdim: true);
        var dense = (codes / norms).matmul((codes / norms).t());
        dense = where(eye(n, dtype: ScalarType.Bool), full_like(dense, float.NegativeInfinity), dense);
        var (refScores, refIndices) = dense.topk(k, dim: 1);
        Assert.True(indices.allclose(refIndices, rtol: 0, atol: 0));
        Assert.True(scores.allclose(refScores, rtol: 0, atol: 1e-6));

        var one = search.MostSimilar(123, k);
        Assert.Equal(refIndices[123].data<long>().ToArray(), one.Select(r => (long)r.Index).ToArray());
        Assert.DoesNotContain(one, r => r.Index == 123);
        Assert.True(one.Zip(one.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void Cosine_ignores_length_and_zero_vectors_score_zero()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[,] { { 1, 0 }, { 0, 2 }, { 0, 0 } });
        var b = tensor(new float[,] { { 3, 0 }, { 1, 1 } });
        var m = CosineSimilarity.Matrix(a, b);
        var expected = tensor(new float[,] { { 1, MathF.Sqrt(0.5f) }, { 0, MathF.Sqrt(0.5f) }, { 0, 0 } });
        Assert.True(m.allclose(expected, rtol: 0, atol: 1e-6));

        using var search = new SimilaritySearch(b);
        var best = search.MostSimilarTo(tensor(new float[] { 10, 1 }), k: 1);
        Assert.Equal(0, best[0].Index);
    }

    [Fact]
    public void Results_join_the_movies_frame_by_id()
    {
        using var scope = NewDisposeScope();
        // Items 0, 1, 2 of the embedding are movies 10, 20, 30; LoadCsv gives numeric ids as float columns.
        var movies = new DataFrame(
            new SingleDataFrameColumn("movieId", new float[] { 30, 10, 20 }),
            new StringDataFrameColumn("title", new[] { "Thirty (1990)", "Ten (1980)", "Twenty (1985)" }),
            new StringDataFrameColumn("genres", new[] { "Drama", "Comedy", "Comedy|Drama" }));
        var codes = tensor(new float[,] { { 1, 0 }, { 0.9f, 0.1f }, { 0, 1 } });
        using var search = new SimilaritySearch(codes);
        var table = SimilarItemTable.Create(search.MostSimilar(0, 2), new[] { 10, 20, 30 }, movies);

        Assert.Equal(new[] { "movieId", "title", "genres", "score" }, table.Columns.Select(c => c.Name));
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(20, table.Columns["movieId"][0]);
        Assert.Equal("Twenty (1985)", table.Columns["title"][0]);
        Assert.Equal("Comedy|Drama", table.Columns["genres"][0]);
        Assert.Equal("Thirty (1990)", table.Columns["title"][1]);
        Assert.Equal(0.0, (double)table.Columns["score"][1]!, 6);
    }
}
