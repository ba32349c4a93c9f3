using System.Globalization;
using System.Net;
using System.Text;

namespace NotebookHost.Book;

/// <summary>Writes the course book: an index and one HTML page per executed notebook, readable in any browser with
/// nothing installed and no network.</summary>
/// <remarks>Every script and stylesheet lives once in the book's <c>_book/</c> folder and pages link to it: plotly.js,
/// which each executed copy carries inline (3.6 MB) so that the copy displays on its own, is taken out of the pages
/// and kept in one file for all of them; KaTeX, which renders the lessons' math, is built into this library (see
/// <c>Book/katex-*/README.md</c>).</remarks>
internal static class CourseBook
{
    /// <summary>The folder, inside the book, of the files every page shares.</summary>
    public const string AssetsFolder = "_book";

    /// <summary>Writes <c>index.html</c> and the pages into <paramref name="folder"/>, next to the executed copies,
    /// and returns the index's full path.</summary>
    /// <param name="folder">The runner's output folder.</param>
    /// <param name="entries">The notebooks in reading order.</param>
    /// <param name="mode">The mode the notebooks ran in, when the run set one.</param>
    public static string Write(string folder, IReadOnlyList<BookEntry> entries, string? mode)
    {
        // The shared files are the book's own: those of an earlier run (an older plotly.js) go.
        var assetsFolder = Path.Combine(folder, AssetsFolder);
        if (Directory.Exists(assetsFolder)) Directory.Delete(assetsFolder, recursive: true);
        var assets = BookAssets.Write(assetsFolder);
        var titles = entries.Select(Title).ToList();
        var inBook = entries.Select(e => e.NotebookPath).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var page = new NotebookPage(entries, titles, i, assets, inBook);
            var path = Path.Combine(folder, entries[i].PagePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, page.Render(), new UTF8Encoding(false));
        }
        var index = Path.Combine(folder, "index.html");
        File.WriteAllText(index, Index(entries, titles, mode), new UTF8Encoding(false));
        return index;
    }

    /// <summary>A notebook's title: its first level-one heading, or its file name.</summary>
    static string Title(BookEntry entry)
    {
        if (entry.ExecutedCopy is not null && File.Exists(entry.ExecutedCopy))
        {
            try
            {
                var heading = NotebookFile.Read(entry.ExecutedCopy).Cells
                    .Where(c => c.Kind == CellKind.Markdown)
                    .SelectMany(c => c.Source.Split('\n'))
                    .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
                if (heading is not null) return heading[2..].Trim();
            }
            catch (InvalidDataException)
            {
                // The page says the copy cannot be read; the file name stands in for the title.
            }
        }
        return Path.GetFileNameWithoutExtension(entry.Relative);
    }

    static string Index(IReadOnlyList<BookEntry> entries, IReadOnlyList<string> titles, string? mode)
    {
        var passed = entries.Count(e => e.Status == "passed");
        var total = entries.Sum(e => e.Seconds);
        var body = new StringBuilder();
        body.Append("<main class=\"index\">\n<h1>The course, executed</h1>\n<p class=\"run\">")
            .Append(CultureInfo.InvariantCulture, $"{entries.Count} notebooks")
            .Append(mode is null ? "" : $", {WebUtility.HtmlEncode(mode)} mode")
            .Append(CultureInfo.InvariantCulture, $", run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: ")
            .Append(CultureInfo.InvariantCulture, $"{passed} passed, {entries.Count - passed} failed, {total:0.0} s in all.</p>\n")
            .Append("<table class=\"index\">\n<tr><th>Notebook</th><th>File</th><th>Result</th><th>Time</th></tr>\n");
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            body.Append(CultureInfo.InvariantCulture,
                $"<tr><td><a href=\"{Attribute(e.PagePath)}\">{WebUtility.HtmlEncode(titles[i])}</a></td>")
                .Append(CultureInfo.InvariantCulture, $"<td><code>{WebUtility.HtmlEncode(e.Relative.Replace('\\', '/'))}</code></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Status(e.Status)}</td><td class=\"number\">{e.Seconds:0.0} s</td></tr>\n");
        }
        body.Append("</table>\n</main>\n");
        return Html("The course, executed", "", body.ToString(), scripts: false);
    }

    /// <summary>A pass/fail badge.</summary>
    public static string Status(string status) =>
        $"<span class=\"status {WebUtility.HtmlEncode(status)}\">{WebUtility.HtmlEncode(status)}</span>";

    public static string Attribute(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A complete page; <paramref name="root"/> is the relative way up to the book's folder ("" or "../").</summary>
    public static string Html(string title, string root, string body, bool scripts) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)}</title>
        <link rel="stylesheet" href="{root}{AssetsFolder}/{BookAssets.KatexCss}">
        <link rel="stylesheet" href="{root}{AssetsFolder}/{BookAssets.BookCss}">
        </head>
        <body>
        {body}
        {(scripts ? $"<script src=\"{root}{AssetsFolder}/{BookAssets.KatexJs}\"></script>\n<script src=\"{root}{AssetsFolder}/{BookAssets.BookJs}\"></script>" : "")}
        </body>
        </html>

        """;
}
