using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace NotebookRunner.Tests;

/// <summary>The course book as a reader sees it: written by the runner, opened page by page in headless Chromium
/// (Debian's <c>chromium</c>, driven by Playwright), with nothing but files.</summary>
/// <remarks>Kept cheap: the book holds the set-up check (a real chart, table and training run) and a small notebook
/// written here with math, an image, a table, a link back, and a cell that fails, so both results show. The quick
/// run's whole book is walked the same way by <see cref="CourseNotebooksTests"/>.</remarks>
public class CourseBookBrowserTests(ITestOutputHelper output)
{
    /// <summary>A 12 × 12 checkerboard PNG.</summary>
    const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAwAAAAMCAIAAADZF8uwAAAAIUlEQVR42mP4cMIGjjSiTsARsjgDnRXhkkAWp7eiQRhOACid7sE1pUpoAAAAAElFTkSuQmCC";

    [SkippableFact]
    public async Task Every_page_of_the_book_loads_offline_without_errors_with_charts_math_images_and_working_links()
    {
        Skip.IfNot(BookBrowser.Available(out var why), why);
        var clock = Stopwatch.StartNew();
        var book = Path.Combine(RunnerProcess.RepoRoot, "artifacts", "book-check");
        if (Directory.Exists(book)) Directory.Delete(book, recursive: true);
        using var notebooks = new TestNotebooks();
        var sample = SampleNotebook(notebooks.Folder);
        var (exit, text, _) = RunnerProcess.Run(Path.Combine(RunnerProcess.RepoRoot, "notebooks", "00-setup-check.ipynb"),
            sample, "--mode", "quick", "--out", book);
        Assert.True(exit == 1, text); // the sample notebook fails on purpose
        Assert.Contains("1 passed, 1 failed", text);
        Assert.Contains($"course book: {Path.Combine(book, "index.html")}", text);
        var built = clock.Elapsed;

        var walk = await BookBrowser.WalkAsync(book);

        Assert.True(walk.Problems.Count == 0, string.Join("\n", walk.Problems));
        Assert.Equal(["00-setup-check.html", "book-sample.html", "index.html"], walk.Pages.Keys);
        Assert.True(walk.Charts > 0, "no chart in the book");
        Assert.True(walk.Formulas >= 2, "the sample's formulas are missing");
        Assert.True(walk.Images >= 2, "the sample's images are missing");
        Assert.Contains("failed", walk.Pages["book-sample.html"].Text);
        Assert.Contains("this notebook stops here on purpose", walk.Pages["book-sample.html"].Text);
        output.WriteLine($"book built in {built.TotalSeconds:0} s, checked in {(clock.Elapsed - built).TotalSeconds:0} s: " +
                         $"{walk.Pages.Count} pages, {walk.Charts} charts, {walk.Formulas} formulas, {walk.Images} images; " +
                         $"screenshots in {walk.Screenshots}");
    }

    /// <summary>A small notebook with what the set-up check lacks: math, images, a Markdown table, a link to another
    /// notebook of the book, and a failing last cell.</summary>
    static string SampleNotebook(string folder)
    {
        static JsonObject Markdown(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };
        static JsonObject Code(string source) => new()
        {
            ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["source"] = source, ["outputs"] = new JsonArray(),
            ["execution_count"] = null,
        };
        var cells = new JsonArray(
            Markdown($$"""
                # Book sample

                Inline math, $e^{i\pi} + 1 = 0$, and a display formula:

                $$\sum_{k=1}^{n} k = \frac{n(n+1)}{2}$$

                Back to [the set-up check](00-setup-check.ipynb).

                | n | n² |
                |---|---|
                | 3 | 9 |

                ![a checkerboard](data:image/png;base64,{{Png}})
                """),
            Code($$"""
                display(HTML("<img alt=\"checkerboard output\" src=\"data:image/png;base64,{{Png}}\">"));
                Console.WriteLine("sample output");
                """),
            Code("throw new InvalidOperationException(\"this notebook stops here on purpose\");"));
        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(folder, "book-sample.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }
}
