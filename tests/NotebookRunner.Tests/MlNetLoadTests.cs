using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

/// <summary>ML.NET (k-means and LightGBM trees, with their native code) loads beside TorchSharp, Plotly.NET and
/// Microsoft.Data.Analysis, one version of each, in both kernels a learner meets: the runner's in-process kernel and
/// the course kernel that Jupyter and VS Code start. The set-up check trains an ML.NET model on a DataFrame, draws a
/// chart and trains with TorchSharp in the same notebook, then checks the versions of the loaded assemblies.</summary>
public class MlNetLoadTests
{
    const string Proof = "one version each of";

    static string SetupCheck => Path.Combine(RunnerProcess.RepoRoot, "notebooks", "00-setup-check.ipynb");

    [Fact]
    public void MLNET_trains_beside_TorchSharp_Plotly_and_the_DataFrame_in_the_runner()
    {
        var output = Path.Combine(RunnerProcess.RepoRoot, "artifacts", "executed", "mlnet-runner");
        var (exit, text, _) = RunnerProcess.Run(SetupCheck, "--mode", "quick", "--out", output);

        Assert.True(exit == 0, text);
        Assert.Contains("boosted trees: accuracy 100", text);
        Assert.Contains(Proof, text);
    }

    [SkippableFact]
    public void MLNET_trains_beside_TorchSharp_Plotly_and_the_DataFrame_in_the_Jupyter_course_kernel()
    {
        Skip.IfNot(JupyterRouteTests.EnsureJupyter(out var why), why);
        var kernelSpecs = Path.Combine(RunnerProcess.RepoRoot, "artifacts", "jupyter");
        var output = Path.Combine(RunnerProcess.RepoRoot, "artifacts", "executed", "mlnet-jupyter");
        Directory.CreateDirectory(output);

        var failures = JupyterRouteTests.Execute(SetupCheck, kernelSpecs, output);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var printed = string.Concat(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "00-setup-check.ipynb")))!["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => o!["text"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : ""));
        Assert.Contains("boosted trees: accuracy 100", printed);
        Assert.Contains(Proof, printed);
    }
}
