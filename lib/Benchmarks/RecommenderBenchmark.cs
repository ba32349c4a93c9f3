using System.Diagnostics;
using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Recommenders;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Benchmarks;

/// <summary>Held-out RMSE of the recommender baselines and of item-based AutoRec on a MovieLens release (10 % of the
/// ratings held out; AutoRec's hyper-parameters chosen on a validation share of the training ratings), or, with
/// <c>--synthetic-25m</c>, one epoch of AutoRec trained from sparse rows at ml-25m size with its time and peak
/// memory.</summary>
/// <remarks>
/// Arguments: <c>--folder DIR</c> (any folder <see cref="MovieLensReader"/> reads) or <c>--release NAME</c>
/// (LatestSmall, Ml100k, Ml1m, Ml25m; default the bundled LatestSmall); <c>--synthetic-25m</c>; <c>--hidden N</c>
/// (250) and <c>--batch N</c> (256) for the synthetic run (with 500 hidden units the weights, their gradients and Adam's
/// two running averages alone take 2.6 GB at ml-25m's 162,339 users, and the peak passes 4 GB); <c>--threads N</c> (all cores).
/// </remarks>
public sealed class RecommenderBenchmark : IBenchmark
{
    /// <summary>The candidates tried, the lesson's full-mode grid.</summary>
    internal static readonly AutoRecSettings[] Candidates =
    [
        new(Lambda: 10, LearningRate: 1e-4),
        new(Lambda: 30, LearningRate: 1e-4),
        new(Lambda: 100, LearningRate: 1e-4),
        new(Lambda: 30, LearningRate: 3e-4),
    ];

    /// <inheritdoc />
    public string Name => "recommender";

    /// <inheritdoc />
    public string Description => "Held-out RMSE: baselines vs AutoRec [--folder DIR | --release NAME] [--synthetic-25m]";

    /// <inheritdoc />
    public int Run(string[] args)
    {
        set_num_threads(Option(args, "--threads", Environment.ProcessorCount));
        return args.Contains("--synthetic-25m")
            ? Synthetic(Option(args, "--hidden", 250), Option(args, "--batch", 256))
            : HeldOut(args);
    }

    private static int HeldOut(string[] args)
    {
        var folder = Text(args, "--folder");
        var release = Enum.Parse<MovieLensRelease>(Text(args, "--release") ?? nameof(MovieLensRelease.LatestSmall), ignoreCase: true);
        var lens = MovieLens.Load(release, folder);
        var matrix = RatingMatrix.FromRatings(lens.Ratings);
        var (train, test) = matrix.HoldOut(0.1, seed: 42);
        Console.WriteLine(Invariant($"{lens.Folder}: {matrix.RowCount:N0} movies × {matrix.ColumnCount:N0} users, {matrix.Count:N0} ratings; {test.Count:N0} held out; torch threads {get_num_threads()}"));

        var clock = Stopwatch.StartNew();
        var baselines = new[]
        {
            RatingBaseline.GlobalMean(train), RatingBaseline.ItemBias(train, 10), RatingBaseline.UserItemBias(train, 10),
        };
        var baselineRmse = baselines.Select(test.Rmse).ToArray();
        Console.WriteLine(Invariant($"baselines: {clock.Elapsed.TotalMilliseconds:0} ms for all three"));
        for (var i = 0; i < baselines.Length; i++) Console.WriteLine(Invariant($"  {baselines[i].Name,-18} {baselineRmse[i]:0.0000}"));

        Console.WriteLine("AutoRec candidates (validation = 10 % of the training ratings, early stopping, patience 5):");
        var search = AutoRecSearch.Run(train, Candidates, validationFraction: 0.1, seed: 42, progress: t =>
            Console.WriteLine(Invariant($"  hidden {t.Settings.Hidden}, λ {t.Settings.Lambda}, lr {t.Settings.LearningRate:0e0}: best epoch {t.BestEpoch} of {t.EpochsRun}, validation RMSE {t.ValidationRmse:0.0000}, {t.Duration.TotalSeconds:0} s ({t.Duration.TotalSeconds / t.EpochsRun:0.00} s/epoch)")));
        Console.WriteLine(Invariant($"chosen: λ {search.Best.Settings.Lambda}, lr {search.Best.Settings.LearningRate:0e0}, {search.Best.BestEpoch} epochs; refitting on all training ratings"));
        clock.Restart();
        using var autoRec = search.Refit();
        var autoRecRmse = test.Rmse(autoRec);
        Console.WriteLine(Invariant($"  refit {clock.Elapsed.TotalSeconds:0} s; AutoRec {autoRecRmse:0.0000}"));
        Console.WriteLine(Invariant($"held-out RMSE: global mean {baselineRmse[0]:0.000}, item bias {baselineRmse[1]:0.000}, user+item bias {baselineRmse[2]:0.000}, AutoRec {autoRecRmse:0.000}"));
        return autoRecRmse < baselineRmse[2] ? 0 : 1;
    }

    private static int Synthetic(int hidden, int batchSize)
    {
        var (rows, columns, values) = SyntheticRatings.Like25m();
        var matrix = RatingMatrix.FromRatings(rows, columns, values);
        rows = columns = null!;
        values = null!;
        GC.Collect();
        Console.WriteLine(Invariant($"synthetic ratings at ml-25m size: {matrix.RowCount:N0} movies × {matrix.ColumnCount:N0} users, {matrix.Count:N0} ratings (dense: {(double)matrix.RowCount * matrix.ColumnCount * 4 / 1e9:0.0} GB)"));
        Console.WriteLine(Invariant($"AutoRec {matrix.ColumnCount:N0}-{hidden}-{matrix.ColumnCount:N0}, batch {batchSize}, one epoch from sparse rows; RSS before training {Rss("VmRSS") / 1e9:0.00} GB"));
        var clock = Stopwatch.StartNew();
        using var autoRec = AutoRec.Train(matrix, new AutoRecSettings(Hidden: hidden, Epochs: 1, BatchSize: batchSize),
            progress: new ConsoleProgress());
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(Invariant($"sparse training: {matrix.Count:N0} ratings, {seconds:0} s per epoch, peak RSS {Rss("VmHWM") / 1e9:0.00} GB"));
        return 0;
    }

    /// <summary>A field of /proc/self/status in bytes (VmRSS: now; VmHWM: the peak); the working set elsewhere.</summary>
    private static long Rss(string field)
    {
        if (OperatingSystem.IsLinux())
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            if (line is not null) return long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        using var process = Process.GetCurrentProcess();
        return field == "VmHWM" ? process.PeakWorkingSet64 : process.WorkingSet64;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Text(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
