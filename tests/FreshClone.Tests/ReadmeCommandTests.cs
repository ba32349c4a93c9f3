namespace FreshClone.Tests;

/// <summary>Every command the README tells a reader to type works as the first command on a fresh copy of the
/// repository: nothing built, nothing restored, only the NuGet cache of the machine. The commands are read from the
/// README itself, so a command added there is tested here without anyone remembering to; the few that are not run as
/// they stand are listed below with the reason.</summary>
public class ReadmeCommandTests
{
    const string FullCourseRun =
        "dotnet run --project lib/NotebookRunner -c Release -- notebooks --mode full --out artifacts/executed";

    const string SetupCheck = "dotnet run --project lib/NotebookRunner -c Release -- notebooks/00-setup-check.ipynb --mode quick";

    /// <summary>Commands run with other arguments than the README's: the same program and build, a smaller job.</summary>
    static readonly Dictionary<string, Func<string, string[]>> Adapted = new()
    {
        // The whole course in full mode takes a quarter of an hour; the README's set-up check (quick mode, one
        // notebook) builds and sets up exactly the same. With --out, so that writing executed copies is tested too.
        [FullCourseRun] = output => [.. SetupCheck.Split(' '), "--out", output],
    };

    /// <summary>Why a command is not run by these tests, or null when it is.</summary>
    static string? SkipReason(ReadmeCommand command) => command.Text switch
    {
        "dotnet test Course.sln" => "it is the command that runs these tests",
        SetupCheck => "README command 1 is run as exactly this command (with --out) by its own case",
        _ when command.Text.Contains('<') || command.Text.Contains('[') =>
            "a synopsis with placeholders, not a command to type",
        _ when command.Text.StartsWith("dotnet run -c Release --project lib/Benchmarks -- ", StringComparison.Ordinal) =>
            "a measurement that takes minutes; its build is the one the listing command (run here) makes",
        _ when command.Text.StartsWith("dotnet run notebooks/programs/", StringComparison.Ordinal) =>
            "every program is run on a fresh copy by CourseProgramsTests, with --out",
        _ when command.Text.EndsWith(" -- --write-programs notebooks", StringComparison.Ordinal) =>
            "it rewrites committed files; ProgramWriterTests checks that they are what it writes, and --check-programs (run here) is the same build",
        _ when command.Text.StartsWith("jupyter ", StringComparison.Ordinal) =>
            "needs the set-up first: run after README command 1 in the test of that command",
        _ when IsInstructorWorkflow(command) && !command.Text.Contains(" -- check ", StringComparison.Ordinal) =>
            "part of the instructor's workflow, run in its order by Instructor_workflow_runs_in_README_order_on_a_fresh_copy",
        _ => null,
    };

    static IReadOnlyList<ReadmeCommand> Commands =>
        ReadmeCommands.Read(Path.Combine(CourseProgram.RepoRoot, "README.md"));

    public static TheoryData<string> CommandTexts() => [.. Commands.Select(c => c.Text).Distinct()];

    [Fact]
    public void The_README_opens_with_the_course_run_and_the_test_command()
    {
        var first = Commands.Take(2).Select(c => c.Text).ToList();
        Assert.Equal([FullCourseRun, "dotnet test Course.sln"], first);
        var ci = File.ReadAllLines(Path.Combine(CourseProgram.RepoRoot, ".ci", "run")).Last(l => l.Trim().Length > 0);
        Assert.Equal("dotnet test Course.sln", ci.Trim());
    }

