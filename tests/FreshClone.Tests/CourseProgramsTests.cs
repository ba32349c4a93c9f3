using System.Text.RegularExpressions;

namespace FreshClone.Tests;

/// <summary>The lessons and assignments as C# programs (notebooks/programs), run on one fresh copy of the committed
/// tree the way the README says: <c>dotnet run notebooks/programs/X.cs -- --mode quick</c>. Each lesson runs to the
/// end and writes its charts as pages that need no network; each student version stops at its first unanswered
/// question with the hint; the instructor versions, written by the runner, run to the end.</summary>
public sealed partial class CourseProgramsTests(CourseProgramsTests.FreshCopy copy) : IClassFixture<CourseProgramsTests.FreshCopy>
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>One copy for all the programs: they share its build of the course library.</summary>
    public sealed class FreshCopy : IDisposable
    {
        readonly CommittedTree? tree;

        public FreshCopy()
        {
            tree = CommittedTree.Copy(CourseProgram.RepoRoot, out var why);
            Why = why;
        }

        public string Why { get; }

        internal CommittedTree Tree
        {
            get
            {
                Skip.If(tree is null, Why);
                return tree!;
            }
        }

        public void Dispose() => tree?.Dispose();
    }

    static string Programs => Path.Combine(CourseProgram.RepoRoot, "notebooks", "programs");

    public static TheoryData<string> Lessons() =>
        [.. Directory.GetFiles(Programs, "*.cs").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> StudentVersions() =>
        [.. Directory.GetFiles(Path.Combine(Programs, "assignments"), "*.cs").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^\[chart \d+: .* → (?<file>[^\]]+\.html)\]$", RegexOptions.Multiline)]
    private static partial Regex ChartLine();

    [SkippableTheory]
    [MemberData(nameof(Lessons))]
    public void A_lesson_program_runs_to_the_end_and_writes_its_charts(string program)
    {
        var name = Path.GetFileNameWithoutExtension(program);
        var output = Path.Combine(copy.Tree.Root, "artifacts", "programs-test", name);
        var result = copy.Tree.Run(["dotnet", "run", $"notebooks/programs/{program}", "--", "--mode", "quick", "--out", output], Limit);
        Assert.True(result.ExitCode == 0, $"{program} failed (exit code {result.ExitCode}) on a fresh copy:\n{result.Tail()}");
        Assert.Contains($"{name}: done.", result.Output);

        var charts = ChartLine().Matches(result.Output).Select(m => m.Groups["file"].Value).ToList();
        if (name != "00-setup-check")
            Assert.True(charts.Count > 0, $"{program} showed no chart:\n{result.Tail()}");
        foreach (var chart in charts)
        {
            var path = Path.Combine(output, chart);
            Assert.True(File.Exists(path), $"{program} named {chart} but did not write it to {output}");
            var html = File.ReadAllText(path);
            Assert.Contains("Plotly.newPlot", html);
            Assert.DoesNotMatch(@"<script[^>]+src=""https?:", html);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(StudentVersions))]
    public void A_student_version_stops_at_its_first_unanswered_question(string program)
    {
        var name = Path.GetFileNameWithoutExtension(program);
        var file = $"notebooks/programs/assignments/{program}";
        var output = Path.Combine(copy.Tree.Root, "artifacts", "programs-test", name);
        var result = copy.Tree.Run(["dotnet", "run", file, "--", "--mode", "quick", "--out", output], Limit);
        Assert.True(result.ExitCode == 1, $"{program} should stop with exit code 1, not {result.ExitCode}:\n{result.Tail()}");
        Assert.Contains("This answer is not written yet", result.Output);

        var stopped = Regex.Match(result.Output, $@"Stopped at line (\d+) of {Regex.Escape(name)}\.cs: NotImplementedException");
        Assert.True(stopped.Success, $"{program} did not say on which line it stopped:\n{result.Tail()}");
        var line = File.ReadAllLines(Path.Combine(copy.Tree.Root, file))[int.Parse(stopped.Groups[1].Value) - 1];
        Assert.Contains("NotImplementedException", line);
    }

    [SkippableFact]
    public void The_instructor_versions_written_by_the_runner_run_to_the_end()
    {
        // Inside the copy, so that the programs get the course's build settings (Directory.Build.props).
        var output = Path.Combine(copy.Tree.Root, "artifacts", "instructor-programs");
        var source = Path.Combine(copy.Tree.Root, "notebooks", "assignments", "source");
        foreach (var notebook in Directory.GetFiles(source, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var written = copy.Tree.Run(["dotnet", "run", "--project", "lib/NotebookRunner", "-c", "Release", "--",
                "--write-programs", notebook, "--out", output], Limit);
            Assert.True(written.ExitCode == 0, $"writing the program of {notebook} failed:\n{written.Tail()}");
            var program = Path.Combine(output, Path.GetFileNameWithoutExtension(notebook) + ".cs");
            Assert.True(File.Exists(program), $"no program {program}:\n{written.Tail()}");

            var result = copy.Tree.Run(["dotnet", "run", program, "--", "--mode", "quick", "--out", Path.Combine(output, "charts")], Limit);
            Assert.True(result.ExitCode == 0, $"{program} failed (exit code {result.ExitCode}):\n{result.Tail()}");
            Assert.Contains($"{Path.GetFileNameWithoutExtension(notebook)}: done.", result.Output);
        }
    }

    [SkippableFact]
    public void An_unknown_parameter_is_a_usage_error_that_lists_the_parameters()
    {
        var result = copy.Tree.Run(["dotnet", "run", "notebooks/programs/01-intuition.cs", "--", "--param", "nosuch=1"], Limit);
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}, not 2:\n{result.Tail()}");
        Assert.Contains("nosuch", result.Output);
        Assert.Contains("mode", result.Output);
    }
}
