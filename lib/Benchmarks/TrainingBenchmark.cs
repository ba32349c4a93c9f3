using System.Diagnostics;
using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Benchmarks;

/// <summary>Trains the lecture's deep MNIST autoencoder (784-128-64-32-64-128-784, Adam, batch 256, binary
/// cross-entropy) and prints seconds per epoch, the achieved GFLOP/s next to what a plain matrix product reaches in
/// the same process, and the resident memory after every epoch.</summary>
/// <remarks>
/// Arguments (all optional): <c>--epochs N</c> (5), <c>--threads N</c> (all cores), <c>--batch N</c> (256),
/// <c>--seed N</c> (42), <c>--unfused</c> (binary cross-entropy on sigmoid outputs instead of on logits, to see what
/// the fused loss saves), <c>--no-gc</c> (skip the per-epoch garbage collection, to see memory grow).
/// With <c>--epochs 100</c> it is the lecture's full run; the last lines give the final validation loss.
/// </remarks>
public sealed class TrainingBenchmark : IBenchmark
{
    private static readonly int[] Sizes = [784, 128, 64, 32, 64, 128, 784];

    /// <inheritdoc/>
    public string Name => "training";

    /// <inheritdoc/>
    public string Description => "Deep MNIST autoencoder: s/epoch, GFLOP/s vs torch.mm, RSS per epoch";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        var epochs = Option(args, "--epochs", 5);
        var threads = Option(args, "--threads", Environment.ProcessorCount);
        var batchSize = Option(args, "--batch", 256);
        var seed = Option(args, "--seed", 42);
        var unfused = args.Contains("--unfused");
        var collect = !args.Contains("--no-gc");
        set_num_threads(threads);

        using var train = Mnist.Train();
        using var test = Mnist.Test();
        var x = train.Images;
        var xTest = test.Images;

        var mmBefore = MatrixProductGflops();
        Console.WriteLine(Invariant($"torch.mm 1024x1024 float32: {mmBefore:0.0} GFLOP/s on {get_num_threads()} thread(s), OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"}"));

        using var model = DenseAutoencoder.Create(Sizes, seed: seed);
        long macs = 0;
        for (var k = 1; k <= model.LayerCount; k++) macs += (long)model.Layer(k).Inputs * model.Layer(k).Outputs;
        // Training: forward (2 flops per multiply-add) + backward (twice the forward); validation: forward only.
        var flopsPerEpoch = 6.0 * macs * x.shape[0] + 2.0 * macs * xTest.shape[0];
        Console.WriteLine(Invariant($"Model 784-128-64-32-64-128-784, {model.Summary().TotalParameters:N0} parameters, {flopsPerEpoch / 1e9:0.0} GFLOP per epoch (train + validation)"));
        Console.WriteLine(Invariant($"Batch {batchSize}, Adam 1e-3, loss {(unfused ? "BCE on sigmoid outputs" : "BCE on logits")}, GC per epoch: {(collect ? "yes" : "no")}"));
        Console.WriteLine(Invariant($"RSS after loading the data: {Rss() / 1048576.0:0} MiB"));
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Console.WriteLine(Invariant($"RSS before training (after a full collection): {Rss() / 1048576.0:0} MiB"));

        var rss = new List<double>();
        var progress = new BenchmarkProgress(flopsPerEpoch, rss);
        var trainer = new Trainer
        {
            Loss = unfused ? new UnfusedBinaryCrossEntropy() : Losses.BinaryCrossEntropy,
            Progress = progress,
            Seed = seed,
            CollectGarbageEveryEpoch = collect,
        };
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(model, x, x, epochs, batchSize, shuffle: true, validationData: (xTest, xTest));
        clock.Stop();
        // Measured again after training and the better figure kept: on a shared machine either can be disturbed.
        var mmAfter = MatrixProductGflops();
        var mm = Math.Max(mmBefore, mmAfter);

        var seconds = history.Select(e => e.Duration.TotalSeconds).ToArray();
        var median = Median(seconds);
        // The median, because one epoch slowed down by another program on a shared machine would skew the mean.
        var gflops = flopsPerEpoch / median / 1e9;
        Console.WriteLine();
        Console.WriteLine(Invariant($"Wall time: {clock.Elapsed.TotalSeconds:0.0} s for {history.Count} epochs"));
        Console.WriteLine(Invariant($"Seconds per epoch: {median:0.00} (median), {seconds.Average():0.00} (mean), {seconds.Min():0.00} (best)"));
        Console.WriteLine(Invariant($"Achieved (median epoch): {gflops:0.0} GFLOP/s; torch.mm: {mm:0.0} GFLOP/s (before {mmBefore:0.0}, after {mmAfter:0.0}); ratio {gflops / mm:P0}"));
        Console.WriteLine(Invariant($"RSS after each epoch (MiB): {string.Join(", ", rss.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}"));
        if (rss.Count >= 5)
        {
            var change = rss[4] / rss[1] - 1;
            Console.WriteLine(Invariant($"RSS epoch 5 vs epoch 2: {rss[4]:0} vs {rss[1]:0} MiB ({change:+0.0%;-0.0%}); target within 5 %: {(Math.Abs(change) <= 0.05 ? "met" : "NOT met")}"));
        }
        if (history.ValLoss is { } val)
        {
            var marks = new[] { 1, 5, 10, 29, 50, 100 }.Where(e => e <= val.Count).Append(val.Count).Distinct();
            Console.WriteLine("Validation BCE: " + string.Join(", ", marks.Select(e => Invariant($"epoch {e} {val[e - 1]:0.0000}"))));
        }
        return 0;
    }

