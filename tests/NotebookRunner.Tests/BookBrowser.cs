using Microsoft.Playwright;

namespace NotebookRunner.Tests;

/// <summary>A course book as a reader sees it: every page reached from the index by its links, opened in headless
/// Chromium (Debian's <c>chromium</c>, driven by Playwright) with nothing but files, checked and photographed.</summary>
static class BookBrowser
{
    const string Chromium = "/usr/bin/chromium";

    /// <summary>One page as the browser showed it.</summary>
    /// <param name="Text">Its text as shown.</param>
    /// <param name="Charts">Its chart containers: each drew its SVG, or the walk's problems say so.</param>
    /// <param name="Formulas">Its math elements: each rendered by KaTeX, or the walk's problems say so.</param>
    /// <param name="Images">Its images: each loaded with a size, or the walk's problems say so.</param>
    public sealed record Page(string Text, int Charts, int Formulas, int Images);

    /// <summary>What a walk through a book found.</summary>
    /// <param name="Pages">Each page visited, by its path relative to the book.</param>
    /// <param name="Problems">Console and script errors, requests that left the book, charts without an SVG, formulas
    /// not rendered, images not shown, links to files that do not exist.</param>
    /// <param name="Screenshots">The folder beside the book with a full-page screenshot of each page.</param>
    public sealed record Walk(IReadOnlyDictionary<string, Page> Pages, IReadOnlyList<string> Problems, string Screenshots)
    {
        public int Charts => Pages.Values.Sum(p => p.Charts);
        public int Formulas => Pages.Values.Sum(p => p.Formulas);
        public int Images => Pages.Values.Sum(p => p.Images);
    }

    /// <summary>True when the system's Chromium is there (installed first where the tests may install packages).</summary>
    public static bool Available(out string why) => DebianPackages.Ensure(["chromium"], () => File.Exists(Chromium),
        "elsewhere the test is skipped (it drives the system's Chromium at /usr/bin/chromium)", out why);

    /// <summary>Opens <paramref name="book"/>'s index and every page its links lead to, in turn.</summary>
    public static async Task<Walk> WalkAsync(string book)
    {
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

        var queue = new Queue<string>([Path.Combine(book, "index.html")]);
        var pages = new SortedDictionary<string, Page>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var file))
        {
            if (pages.ContainsKey(Path.GetRelativePath(book, file))) continue;
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

            // Every formula was rendered by KaTeX, without a parse error.
            var math = await page.EvaluateAsync<int[]>("""
                [document.querySelectorAll('.math').length, document.querySelectorAll('.math .katex').length,
                 document.querySelectorAll('.katex-error').length]
                """);
            if (math[1] < math[0] || math[2] > 0) problems.Add($"{current}: {math[0]} formulas, {math[1]} rendered, {math[2]} errors");

            // Every image is shown (loaded, with a size).
            var broken = await page.EvaluateAsync<string[]>(
                "[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt || i.src.slice(0, 60))");
            problems.AddRange(broken.Select(b => $"{current}: image not shown: {b}"));
            var imageCount = await page.EvaluateAsync<int>("document.images.length");

            // Every link inside the book leads to a file that exists; pages are visited in turn.
            var links = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('a[href]')].map(a => a.href)");
            foreach (var link in links.Where(l => l.StartsWith("file:", StringComparison.Ordinal)))
            {
                var target = new Uri(link.Split('#')[0]).LocalPath;
                if (!File.Exists(target)) problems.Add($"{current}: broken link to {link}");
                else if (target.EndsWith(".html", StringComparison.Ordinal)) queue.Enqueue(target);
            }

            pages[current] = new Page(await page.InnerTextAsync("body"), chartCount, math[0], imageCount);
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(screenshots, Path.ChangeExtension(current.Replace(Path.DirectorySeparatorChar, '_'), ".png")),
                FullPage = true,
            });
        }
        return new Walk(pages, problems, screenshots);
    }
}
