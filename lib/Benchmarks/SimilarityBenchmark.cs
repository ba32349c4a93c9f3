using System.Diagnostics;
using System.Globalization;
using Autoencoders.Analysis;
using Autoencoders.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Benchmarks;

/// <summary>Top-10 most similar items for every one of the 9,724 rated MovieLens (ml-latest-small) movies from
/// 128-d codes, by blocked cosine similarity; with scikit-learn's Python stack installed, numpy's dense version on the
/// same codes, and how often both agree. The codes are a fixed random projection of each movie's ratings row
/// (610 → 128): the shape of the lesson's autoencoder codes, and cosine-preserving enough that the example neighbours
/// make sense, without training a model first.</summary>
public sealed class SimilarityBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "similarity";

    /// <inheritdoc />
    public string Description => "Cosine top-10 for all 9,724 MovieLens movies (128-d codes) vs numpy [--no-python]";

    private const string Script = """
        import sys, time, numpy as np
        n, d, k = int(sys.argv[2]), int(sys.argv[3]), 10
        x = np.fromfile(sys.argv[1], dtype=np.float32).reshape(n, d)
        t0 = time.perf_counter()
        u = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
        s = u @ u.T
        np.fill_diagonal(s, -np.inf)
        part = np.argpartition(-s, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(s, part, axis=1), axis=1)
        top = np.take_along_axis(part, order, axis=1)
        print(f"seconds={time.perf_counter() - t0}")
        top.astype(np.float32).tofile(sys.argv[4])
        np.take_along_axis(s, top, axis=1).astype(np.float32).tofile(sys.argv[5])
        """;

    /// <inheritdoc />
    public int Run(string[] args)
    {
        var movies = MovieLens.Load();
        var matrix = RatingMatrix.FromRatings(movies.Ratings);
        using var scope = NewDisposeScope();
        using var generator = new Generator().manual_seed(42);
        var projection = randn(new long[] { matrix.ColumnCount, 128 }, generator: generator);
        var codes = matrix.ToDense().matmul(projection);
        int n = (int)codes.shape[0];
        Console.WriteLine($"{n} movies × {codes.shape[1]}-d codes; torch threads {get_num_threads()}");

        using var search = new SimilaritySearch(codes);
        Tensor? indices = null, bestScores = null;
        var times = new List<double>();
        for (int run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var (ix, scores) = search.MostSimilarForAll(10);
            times.Add(clock.Elapsed.TotalSeconds);
            indices?.Dispose();
            bestScores?.Dispose();
            (indices, bestScores) = (ix, scores);
        }
        Console.WriteLine($"course SimilaritySearch.MostSimilarForAll(10): {times[0]:0.000} s first run, " +
                          $"best of 3 {times.Min():0.000} s");

        int liarLiar = matrix.RowIndex.PositionOf(1485); // Liar Liar (1997)
        Console.WriteLine("\nMost similar to Liar Liar (1997):");
        var table = SimilarItemTable.Create(search.MostSimilar(liarLiar, 10), matrix.RowIndex.Ids, movies.Movies);
        for (long r = 0; r < table.Rows.Count; r++)
            Console.WriteLine($"  {table.Columns["score"][r]:0.000}  {table.Columns["movieId"][r],6}  {table.Columns["title"][r]}  [{table.Columns["genres"][r]}]");

        if (args.Contains("--no-python") || !ScikitLearn.Available()) return 0;
        var input = ScikitLearn.WriteMatrix(codes.contiguous().data<float>().ToArray());
        var output = Path.ChangeExtension(input, ".out.f32");
        var outputScores = Path.ChangeExtension(input, ".scores.f32");
        try
        {
            var (code, text, error) = ScikitLearn.Run(Script, TimeSpan.FromMinutes(5), input,
                n.ToString(CultureInfo.InvariantCulture), codes.shape[1].ToString(CultureInfo.InvariantCulture), output, outputScores);
            if (code != 0) { Console.WriteLine($"numpy failed: {error}"); return 0; }
            double seconds = double.Parse(ScikitLearn.Values(text)["seconds"], CultureInfo.InvariantCulture);
            var numpyTop = ScikitLearn.ReadMatrix(output);
            var ours = indices!.contiguous().data<long>().ToArray();
            int same = Enumerable.Range(0, n).Count(i =>
                new HashSet<long>(ours.Skip(10 * i).Take(10)).SetEquals(numpyTop.Skip(10 * i).Take(10).Select(v => (long)v)));
            // Many movies have one or two ratings, so their codes tie exactly and either library may list any of the
            // tied movies: the scores, not the ids, are what must agree.
            var numpyScores = ScikitLearn.ReadMatrix(outputScores);
            var ourScores = bestScores!.contiguous().data<float>().ToArray();
            double maxDiff = numpyScores.Zip(ourScores).Max(p => Math.Abs(p.First - p.Second));
            Console.WriteLine($"\nnumpy dense cosine top-10: {seconds:0.000} s; course/numpy time ratio {times.Min() / seconds:0.00}×");
            Console.WriteLine($"agreement: identical top-10 id sets for {same} of {n} movies (the rest differ among exactly " +
                              $"tied scores); largest difference between the two top-10 score lists {maxDiff:0.0e0}");
        }
        finally
        {
            File.Delete(input); File.Delete(output); File.Delete(outputScores);
        }
        indices?.Dispose();
        bestScores?.Dispose();
        return 0;
    }
}
