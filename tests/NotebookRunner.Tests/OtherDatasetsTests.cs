using System.Text.Json.Nodes;
using Autoencoders.Data;

namespace NotebookRunner.Tests;

/// <summary>The lessons on data they were not written on: every image lesson and assignment on Fashion-MNIST, the
/// recommender on the ml-100k and ml-1m file layouts. Their claims compare against baselines measured on the same
/// data, so they must hold here too.</summary>
public class OtherDatasetsTests
{
    static string Notebooks => Path.Combine(RunnerProcess.RepoRoot, "notebooks");

    /// <summary>The lesson notebooks and assignments (instructor versions) whose parameters take an image dataset.</summary>
    static List<string> ImageNotebooks() =>
        Directory.EnumerateFiles(Notebooks, "*.ipynb", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.Combine("assignments", "release"), StringComparison.Ordinal))
            .Where(f => JsonNode.Parse(File.ReadAllText(f))!["cells"]!.AsArray()
                .Select(c => string.Concat(c!["source"]!.AsArray().Select(l => (string?)l)))
                .Any(s => s.StartsWith("// parameters", StringComparison.Ordinal) && s.Contains("string dataset = \"mnist\"", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

    [SkippableFact]
    public void Every_image_lesson_and_assignment_passes_in_quick_mode_on_Fashion_MNIST()
    {
        Skip.IfNot(DebianPackages.Ensure(["dataset-fashion-mnist"], () => Directory.Exists(FashionMnist.DebianFolder),
            "elsewhere the lessons download Fashion-MNIST themselves: run one with --param dataset=fashion-mnist", out var why), why);
        var notebooks = ImageNotebooks();
        Assert.True(notebooks.Count >= 7, "expected the image lessons and the three assignments: " + string.Join(", ", notebooks));

        var output = Path.Combine(RunnerProcess.RepoRoot, "artifacts", "executed", "quick-fashion-mnist");
        var (exit, text, _) = RunnerProcess.Run([.. notebooks, "--mode", "quick", "--param", "dataset=fashion-mnist", "--out", output]);

        Assert.True(exit == 0, text);
        Assert.Contains($"{notebooks.Count} passed, 0 failed", text);
        Assert.Contains("Fashion-MNIST", File.ReadAllText(Path.Combine(output, "02-applications-and-dimensionality-reduction.ipynb")));
    }

    [Theory]
    [InlineData("ml-100k")]
    [InlineData("ml-1m")]
    public void The_recommender_passes_in_quick_mode_on_an_older_releases_file_layout(string layout)
    {
        var folder = Directory.CreateTempSubdirectory($"movielens-{layout}-").FullName;
        try
        {
            var lens = MovieLens.Load();
            if (layout == "ml-1m") MovieLensLayouts.WriteMl1m(lens, folder);
            else MovieLensLayouts.WriteMl100k(lens, folder);
            var output = Path.Combine(RunnerProcess.RepoRoot, "artifacts", "executed", $"quick-{layout}");

            var (exit, text, _) = RunnerProcess.Run(Path.Combine(Notebooks, "06-recommender.ipynb"), "--mode", "quick",
                "--param", $"movieLensFolder={folder}", "--out", output);

            Assert.True(exit == 0, text);
            Assert.Contains("1 passed, 0 failed", text);
            Assert.Contains($"from {folder}", text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
