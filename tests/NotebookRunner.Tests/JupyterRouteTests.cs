using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

/// <summary>The learner's path: every notebook executed by Jupyter's own executor (nbconvert) in the course kernel
/// that the build sets up, exactly as a learner's Jupyter starts it.</summary>
public class JupyterRouteTests
{
    static readonly string[] JupyterPackages = ["jupyter-nbconvert", "python3-nbclient", "jupyter-client", "python3-ipykernel"];

    [SkippableFact]
    public void Every_notebook_runs_in_Jupyter_with_the_course_kernel_and_keeps_its_charts()
    {
        Skip.IfNot(EnsureJupyter(out var why), why);
        var root = RunnerProcess.RepoRoot;
        var kernelSpecs = Path.Combine(root, "artifacts", "jupyter");
        Assert.True(File.Exists(Path.Combine(kernelSpecs, "kernels", "autoencoders-csharp", "kernel.json")),
            "the build did not write the course kernelspec");
        var output = Path.Combine(root, "artifacts", "executed", "jupyter");
        Directory.CreateDirectory(output);

        var notebooks = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order().ToList();
        Assert.NotEmpty(notebooks);
        var failures = notebooks.SelectMany(n => Execute(n, kernelSpecs, output)).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The set-up check trains ML.NET models beside TorchSharp, a chart and a DataFrame, then claims that each of
        // their assemblies is loaded once: in this kernel too (MlNetLoadTests covers the runner's).
        Assert.Contains(MlNetLoadTests.Proof, Printed(Path.Combine(output, "00-setup-check.ipynb")));
    }

    /// <summary>Everything an executed notebook printed, in order.</summary>
    internal static string Printed(string executed) =>
        string.Concat(JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => o!["text"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : ""));

    /// <summary>Executes <paramref name="notebook"/> with nbconvert in the course kernel in quick mode; the executed
    /// copy goes to <paramref name="output"/>. Returns what went wrong: a failed run or cell, a missing chart, an
    /// assembly that failed to load.</summary>
    internal static List<string> Execute(string notebook, string kernelSpecs, string output)
    {
        var failures = new List<string>();
        var info = new ProcessStartInfo("jupyter")
        {
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "nbconvert", "--to", "notebook", "--execute", notebook, "--output-dir", output,
                     "--ExecutePreprocessor.kernel_name=autoencoders-csharp", "--ExecutePreprocessor.timeout=1800" })
            info.ArgumentList.Add(a);
        info.Environment["JUPYTER_PATH"] = kernelSpecs;
        info.Environment["AUTOENCODERS_MODE"] = "quick";
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE"; // other tests share the cores (see RunnerProcess)
        var (exit, log) = Run(info, TimeSpan.FromMinutes(30));
        var executed = Path.Combine(output, Path.GetFileName(notebook));
        if (exit != 0 || !File.Exists(executed))
        {
            failures.Add($"{Path.GetFileName(notebook)}: nbconvert exited with {exit}\n{Tail(log)}");
            return failures;
        }
        var cells = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray();
        var outputs = cells.SelectMany(c => c!["outputs"]?.AsArray() ?? []).ToList();
        var errors = outputs.Where(o => (string?)o!["output_type"] == "error").Select(o => (string?)o!["evalue"]).ToList();
        if (errors.Count > 0) failures.Add($"{Path.GetFileName(notebook)}: {string.Join("; ", errors)}");
        var html = string.Concat(outputs.Select(o => o!["data"]?["text/html"]?.ToJsonString() ?? ""));
        if (!html.Contains("Plotly.newPlot")) failures.Add($"{Path.GetFileName(notebook)}: no chart in the executed copy");
        if (html.Contains("Could not load file or assembly")) failures.Add($"{Path.GetFileName(notebook)}: an assembly failed to load");
        return failures;
    }

    /// <summary>Finds Jupyter, installing Debian's packages where this process may (CI runs as root on Debian).</summary>
    internal static bool EnsureJupyter(out string why) =>
        DebianPackages.Ensure(JupyterPackages, () => CanRun("jupyter", "nbconvert --version"),
            "elsewhere: pip install nbconvert nbclient ipykernel", out why);

    static bool CanRun(string file, string arguments)
    {
        try
        {
            var (exit, _) = Run(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true },
                TimeSpan.FromMinutes(1));
            return exit == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    static (int Exit, string Log) Run(ProcessStartInfo info, TimeSpan limit)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + stdout.Result + stderr.Result);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    static string Tail(string log) => string.Join("\n", log.Split('\n').TakeLast(30));
}
