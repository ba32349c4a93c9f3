using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NotebookHost.Book;

/// <summary>One page of the course book: an executed notebook's prose, code and outputs, with the navigation between
/// lessons and the notebook's result and time.</summary>
internal sealed partial class NotebookPage(IReadOnlyList<BookEntry> entries, IReadOnlyList<string> titles, int index,
    BookAssets assets, IReadOnlySet<string> inBook)
{
    /// <summary>Markdig with its common extensions: pipe tables, and math (<c>$...$</c>, <c>$$...$$</c>) left marked
    /// for KaTeX, which renders it in the browser.</summary>
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Output formats in the order a notebook front end prefers them.</summary>
    static readonly string[] Preferred = ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/plain"];

    BookEntry Entry => entries[index];

    /// <summary>The relative way from this page up to the book's folder.</summary>
    string Root => string.Concat(Enumerable.Repeat("../", Entry.PagePath.Count(c => c == '/')));

    public string Render()
    {
        var body = new StringBuilder();
        body.Append("<div class=\"layout\">\n").Append(Contents()).Append("<main>\n").Append(Pager())
            .Append(CultureInfo.InvariantCulture, $"<p class=\"run\">{CourseBook.Status(Entry.Status)} in {Entry.Seconds:0.0} s · ")
            .Append(CultureInfo.InvariantCulture, $"<a href=\"{CourseBook.Attribute(Path.GetFileName(Entry.NotebookPath))}\">executed notebook</a>")
            .Append(CultureInfo.InvariantCulture, $" · <code>{WebUtility.HtmlEncode(Entry.Relative.Replace('\\', '/'))}</code></p>\n");
        if (Entry.Status != "passed")
        {
            var where = Entry.Cell is null ? "" : $"Cell {Entry.Cell}: ";
            body.Append(CultureInfo.InvariantCulture, $"<div class=\"failure\">{WebUtility.HtmlEncode(where + Entry.Error)}</div>\n");
        }
        body.Append(Cells()).Append(Pager()).Append("</main>\n</div>");
        return CourseBook.Html(titles[index], Root, body.ToString(), scripts: true);
    }

    string Contents()
    {
        var list = new StringBuilder("<nav class=\"contents\">\n");
        list.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Root}index.html\">Contents</a></p>\n<ol>\n");
        for (var i = 0; i < entries.Count; i++)
        {
            list.Append(i == index ? "<li class=\"current\">" : "<li>")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"{CourseBook.Attribute(Root + entries[i].PagePath)}\">")
                .Append(WebUtility.HtmlEncode(titles[i])).Append("</a>")
                .Append(entries[i].Status == "passed" ? "" : " " + CourseBook.Status(entries[i].Status)).Append("</li>\n");
        }
        return list.Append("</ol>\n</nav>\n").ToString();
    }

    string Pager()
    {
        string Link(int i, string arrow) => i < 0 || i >= entries.Count ? "<span></span>"
            : $"<a href=\"{CourseBook.Attribute(Root + entries[i].PagePath)}\" rel=\"{(i < index ? "prev" : "next")}\">" +
              $"{(i < index ? arrow + " " : "")}{WebUtility.HtmlEncode(titles[i])}{(i > index ? " " + arrow : "")}</a>";
        return $"<div class=\"pager\">{Link(index - 1, "←")}<a href=\"{Root}index.html\">Contents</a>{Link(index + 1, "→")}</div>\n";
    }

    string Cells()
    {
        if (Entry.ExecutedCopy is null || !File.Exists(Entry.ExecutedCopy))
            return "<p>The run ended before it wrote an executed copy of this notebook.</p>\n";
        NotebookFile notebook;
        try
        {
            notebook = NotebookFile.Read(Entry.ExecutedCopy);
        }
        catch (InvalidDataException e)
        {
            return $"<p>{WebUtility.HtmlEncode(e.Message)}</p>\n";
        }
        var html = new StringBuilder();
        foreach (var cell in notebook.Cells)
        {
            if (cell.Kind == CellKind.Markdown)
            {
                html.Append("<section class=\"cell markdown\">\n").Append(MarkdownHtml(cell.Source)).Append("</section>\n");
                continue;
            }
            var count = cell.Original?["execution_count"] is JsonValue v ? v.ToString() : " ";
            html.Append("<section class=\"cell code\">")
                .Append(CultureInfo.InvariantCulture, $"<div class=\"prompt\">[{count}]</div>")
                .Append(CultureInfo.InvariantCulture, $"<pre class=\"source\"><code>{WebUtility.HtmlEncode(cell.Source)}</code></pre>\n");
            var outputs = cell.Original?["outputs"] as JsonArray ?? [];
            if (outputs.Count > 0)
            {
                html.Append("<div class=\"outputs\">\n");
                foreach (var output in outputs.OfType<JsonObject>()) html.Append(Output(output));
                html.Append("</div>\n");
            }
            html.Append("</section>\n");
        }
        return html.ToString();
    }

    /// <summary>Markdown as HTML; links to another notebook of the book lead to its page.</summary>
    string MarkdownHtml(string source)
    {
        var document = Markdig.Markdown.Parse(source, Markdown);
        var folder = Path.GetDirectoryName(Entry.NotebookPath)?.Replace('\\', '/') ?? "";
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is not { } url || url.Contains("://", StringComparison.Ordinal)) continue;
            var hash = url.IndexOf('#');
            var (target, fragment) = hash < 0 ? (url, "") : (url[..hash], url[hash..]);
            if (!target.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) continue;
            var resolved = Normalize(folder.Length == 0 ? target : folder + "/" + target);
            if (inBook.Contains(resolved)) link.Url = Path.ChangeExtension(target, ".html") + fragment;
        }
        // Markdig writes $$...$$ within a line as inline math; notebooks show it as a display formula, and so does the book.
        foreach (var math in document.Descendants<MathInline>().Where(m => m.DelimiterCount >= 2))
            math.GetAttributes().AddClass("display");
        return document.ToHtml(Markdown);
    }

    /// <summary>A relative path with "." and ".." resolved, forward slashes.</summary>
    static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    string Output(JsonObject output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                var name = (string?)output["name"] == "stderr" ? "stderr" : "stdout";
                return $"<div class=\"output {name}\"><pre>{WebUtility.HtmlEncode(Text(output["text"]))}</pre></div>\n";
            case "error":
                var (ename, evalue) = ((string?)output["ename"] ?? "", (string?)output["evalue"] ?? "");
                var message = evalue.StartsWith(ename, StringComparison.Ordinal) ? evalue : $"{ename}: {evalue}";
                return $"<div class=\"output error\"><pre>{WebUtility.HtmlEncode(message)}</pre></div>\n";
        }
        if (output["data"] is not JsonObject data) return "";
        var mime = Preferred.FirstOrDefault(data.ContainsKey);
        var value = mime is null ? "" : Text(data[mime]);
        var content = mime switch
        {
            "text/html" => ShareLargeScripts(value),
            "image/svg+xml" => value,
            "image/png" or "image/jpeg" => $"<img alt=\"output\" src=\"data:{mime};base64,{value.Replace("\n", "")}\">",
            "text/markdown" => MarkdownHtml(value),
            "text/plain" => $"<pre>{WebUtility.HtmlEncode(value)}</pre>",
            _ => "",
        };
        return $"<div class=\"output\">{content}</div>\n";
    }

    /// <summary>Replaces every large inline script (plotly.js, carried by a notebook's first chart) with a link to the
    /// one shared copy. The link stays where the script was, so the chart code after it finds the library loaded.</summary>
    string ShareLargeScripts(string html) => InlineScript().Replace(html, m =>
    {
        var script = m.Groups["body"].Value;
        return BookAssets.IsShared(script)
            ? $"<script src=\"{Root}{CourseBook.AssetsFolder}/{assets.Share(script)}\"></script>"
            : m.Value;
    });

    static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue text => text.ToString(),
        _ => "",
    };

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
