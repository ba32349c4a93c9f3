using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

/// <summary>The runner end to end: real kernels in worker processes, as the README's commands use them.</summary>
public class RunnerTests
{
    [Fact]
    public void A_throwing_third_cell_fails_the_notebook_names_the_cell_and_the_next_notebook_still_runs()
    {
        using var notebooks = new TestNotebooks();
        notebooks.Ipynb("a-broken.ipynb",
            "var x = 1;",
            "x += 1;",
            "throw new InvalidOperationException(\"the third cell fails\");",
            "System.IO.File.WriteAllText(\"should-not-exist.txt\", \"\");");
        notebooks.Ipynb("b-fine.ipynb", "Console.WriteLine(6 * 7);");
        var output = Path.Combine(notebooks.Folder, "out");

        var (exit, text, _) = RunnerProcess.Run(notebooks.Folder, "--out", output);

        Assert.NotEqual(0, exit);
        Assert.Contains("cell 3 of 4: throw new InvalidOperationException", text);
        Assert.Contains("the third cell fails", text);
        Assert.Contains("InvalidOperationException", text);
        Assert.Contains("1 passed, 1 failed", text);
        Assert.False(File.Exists(Path.Combine(notebooks.Folder, "should-not-exist.txt")), "cells after the failure must not run");

        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "a-broken.ipynb")))!;
        var error = executed["cells"]![2]!["outputs"]!.AsArray().Single(o => (string?)o!["output_type"] == "error")!;
        Assert.Contains("the third cell fails", (string?)error["evalue"]);
        var fine = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "b-fine.ipynb")))!;
        Assert.Contains("42", fine["cells"]![0]!["outputs"]!.ToJsonString());

        // The course book beside the executed copies: an index, and a page per notebook with its result.
        Assert.Contains($"course book: {Path.Combine(output, "index.html")}", text);
        Assert.Contains("<a href=\"a-broken.html\">a-broken</a>", File.ReadAllText(Path.Combine(output, "index.html")));
        var page = File.ReadAllText(Path.Combine(output, "a-broken.html"));
        Assert.Contains("<span class=\"status failed\">failed</span>", page);
        Assert.Matches("<div class=\"failure\">Cell 3: [^<]*the third cell fails", page);
    }

    [Fact]
    public void An_endless_cell_is_stopped_at_the_timeout_and_reported()
    {
        using var notebooks = new TestNotebooks();
        var path = notebooks.Ipynb("endless.ipynb", "var n = 0;", "while (true) { n++; }");

        // 20 s leaves room for the kernel's start-up, which the first cell pays, on a busy machine.
        var (exit, text, elapsed) = RunnerProcess.Run(path, "--timeout", "20");

        Assert.NotEqual(0, exit);
        Assert.Contains("TIMEOUT", text);
        Assert.Contains("cell 2 of 2: while (true)", text);
        Assert.Contains("0 passed, 1 failed", text);
        Assert.True(elapsed < TimeSpan.FromSeconds(75), $"the runner took {elapsed.TotalSeconds:0} s to give up");
    }

    [Fact]
    public void Parameters_and_mode_reach_the_notebook_and_dependent_defaults_follow()
    {
        using var notebooks = new TestNotebooks();
        var path = notebooks.Ipynb("params.ipynb",
        [
            ("parameters", "string mode = \"full\";\nint epochs = mode == \"quick\" ? 2 : 50;\ndouble rate = 0.1;"),
            (null, "Console.WriteLine($\"mode={mode} epochs={epochs} rate={rate}\");"),
        ]);

        var (exit, text, _) = RunnerProcess.Run(path, "--mode", "quick", "--param", "rate=0.25");

        Assert.Equal(0, exit);
        Assert.Contains("mode=quick epochs=2 rate=0.25", text);
    }

    [Fact]
    public void An_unknown_parameter_fails_with_the_list_of_known_ones()
    {
        using var notebooks = new TestNotebooks();
        var path = notebooks.Ipynb("params.ipynb", [("parameters", "int epochs = 5;"), (null, "epochs")]);

        var (exit, text, _) = RunnerProcess.Run(path, "--param", "epoch=3");

        Assert.NotEqual(0, exit);
        Assert.Contains("no parameter 'epoch'", text);
        Assert.Contains("epochs", text);
    }

    [Fact]
    public void Dib_notebooks_run_too()
    {
        using var notebooks = new TestNotebooks();
        var path = notebooks.Dib("hello.dib", """
            #!markdown

            # A .dib notebook

            #!csharp

            // parameters
            var greeting = "hello";

            #!csharp

            Console.WriteLine(greeting + " from dib");
            """);
        var output = Path.Combine(notebooks.Folder, "out");

        var (exit, text, _) = RunnerProcess.Run(path, "--param", "greeting=bonjour", "--out", output);

        Assert.Equal(0, exit);
        Assert.Contains("bonjour from dib", text);
        Assert.True(File.Exists(Path.Combine(output, "hello.ipynb")));
    }

    [Fact]
    public void A_display_updated_in_place_is_one_output_holding_the_last_value()
    {
        using var notebooks = new TestNotebooks();
        var path = notebooks.Ipynb("progress.ipynb",
            "var shown = Microsoft.DotNet.Interactive.Kernel.display(\"epoch 1\", \"text/plain\");\n" +
            "shown.Update(\"epoch 1\\nepoch 2\");\nshown.Update(\"epoch 1\\nepoch 2\\nepoch 3\");");
        var output = Path.Combine(notebooks.Folder, "out");

        var (exit, text, _) = RunnerProcess.Run(path, "--out", output);

        Assert.True(exit == 0, text);
        var outputs = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "progress.ipynb")))!["cells"]![0]!["outputs"]!.AsArray();
        var display = Assert.Single(outputs);
        Assert.Equal("epoch 1\nepoch 2\nepoch 3", string.Concat(display!["data"]!["text/plain"]!.AsArray().Select(l => (string?)l)));
    }

    [Fact]
    public void Kernel_extensions_of_added_packages_are_loaded()
    {
        // Plotly.NET.Interactive ships its chart formatter as a kernel extension: without it a chart shows as a list of
        // its properties, with it as a Plotly <div> and script.
        var pinned = System.Xml.Linq.XDocument.Load(Path.Combine(RunnerProcess.RepoRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion").ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        using var notebooks = new TestNotebooks();
        var path = notebooks.Ipynb("plotly.ipynb",
            $"#r \"nuget: Plotly.NET.Interactive, {pinned["Plotly.NET.Interactive"]}\"\n#r \"nuget: Plotly.NET.CSharp, {pinned["Plotly.NET.CSharp"]}\"",
            "Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 })");
        var output = Path.Combine(notebooks.Folder, "out");

        var (exit, text, _) = RunnerProcess.Run(path, "--out", output);

        Assert.True(exit == 0, text);
        var chart = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "plotly.ipynb")))!["cells"]![1]!["outputs"]!.ToJsonString();
        Assert.Contains("Plotly.newPlot", chart);
    }

    [Fact]
    public void Usage_errors_exit_with_2()
    {
        var (exit, text, _) = RunnerProcess.Run("--mode", "fast", "x.ipynb");
        Assert.Equal(2, exit);
        Assert.Contains("--mode must be quick or full", text);
    }
}