    [SkippableTheory]
    [MemberData(nameof(CommandTexts))]
    public void README_command_works_as_the_first_command_on_a_fresh_copy(string text)
    {
        var command = Commands.First(c => c.Text == text);
        var skip = SkipReason(command);
        Skip.If(skip is not null, $"{command}: {skip}");
        Assert.False(!Adapted.ContainsKey(text) && text.Contains("--mode full", StringComparison.Ordinal),
            $"{command} would run the full course here: give it a quick adaptation in {nameof(Adapted)}.");

        using var tree = FreshCopy();
        var output = Path.Combine(tree.Root, "artifacts", "fresh-run");
        var words = Adapted.TryGetValue(text, out var adapt) ? adapt(output) : command.Words;
        var result = tree.Run(words, TimeSpan.FromMinutes(20));
        Assert.True(result.ExitCode == 0, $"{command} failed (exit code {result.ExitCode}) on a fresh copy:\n{result.Tail()}");

        if (text == FullCourseRun)
        {
            Assert.True(File.Exists(Path.Combine(output, "00-setup-check.ipynb")), $"{command}: no executed copy in {output}\n{result.Tail()}");
            foreach (var page in new[] { "index.html", "00-setup-check.html", "_book/katex/katex.min.js" })
                Assert.True(File.Exists(Path.Combine(output, page)), $"{command}: the course book has no {page} in {output}\n{result.Tail()}");
            InstallsTheJupyterKernel(tree);
            VsCodeKernelLoadsTheCourse(tree);
        }
    }

