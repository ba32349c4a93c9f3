using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace NotebookRunner.Tests;

/// <summary>The course book as a reader sees it: written by the runner, opened page by page in headless Chromium
/// (Debian's <c>chromium</c>, driven by Playwright), with nothing but files.</summary>
/// <remarks>Kept cheap: the book holds the set-up check (a real chart, table and training run) and a small notebook
/// written here with math, an image, a table, a link back, and a cell that fails, so both results show.</remarks>
public class CourseBookBrowserTests(ITestOutputHelper output)
{
    const string Chromium = "/usr/bin/chromium";

    /// <summary>A 12 × 12 checkerboard PNG.</summary>
    const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAwAAAAMCAIAAADZF8uwAAAAIUlEQVR42mP4cMIGjjSiTsARsjgDnRXhkkAWp7eiQRhOACid7sE1pUpoAAAAAElFTkSuQmCC";

    [SkippableFact]
    public async Task Every_page_of_the_book_loads_offline_without_errors_with_charts_math_images_and_working_links()
    {
        Skip.IfNot(DebianPackages.Ensure(["chromium"], () => File.Exists(Chromium),
            "elsewhere the test is skipped (it drives the system's Chromium at /usr/bin/chromium)", out var why), why);
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

        var screenshots = Path.Combine(book, "screenshots");
        Directory.CreateDirectory(screenshots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var problems = new List<string>();
        var current = "";
        page.Console += (_, m) => { if (m.Type == "error") problems.Add($"{current}: console error: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"{current}: script error: {e}");
        page.RequestFailed += (_, r) => problems.Add($"{current}: failed to load {r.Url}: {r.Failure}");
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith("file:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
                problems.Add($"{current}: requested {r.Url} (the book must work offline)");
        };

        var index = Path.Combine(book, "index.html");
        var queue = new Queue<string>([index]);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var charts = 0;
        var formulas = 0;
        var images = 0;
        while (queue.TryDequeue(out var file))
        {
            if (!visited.Add(file)) continue;
            current = Path.GetRelativePath(book, file);
            await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

            // Every chart drew its SVG (Plotly draws after the page's load event, so wait for it).
            var chartCount = await page.EvaluateAsync<int>("document.querySelectorAll('div[id^=\"chart-\"]').length");
            try
            {
                await page.WaitForFunctionAsync(
                    "() => [...document.querySelectorAll('div[id^=\"chart-\"]')].every(d => d.querySelector('svg.main-svg'))",
                    null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            }
            catch (TimeoutException)
            {
                problems.Add($"{current}: a chart drew no SVG");
            }
            charts += chartCount;

            // Every formula was rendered by KaTeX, without a parse error.
            var math = await page.EvaluateAsync<int[]>("""
                [document.querySelectorAll('.math').length, document.querySelectorAll('.math .katex').length,
                 document.querySelectorAll('.katex-error').length]
                """);
            if (math[1] < math[0] || math[2] > 0) problems.Add($"{current}: {math[0]} formulas, {math[1]} rendered, {math[2]} errors");
            formulas += math[0];

            // Every image is shown (loaded, with a size).
            var broken = await page.EvaluateAsync<string[]>(
                "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt || i.src.slice(0, 60))");
            problems.AddRange(broken.Select(b => $"{current}: image not shown: {b}"));
            images += await page.EvaluateAsync<int>("document.images.length");

            // Every link inside the book leads to a file that exists; pages are visited in turn.
            var links = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('a[href]')].map(a => a.href)");
            foreach (var link in links.Where(l => l.StartsWith("file:", StringComparison.Ordinal)))
            {
                var target = new Uri(link.Split('#')[0]).LocalPath;
                if (!File.Exists(target)) problems.Add($"{current}: broken link to {link}");
                else if (target.EndsWith(".html", StringComparison.Ordinal)) queue.Enqueue(target);
            }

            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(screenshots, Path.ChangeExtension(current.Replace(Path.DirectorySeparatorChar, '_'), ".png")),
                FullPage = true,
            });
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(["00-setup-check.html", "book-sample.html", "index.html"],
            visited.Select(v => Path.GetRelativePath(book, v)).Order(StringComparer.Ordinal));
        Assert.True(charts > 0, "no chart in the book");
        Assert.True(formulas >= 2, "the sample's formulas are missing");
        Assert.True(images >= 2, "the sample's images are missing");
        var sampleText = await SampleText(page, book);
        Assert.Contains("failed", sampleText);
        Assert.Contains("this notebook stops here on purpose", sampleText);
        output.WriteLine($"book built in {built.TotalSeconds:0} s, checked in {(clock.Elapsed - built).TotalSeconds:0} s: " +
                         $"{visited.Count} pages, {charts} charts, {formulas} formulas, {images} images; screenshots in {screenshots}");
    }

    static async Task<string> SampleText(IPage page, string book)
    {
        await page.GotoAsync(new Uri(Path.Combine(book, "book-sample.html")).AbsoluteUri);
        return await page.InnerTextAsync("main");
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
