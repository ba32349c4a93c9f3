using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookHost.Book;

/// <summary>The files every page of the book shares: its stylesheet and script, KaTeX (built into this library as
/// resources named <c>book/...</c>), and the large scripts taken out of notebook outputs.</summary>
internal sealed partial class BookAssets
{
    public const string BookCss = "book.css", BookJs = "book.js", KatexCss = "katex/katex.min.css", KatexJs = "katex/katex.min.js";

    /// <summary>Inline scripts at least this long are moved into a shared file: plotly.js (3.6 MB) is one, a chart's
    /// own drawing code (its figure included) stays in the page.</summary>
    const int SharedScriptLength = 256 * 1024;

    readonly string folder;
    readonly Dictionary<string, string> shared = new(StringComparer.Ordinal);

    BookAssets(string folder) => this.folder = folder;

    /// <summary>Writes the built-in files into <paramref name="folder"/>.</summary>
    public static BookAssets Write(string folder)
    {
        var assembly = typeof(BookAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("book/", StringComparison.Ordinal)))
        {
            var path = Path.Combine(folder, name["book/".Length..].Replace('\\', '/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var resource = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(path);
            resource.CopyTo(file);
        }
        return new BookAssets(folder);
    }

    /// <summary>Whether an inline script is large enough to be shared rather than repeated in pages.</summary>
    public static bool IsShared(string script) => script.Length >= SharedScriptLength;

    /// <summary>Stores <paramref name="script"/> once (named by its content, so the same library from every notebook
    /// is one file) and returns its path inside the assets folder.</summary>
    public string Share(string script)
    {
        var bytes = Encoding.UTF8.GetBytes(script);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        if (!shared.TryGetValue(hash, out var name))
        {
            var library = LibraryName().Match(script[..Math.Min(script.Length, 400)]);
            var file = library.Success ? $"{library.Groups[1].Value}-{library.Groups[2].Value}-{hash}.js" : $"{hash}.js";
            name = $"shared/{file}";
            var path = Path.Combine(folder, "shared", file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            shared[hash] = name;
        }
        return name;
    }

    /// <summary>A library's banner comment, e.g. "plotly.js v2.28.0", which names its shared file.</summary>
    [GeneratedRegex(@"([a-z]+)\.js v(\d+\.\d+\.\d+)")]
    private static partial Regex LibraryName();
}