    /// <summary>GFLOP/s of a 1024 × 1024 float32 matrix product, the best of several timed repetitions.</summary>
    private static double MatrixProductGflops()
    {
        using var a = rand(1024, 1024);
        using var b = rand(1024, 1024);
        for (var i = 0; i < 3; i++) a.mm(b).Dispose();
        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 10; i++) a.mm(b).Dispose();
            best = Math.Min(best, clock.Elapsed.TotalSeconds / 10);
        }
        return 2.0 * 1024 * 1024 * 1024 / best / 1e9;
    }

    /// <summary>Resident set size: VmRSS from /proc on Linux, the working set elsewhere (the same figure).</summary>
    private static long Rss()
    {
        if (OperatingSystem.IsLinux())
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null) return long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        return Environment.WorkingSet;
    }

    /// <summary>Anonymous (heap) and file-backed (mapped libraries) parts of the RSS, where the system reports them.</summary>
    private static string RssParts()
    {
        if (!OperatingSystem.IsLinux()) return "";
        var parts = File.ReadLines("/proc/self/status")
            .Where(l => l.StartsWith("RssAnon:", StringComparison.Ordinal) || l.StartsWith("RssFile:", StringComparison.Ordinal))
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(p => Invariant($"{p[0].TrimEnd(':')[3..].ToLowerInvariant()} {long.Parse(p[1], CultureInfo.InvariantCulture) / 1024.0:0}"));
        return string.Join(", ", parts);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Prints the Keras line plus throughput and memory for every epoch.</summary>
    private sealed class BenchmarkProgress(double flopsPerEpoch, List<double> rss) : IProgress<EpochResult>
    {
        public void Report(EpochResult value)
        {
            var mib = Rss() / 1048576.0;
            rss.Add(mib);
            Console.WriteLine(Invariant($"{value} - {flopsPerEpoch / value.Duration.TotalSeconds / 1e9:0.0} GFLOP/s - RSS {mib:0} MiB ({RssParts()}; managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MiB)"));
        }
    }

    /// <summary>Binary cross-entropy on the sigmoid outputs (what Keras computes), for comparison with the fused
    /// logits form the library uses.</summary>
    private sealed class UnfusedBinaryCrossEntropy : Loss
    {
        public override string Name => "binary_crossentropy (on probabilities)";

        public override Tensor Compute(Tensor output, Tensor target) => nn.functional.binary_cross_entropy(output, target);
    }
}
