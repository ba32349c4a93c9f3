using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookHost.Book;

namespace NotebookRunner.Tests;

/// <summary>The course book's pages from executed notebooks written here (no kernel): shared scripts kept once,
/// math marked for KaTeX, links between notebooks, results and times, the fonts KaTeX asks for.</summary>
public partial class CourseBookTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("course-book-").FullName;

    /// <summary>Stands in for plotly.js: a banner like the library's and enough text to count as a shared script.</summary>
    static readonly string Library = "/**\n* plotly.js v9.8.7\n*/\n" + new string('x', 300_000);

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    string Write(string relative, params JsonObject[] cells)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var notebook = new JsonObject { ["cells"] = new JsonArray(cells), ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 };
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    static JsonObject Markdown(string text) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = text };

    static JsonObject Code(string code, params JsonObject[] outputs) => new()
    {
        ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["source"] = code, ["execution_count"] = 1,
        ["outputs"] = new JsonArray(outputs),
    };

    static JsonObject Display(string mime, string value) => new()
    {
        ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = new JsonObject { [mime] = value },
    };

    static JsonObject Chart(string id) => Display("text/html",
        $"<script type=\"text/javascript\">{Library}</script><div id=\"{id}\"></div><script>draw(\"{id}\");</script>");

    List<BookEntry> TwoNotebooks() =>
    [
        new("a.ipynb", Write("a.ipynb",
            Markdown("# Alpha\n\nInline $x^2$, and on its own line:\n\n$$\\frac{a}{b}$$\n\n$$\n\\cos(a)\n$$\n\nNext: [beta](sub/b.ipynb#top), or [elsewhere](other.ipynb)."),
            Code("Chart()", Chart("chart-1"), new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "a < b\n" })),
            "passed", 12.34),
        new("sub/b.ipynb", Write("sub/b.ipynb",
            Markdown("# Beta\n\n| n | square |\n|---|---|\n| 2 | 4 |"),
            Code("Chart()", Chart("chart-2"), Display("image/png", "iVBORw0KGgo=")),
            Code("throw new Exception(\"boom\");", new JsonObject { ["output_type"] = "error", ["ename"] = "Exception", ["evalue"] = "boom", ["traceback"] = new JsonArray() })),
            "failed", 5.6, "boom", 3),
    ];

    [Fact]
    public void Pages_share_one_copy_of_a_large_script_and_link_to_it_from_their_own_folder()
    {
        CourseBook.Write(folder, TwoNotebooks(), "quick");

        var shared = Directory.GetFiles(Path.Combine(folder, "_book", "shared"));
        Assert.Equal("plotly-9.8.7", string.Join(",", shared.Select(f => Path.GetFileName(f)[..12])));
        Assert.Equal(Library, File.ReadAllText(shared[0]));
        var a = File.ReadAllText(Path.Combine(folder, "a.html"));
        var b = File.ReadAllText(Path.Combine(folder, "sub", "b.html"));
        Assert.DoesNotContain("xxxxxxxxxx", a + b);
        Assert.Contains($"<script src=\"_book/shared/{Path.GetFileName(shared[0])}\"></script><div id=\"chart-1\">", a);
        Assert.Contains($"<script src=\"../_book/shared/{Path.GetFileName(shared[0])}\"></script><div id=\"chart-2\">", b);
        Assert.Contains("<script>draw(\"chart-2\");</script>", b); // a chart's own small script stays in the page
        Assert.Contains("<link rel=\"stylesheet\" href=\"../_book/katex/katex.min.css\">", b);
    }

    [Fact]
    public void Pages_carry_prose_math_code_outputs_navigation_and_each_notebooks_result()
    {
        CourseBook.Write(folder, TwoNotebooks(), "quick");

        var a = File.ReadAllText(Path.Combine(folder, "a.html"));
        Assert.Contains("<title>Alpha</title>", a);
        Assert.Matches(@"<span class=""math"">\\\(x\^2\\\)</span>", a);
        Assert.Contains(@"<span class=""math display"">\(\frac{a}{b}\)</span>", a); // $$ within a line: shown apart
        Assert.Matches(@"<div class=""math"">\s*\\\[\s*\\cos\(a\)\s*\\\]</div>", a);
        Assert.Contains("href=\"sub/b.html#top\"", a);      // a notebook of the book: its page
        Assert.Contains("href=\"other.ipynb\"", a);         // not in the book: left as written
        Assert.Contains("<pre class=\"source\"><code>Chart()</code></pre>", a);
        Assert.Contains("a &lt; b", a);
        Assert.Contains("<span class=\"status passed\">passed</span> in 12.3 s", a);
        Assert.Contains("<a href=\"sub/b.html\" rel=\"next\">Beta →</a>", a);

        var b = File.ReadAllText(Path.Combine(folder, "sub", "b.html"));
        Assert.Contains("<a href=\"../a.html\" rel=\"prev\">← Alpha</a>", b);
        Assert.Contains("<a href=\"../index.html\">Contents</a>", b);
        Assert.Contains("<span class=\"status failed\">failed</span> in 5.6 s", b);
        Assert.Contains("<div class=\"failure\">Cell 3: boom</div>", b);
        Assert.Contains("<img alt=\"output\" src=\"data:image/png;base64,iVBORw0KGgo=\">", b);
        Assert.Contains("<th>square</th>", b);
        Assert.Contains("<a href=\"b.ipynb\">executed notebook</a>", b);

        var index = File.ReadAllText(Path.Combine(folder, "index.html"));
        Assert.Contains("2 notebooks, quick mode", index);
        Assert.Contains("1 passed, 1 failed, 17.9 s in all", index);
        Assert.Contains("<a href=\"sub/b.html\">Beta</a>", index);
        Assert.Contains("<span class=\"status failed\">failed</span></td><td class=\"number\">5.6 s</td>", index);
    }

    [Fact]
    public void Every_font_the_math_stylesheet_asks_for_first_is_in_the_book_with_the_licence()
    {
        CourseBook.Write(folder, TwoNotebooks(), null);

        var katex = Path.Combine(folder, "_book", "katex");
        var css = File.ReadAllText(Path.Combine(katex, "katex.min.css"));
        var fonts = FirstFontSources().Matches(css).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(fonts.Count >= 10, $"only {fonts.Count} fonts in the stylesheet");
        Assert.All(fonts, f => Assert.True(File.Exists(Path.Combine(katex, f)), $"{f} is missing"));
        Assert.Contains("MIT License", File.ReadAllText(Path.Combine(katex, "LICENSE")));
        Assert.True(new FileInfo(Path.Combine(katex, "katex.min.js")).Length > 100_000);
    }

    /// <summary>The first source of each @font-face (the one a browser that reads WOFF2 loads).</summary>
    [GeneratedRegex(@"src:url\((fonts/[^)]+\.woff2)\)")]
    private static partial Regex FirstFontSources();
}
