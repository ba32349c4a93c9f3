using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NotebookRunner.Tests;

/// <summary>The course's own notebooks: committed clean, on the pinned package versions, passing in quick mode, and
/// their book readable in a browser.</summary>
public partial class CourseNotebooksTests(QuickCourse course) : IClassFixture<QuickCourse>
{
    static string NotebooksFolder => Path.Combine(RunnerProcess.RepoRoot, "notebooks");

    static IEnumerable<string> Notebooks() =>
        Directory.EnumerateFiles(NotebooksFolder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".ipynb", StringComparison.Ordinal) || f.EndsWith(".dib", StringComparison.Ordinal));

    [Fact]
    public void Every_package_a_notebook_names_has_the_version_pinned_in_Directory_Packages_props()
    {
        var pinned = XDocument.Load(Path.Combine(RunnerProcess.RepoRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var mismatches = new List<string>();
        var references = 0;
        foreach (var notebook in Notebooks())
        {
            foreach (Match m in NugetReference().Matches(File.ReadAllText(notebook).Replace("\\\"", "\"")))
            {
                references++;
                var (name, version) = (m.Groups["name"].Value, m.Groups["version"].Value);
                var expected = name == "Autoencoders" ? "1.0.0-*" : pinned.GetValueOrDefault(name);
                if (version != expected)
                    mismatches.Add($"{Path.GetRelativePath(RunnerProcess.RepoRoot, notebook)}: {name} {version} (pinned: {expected ?? "not pinned"})");
            }
        }
        Assert.True(references > 0, "no notebook loads any package: the check would be empty");
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Notebooks_are_committed_without_outputs()
    {
        var withOutputs = Notebooks().Where(f => f.EndsWith(".ipynb", StringComparison.Ordinal))
            .Where(f => JsonNode.Parse(File.ReadAllText(f))!["cells"]!.AsArray()
                .Any(c => c!["outputs"] is JsonArray { Count: > 0 } || c["execution_count"] is JsonValue))
            .Select(f => Path.GetRelativePath(RunnerProcess.RepoRoot, f));
        Assert.Empty(withOutputs);
    }

    [Fact]
    public void Lessons_set_up_with_their_parameters_and_the_r_line_alone()
    {
        // The course package brings the lessons' namespaces into scope; only the set-up check writes them out, to
        // explain them.
        var lessons = Notebooks().Where(f => f.EndsWith(".ipynb", StringComparison.Ordinal)
                                             && !Path.GetFileName(f).StartsWith("00-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lessons);
        var withUsings = lessons
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["cells"]!.AsArray()
                .Where(c => (string?)c!["cell_type"] == "code")
                .SelectMany(c => string.Concat(c!["source"]!.AsArray().Select(l => (string?)l)).Split('\n'))
                .Where(l => UsingDirective().IsMatch(l))
                .Select(l => $"{Path.GetRelativePath(RunnerProcess.RepoRoot, f)}: {l.Trim()}"))
            .ToList();
        Assert.Empty(withUsings);
    }

    [GeneratedRegex(@"^using (static )?[A-Za-z_.]+;\s*$")]
    private static partial Regex UsingDirective();

    [Fact]
    public void Every_notebook_passes_in_quick_mode_with_charts_that_draw_offline()
    {
        var output = QuickCourse.Folder;
        var (exit, text) = course.Run;

        Assert.True(exit == 0, text);
        Assert.Matches(@"\d+ passed, 0 failed", text);
        // The assignments' instructor versions run (solutions and tests); the student copies are left out.
        Assert.Contains("PASSED  assignments/source/1-training-autoencoders.ipynb".Replace('/', Path.DirectorySeparatorChar), text);
        Assert.Contains("Skipping 3 student copies of assignments", text);
        var setup = File.ReadAllText(Path.Combine(output, "00-setup-check.ipynb"));
        Assert.Single(Regex.Matches(setup, "plotly.js v2"));
        Assert.Contains("Plotly.newPlot", setup);

        // The course book of the run: every notebook has its page, and plotly.js is in the book once.
        var index = File.ReadAllText(Path.Combine(output, "index.html"));
        Assert.Contains("passed, 0 failed", index);
        Assert.True(File.Exists(Path.Combine(output, "assignments", "source", "2-autoencoders.html")), "no page for an assignment");
        Assert.Single(Directory.GetFiles(Path.Combine(output, "_book", "shared"), "plotly-*.js"));
        Assert.DoesNotContain("plotly.js v2", File.ReadAllText(Path.Combine(output, "00-setup-check.html")));
    }

    [SkippableFact]
    public async Task The_quick_runs_book_shows_every_notebook_in_a_browser_with_its_charts_and_math()
    {
        Skip.IfNot(BookBrowser.Available(out var why), why);
        var (exit, text) = course.Run;
        Assert.True(exit == 0, text);

        var walk = await BookBrowser.WalkAsync(QuickCourse.Folder);

        Assert.True(walk.Problems.Count == 0, string.Join("\n", walk.Problems));
        // Every executed notebook has its page, reached by links from the index.
        var executed = Directory.EnumerateFiles(QuickCourse.Folder, "*.ipynb", SearchOption.AllDirectories)
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(QuickCourse.Folder, f), ".html"));
        Assert.Equal(executed.Append("index.html").Order(StringComparer.Ordinal), walk.Pages.Keys);
        // Every lesson shows a chart; the lessons' math is rendered.
        foreach (var lesson in walk.Pages.Where(p => Regex.IsMatch(p.Key, @"^0[1-7]-")))
            Assert.True(lesson.Value.Charts > 0, $"{lesson.Key} shows no chart");
        Assert.True(walk.Formulas > 0, "no formula in the course's book");
        Assert.Contains("passed", walk.Pages["index.html"].Text);
    }

    [GeneratedRegex("#r \"nuget:\\s*(?<name>[^,\"]+?)\\s*,\\s*(?<version>[^\"]+?)\\s*\"")]
    private static partial Regex NugetReference();
}
