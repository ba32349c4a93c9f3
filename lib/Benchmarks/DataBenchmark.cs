using System.Diagnostics;
using Autoencoders.Data;

namespace Benchmarks;

/// <summary>Load and pivot times of the course's datasets, and the memory of the sparse rating matrix at ml-25m
/// scale (synthetic, so it runs offline).</summary>
public sealed class DataBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "data";

    /// <inheritdoc />
    public string Description => "MNIST and MovieLens load times, pivot times, sparse pivot at ml-25m size";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        Time("MNIST train (60,000 × 784)", () => { using var d = Mnist.Train(); return $"{d.Count:N0} images"; });
        Time("MNIST test (10,000 × 784)", () => { using var d = Mnist.Test(); return $"{d.Count:N0} images"; });
        MovieLensDataset? lens = null;
        Time("MovieLens latest-small", () =>
        {
            lens = MovieLens.Load();
            return $"{lens.Ratings.Rows.Count:N0} ratings, {lens.Movies.Rows.Count:N0} movies";
        });
        RatingMatrix? matrix = null;
        Time("pivot (sparse rows)", () =>
        {
            matrix = RatingMatrix.FromRatings(lens!.Ratings);
            return $"{matrix.RowCount:N0} × {matrix.ColumnCount:N0}, density {matrix.Density:P2}";
        });
        Time("dense tensor", () => { using var t = matrix!.ToDense(); return string.Join(" × ", t.shape); });
        Time("sparse COO tensor", () => { using var t = matrix!.ToSparse(); return string.Join(" × ", t.shape); });
        Time("80/20 row split", () =>
        {
            var (train, validation) = matrix!.SplitRows();
            return $"{train.RowCount:N0} / {validation.RowCount:N0} movies";
        });

        if (args.Contains("--skip-25m")) return 0;
        var (rows, columns, values) = SyntheticRatings.Like25m();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        Time("pivot at ml-25m size (synthetic)", () =>
        {
            var m = RatingMatrix.FromRatings(rows, columns, values);
            return $"{m.RowCount:N0} × {m.ColumnCount:N0}, {m.Count:N0} ratings";
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"  allocated {allocated / 1e9:F2} GB ({allocated / (double)rows.Length:F1} bytes per rating); " +
                          $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB");
        return 0;
    }

    static void Time(string what, Func<string> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        Console.WriteLine($"{what,-36} {clock.Elapsed.TotalMilliseconds,9:F0} ms   {result}");
    }
}
