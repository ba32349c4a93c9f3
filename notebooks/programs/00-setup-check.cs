#:project ../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
// Generated from notebooks/00-setup-check.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/00-setup-check.cs -- --mode quick
// (--mode full for the lecture's settings, --param name=value for any parameter, --help for more).

using TorchSharp;
using static TorchSharp.torch;
using Plotly.NET.CSharp;
using Microsoft.Data.Analysis;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using Autoencoders.Analysis;
using Autoencoders.Charts;
using Autoencoders.Notebooks;
using Autoencoders.Recommenders;
using Microsoft.ML;
using Microsoft.ML.Data; // GetColumn: one column of a result, as an array
using System.Reflection;

var run = NotebookProgram.Start(args, "00-setup-check");
try
{
    // # 0. Setup check
    //
    // Before the lessons, make sure every tool the course uses works on your machine. This notebook runs one small
    // example of each: a tensor computation and a few training steps in **TorchSharp**, a chart in **Plotly.NET**, a table in
    // **Microsoft.Data.Analysis**, classic machine learning in **ML.NET**, and a call into the course's own library. If every cell runs, you are ready.

    // The cell below holds the notebook's parameters. `mode` is `"full"` unless the environment variable
    // `AUTOENCODERS_MODE` says otherwise; the headless runner can also override any value (`--mode quick`, `--param steps=100`).

    // parameters
    string mode = run.Parameter("mode", Environment.GetEnvironmentVariable("AUTOENCODERS_MODE") ?? "full"); // "quick" (a fast check) or "full"
    int steps = run.Parameter("steps", mode == "quick" ? 50 : 300); // training steps for the tiny model below
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    // ## Loading the course library
    //
    // One line loads the course library and everything it depends on (TorchSharp, Plotly.NET, Microsoft.Data.Analysis)
    // from the course's local package feed, which the set-up command in the README builds. If it has not run yet, this cell
    // stops with a message that gives the command.
    //
    // Loading it also brings into scope the namespaces every lesson uses: `TorchSharp` with the functions of `torch` (so
    // `nn.Linear` and `tensor(...)` read as in PyTorch), Plotly.NET's charts (`Plotly.NET.CSharp`), the `DataFrame`
    // (`Microsoft.Data.Analysis`) and the course's own `Autoencoders.*` namespaces. That is why a lesson's set-up is its
    // parameters and this one line. Here the `using` lines are written out anyway, where each is first needed, so that
    // you can see where every name comes from.

    // ## A tensor computation
    //
    // A tensor is an n-dimensional array that can also remember how it was computed, which is what lets a network learn.
    // Here is a 2×3 matrix multiplied by its own transpose:

    var a = torch.arange(6, dtype: ScalarType.Float32).reshape(2, 3);
    var gram = a.matmul(a.T);
    run.Show(gram);

    Autoencoders.Notebooks.Claim.That(gram[1, 1].item<float>() == 50f, "row 2 of [[0,1,2],[3,4,5]] has squared length 9+16+25 = 50");

    // ## A few training steps
    //
    // A one-weight linear model learns `y = 2x + 1` from noisy samples. Watching the loss fall is the smallest possible
    // version of everything the course does later.

    torch.manual_seed(seed);
    var x = torch.rand(256, 1);
    var y = 2 * x + 1 + 0.05f * torch.randn(256, 1);
    var model = nn.Linear(1, 1);
    var optimizer = optim.Adam(model.parameters(), lr: 0.05);
    var losses = new List<double>();
    for (int step = 0; step < steps; step++)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.mse_loss(model.forward(x), y);
        loss.backward();
        optimizer.step();
        losses.Add(loss.item<float>());
    }
    Console.WriteLine($"loss after step 1: {losses[0]:F4}, after step {steps}: {losses[^1]:F4}");
    Autoencoders.Notebooks.Claim.That(losses[^1] < losses[0] / 5, "training lowers the loss at least five-fold");

    // ## A chart
    //
    // Plotly.NET draws interactive charts: hover to read values, drag to zoom.

    run.Show(Chart.Line<int, double, string>(x: Enumerable.Range(1, losses.Count), y: losses)
        .WithXAxisStyle<double, double, string>(TitleText: "step")
        .WithYAxisStyle<double, double, string>(TitleText: "mean squared error"));

    // ## A table
    //
    // `DataFrame` (from Microsoft.Data.Analysis) is the course's table type: the MovieLens ratings arrive in one.

    var every = Math.Max(1, steps / 5);
    var picked = Enumerable.Range(0, steps).Where(i => i % every == 0).ToArray();
    var table = new DataFrame(
        new Int32DataFrameColumn("step", picked.Select(i => i + 1)),
        new DoubleDataFrameColumn("loss", picked.Select(i => losses[i])));
    run.Show(table);

    // ## Classic machine learning
    //
    // ML.NET, .NET's machine-learning library, fits the classic models of lesson 7: trees and k-means. It reads a
    // `DataFrame` as it is, because both share one table interface (`IDataView`). Two groups of points, around (0, 0) and
    // (5, 5): k-means should find them without their labels, and a few boosted trees should learn them from their labels.

    var generator = new Random(seed);
    float Near(float centre) => centre + (float)(generator.NextDouble() - 0.5);
    var points = new DataFrame(
        new SingleDataFrameColumn("x", Enumerable.Range(0, 100).Select(i => Near(i < 50 ? 0 : 5))),
        new SingleDataFrameColumn("y", Enumerable.Range(0, 100).Select(i => Near(i < 50 ? 0 : 5))),
        new BooleanDataFrameColumn("Label", Enumerable.Range(0, 100).Select(i => i >= 50)));
    var ml = new MLContext(seed);
    var toFeatures = ml.Transforms.Concatenate("Features", "x", "y");

    var kmeans = toFeatures.Append(ml.Clustering.Trainers.KMeans(numberOfClusters: 2)).Fit(points);
    var groups = kmeans.Transform(points).GetColumn<uint>("PredictedLabel").ToArray();
    var trees = toFeatures.Append(ml.BinaryClassification.Trainers.LightGbm(numberOfIterations: 10, minimumExampleCountPerLeaf: 5)).Fit(points);
    var treeAccuracy = ml.BinaryClassification.Evaluate(trees.Transform(points)).Accuracy;
    Console.WriteLine($"k-means: the first 50 points in group {groups[0]}, the last 50 in group {groups[50]}; boosted trees: accuracy {treeAccuracy:P0}");
    Autoencoders.Notebooks.Claim.That(groups[0] != groups[50] && groups.Take(50).All(g => g == groups[0]) && groups.Skip(50).All(g => g == groups[50]),
        "k-means separates two distant groups of points");
    Autoencoders.Notebooks.Claim.That(treeAccuracy == 1, "boosted trees learn two distant groups of points");

    // TorchSharp, Plotly.NET, the `DataFrame` and ML.NET now all run in this one notebook. Each must be loaded in one
    // copy: two copies of a library in one process, or two versions of it, are how "could not load file or assembly"
    // errors start. The table lists what is loaded.

    string[] libraries = ["TorchSharp", "Plotly.NET", "FSharp.Core", "Microsoft.Data.Analysis", "Microsoft.ML"];
    string VersionOf(Assembly a) =>
        (a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version!.ToString()).Split('+')[0];
    var loaded = AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => libraries.Any(l => a.GetName().Name!.StartsWith(l, StringComparison.Ordinal)))
        .GroupBy(a => a.GetName().Name!).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => (Assembly: g.Key, Version: string.Join(", ", g.Select(VersionOf).Distinct()), Copies: g.Count()))
        .ToList();
    Autoencoders.Notebooks.Claim.That(libraries.All(l => loaded.Any(a => a.Assembly.StartsWith(l, StringComparison.Ordinal))), "every library is loaded");
    Autoencoders.Notebooks.Claim.That(loaded.All(a => a.Copies == 1), "each library is loaded once, in one version");
    Console.WriteLine($"one version each of {loaded.Count} assemblies of TorchSharp, Plotly.NET, Microsoft.Data.Analysis and ML.NET");
    run.Show(Autoencoders.Notebooks.Table.Of(loaded, "assembly", "version", "copies loaded"));

    // ## The course library
    //
    // The library prepared TorchSharp's native code when it loaded; this is what it found on your machine:

    var report = Autoencoders.Native.TorchNative.EnsureLoaded();
    Console.WriteLine(report.Summary);
    Console.WriteLine($"libtorch: {report.LibTorchDirectory ?? "(TorchSharp's own loader)"}");
    Console.WriteLine($"threads: {torch.get_num_threads()}");

    // If you can read this after running every cell, the set-up is complete. On to the first lesson.
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
