namespace NotebookRunner.Tests;

/// <summary>ML.NET (k-means and LightGBM trees, with their native code) loads beside TorchSharp, Plotly.NET and
/// Microsoft.Data.Analysis, one version of each. The set-up check trains an ML.NET model on a DataFrame, draws a chart
/// and trains with TorchSharp in the same notebook, then claims that every one of their assemblies is loaded once.
/// This test runs it in the runner's kernel; the Jupyter route test checks the same line in the course kernel that
/// Jupyter and VS Code start.</summary>
public class MlNetLoadTests
{
    internal const string Proof = "one version each of";

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
}