    [SkippableFact]
    public void Instructor_workflow_runs_in_README_order_on_a_fresh_copy()
    {
        var workflow = Commands.Where(IsInstructorWorkflow).ToList();
        Assert.True(workflow.Count >= 3, "the README's instructor workflow should generate, check and grade");
        Assert.Contains(" -- generate ", workflow[0].Text);

        using var tree = FreshCopy();
        foreach (var command in workflow)
        {
            var words = command.Words;
            if (words.Contains("submissions")) CollectSubmissions(tree, words);
            // Grading refuses to run without its sandbox; where bubblewrap cannot be installed, the README's answer is
            // --unsandboxed.
            var grade = command.Text.Contains(" -- grade ", StringComparison.Ordinal);
            var sandboxed = !grade || GradingSandbox.Available(out _);
            if (!sandboxed) words = [.. words, "--unsandboxed"];
            // Grading runs the assignment's set-up cells; the quick settings keep that short.
            var result = tree.Run(words, TimeSpan.FromMinutes(20), new Dictionary<string, string> { ["AUTOENCODERS_MODE"] = "quick" });
            Assert.True(result.ExitCode == 0, $"{command} failed (exit code {result.ExitCode}) on a fresh copy:\n{result.Tail()}");
            if (grade)
            {
                var gradebook = Path.Combine(tree.Root, words[Array.IndexOf(words, "--out") + 1], "gradebook.csv");
                Assert.True(File.Exists(gradebook), $"{command}: no gradebook\n{result.Tail()}");
                var rows = File.ReadAllText(gradebook);
                Assert.Contains("alice", rows);
                Assert.Equal(!sandboxed, rows.Contains("none: graded with --unsandboxed", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Step "collect the submissions" of the workflow: one student who handed in the untouched student
    /// version of the assignment being graded.</summary>
    static void CollectSubmissions(CommittedTree tree, string[] words)
    {
        var assignment = Path.GetFileName(words.First(w => w.EndsWith(".ipynb", StringComparison.Ordinal)));
        var student = Path.Combine(tree.Root, "submissions", "alice");
        Directory.CreateDirectory(student);
        File.Copy(Path.Combine(tree.Root, "notebooks", "assignments", "release", assignment), Path.Combine(student, assignment));
    }

    /// <summary>The README's Jupyter step, after the set-up, into a private Jupyter folder when Jupyter is here.</summary>
    static void InstallsTheJupyterKernel(CommittedTree tree)
    {
        var jupyter = Commands.Where(c => c.Text.StartsWith("jupyter ", StringComparison.Ordinal)).ToList();
        var data = Path.Combine(tree.Root, "artifacts", "jupyter-data");
        foreach (var command in jupyter)
        {
            ChildResult result;
            try
            {
                result = tree.Run(command.Words, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["JUPYTER_DATA_DIR"] = data });
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return; // Jupyter is not installed here; the Jupyter route test says how to install it
            }
            Assert.True(result.ExitCode == 0, $"{command} failed after the set-up:\n{result.Tail()}");
        }
    }

    /// <summary>After the set-up, the kernel VS Code starts (started the way the Polyglot extension starts it) loads the
    /// course and draws a chart; with the course's feed emptied, as before the set-up, the same <c>#r</c> line fails
    /// with the message that says what to run.</summary>
    static void VsCodeKernelLoadsTheCourse(CommittedTree tree)
    {
        var kernelDll = Path.Combine(tree.Root, "artifacts", "kernel", "Microsoft.DotNet.Interactive.App.dll");
        var notebooks = Path.Combine(tree.Root, "notebooks");
        Assert.True(File.Exists(kernelDll), "the set-up did not write the course kernel");
        var limit = TimeSpan.FromMinutes(5);
        using (var kernel = NotebookKernel.Start(kernelDll, notebooks))
        {
            var added = kernel.Submit("""#r "nuget: Autoencoders, 1.0.0-*" """, limit);
            Assert.True(Succeeded(added), "the #r line failed in the VS Code kernel: " + Describe(added));
            Assert.Contains(added, e => (string?)e["eventType"] == "PackageAdded"
                                        && ((string?)e["event"]?["packageReference"]?["packageVersion"])?.StartsWith("1.0.0-local.") == true);
            // The package brought the lessons' namespaces into scope: TorchSharp's functions and the course's types.
            var scoped = kernel.Submit("ones(3).sum().item<float>() + nameof(ImageSplits).Length + nameof(DataFrame).Length", limit);
            Assert.True(Succeeded(scoped), "the course's namespaces are not in scope in the VS Code kernel: " + Describe(scoped));
            var chart = kernel.Submit("Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 })", limit);
            Assert.True(Succeeded(chart), "a chart failed in the VS Code kernel: " + Describe(chart));
            Assert.Contains("Plotly.newPlot", Describe(chart));
            Assert.Contains(chart, e => (string?)e["eventType"] == "ReturnValueProduced"
                                        && e["event"]?["formattedValues"]?.AsArray().Any(v => (string?)v?["mimeType"] == "text/html") == true);
            Assert.DoesNotContain(added.Concat(scoped).Concat(chart), e => (string?)e["eventType"] is "ErrorProduced" or "CommandFailed");
        }

        var feed = Path.Combine(tree.Root, "artifacts", "feed");
        var aside = Path.Combine(tree.Root, "artifacts", "feed-aside");
        Directory.Move(feed, aside);
        Directory.CreateDirectory(feed);
        using (var kernel = NotebookKernel.Start(kernelDll, notebooks))
        {
            var added = kernel.Submit("""#r "nuget: Autoencoders, 1.0.0-*" """, limit);
            Assert.False(Succeeded(added), "with an empty feed the #r line should fail with the set-up message");
            Assert.Contains(SetupCheck, Describe(added));
            Assert.Contains("The course library is not built yet", Describe(added));
        }
    }

    static bool Succeeded(IReadOnlyList<System.Text.Json.Nodes.JsonObject> events) =>
        (string?)events[^1]["eventType"] == "CommandSucceeded";

    static string Describe(IReadOnlyList<System.Text.Json.Nodes.JsonObject> events) =>
        string.Join("\n", events.Select(e => $"{e["eventType"]}: {e["event"]?.ToJsonString()}"));

    static bool IsInstructorWorkflow(ReadmeCommand command) =>
        command.Text.StartsWith("dotnet run --project lib/Autograder -c Release -- ", StringComparison.Ordinal)
        && Commands.Any(c => c.Block == command.Block && c.Text.Contains(" -- generate ", StringComparison.Ordinal));

    static CommittedTree FreshCopy()
    {
        var tree = CommittedTree.Copy(CourseProgram.RepoRoot, out var why);
        Skip.If(tree is null, why);
        return tree!;
    }
}
