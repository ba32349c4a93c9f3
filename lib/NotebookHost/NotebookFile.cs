using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;

namespace NotebookHost;

/// <summary>Reads .ipynb and .dib notebooks into cells and writes executed notebooks as .ipynb with outputs.</summary>
/// <remarks>.ipynb files are read as plain JSON so that cell tags and metadata survive untouched; .dib files are parsed
/// by .NET Interactive's own reader. Executed copies are always .ipynb, the format that can hold outputs.</remarks>
public sealed class NotebookFile
{
    NotebookFile(string path, List<Cell> cells, JsonObject? original)
    {
        Path = path;
        Cells = cells;
        this.original = original;
    }

    readonly JsonObject? original;

    /// <summary>The file the notebook was read from.</summary>
    public string Path { get; }

    /// <summary>The cells in order.</summary>
    public List<Cell> Cells { get; }

    /// <summary>Reads a notebook; throws <see cref="InvalidDataException"/> naming the file when it cannot be parsed.</summary>
    public static NotebookFile Read(string path)
    {
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".ipynb" => ReadIpynb(path),
                ".dib" => ReadDib(path),
                _ => throw new InvalidDataException($"{path}: not a notebook (expected .ipynb or .dib)."),
            };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid notebook JSON ({e.Message}).", e);
        }
    }

    static NotebookFile ReadIpynb(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
                   ?? throw new InvalidDataException($"{path}: empty notebook.");
        var defaultLanguage = DefaultLanguage(root);
        var cells = new List<Cell>();
        foreach (var node in root["cells"]?.AsArray() ?? throw new InvalidDataException($"{path}: no \"cells\" array."))
        {
            var cell = node!.AsObject();
            var source = cell["source"] switch
            {
                JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
                JsonValue text => text.GetValue<string>(),
                _ => "",
            };
            var metadata = cell["metadata"] as JsonObject;
            var tags = (metadata?["tags"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToHashSet() ?? [];
            var kind = (string?)cell["cell_type"] == "code" ? CellKind.Code : CellKind.Markdown;
            var language = kind == CellKind.Markdown ? "markdown" : CellLanguage(metadata) ?? defaultLanguage;
            cells.Add(new Cell(kind, language, source, tags, cell));
        }
        return new NotebookFile(path, cells, root);
    }

    static string DefaultLanguage(JsonObject root)
    {
        var name = (string?)root["metadata"]?["kernelspec"]?["language"]
                   ?? (string?)root["metadata"]?["polyglot_notebook"]?["defaultKernelName"] ?? "csharp";
        return Normalize(name);
    }

    static string? CellLanguage(JsonObject? metadata)
    {
        var name = (string?)metadata?["dotnet_interactive"]?["language"]
                   ?? (string?)metadata?["polyglot_notebook"]?["kernelName"];
        return name is null ? null : Normalize(name);
    }

    static string Normalize(string name) => name.ToLowerInvariant() switch
    {
        "c#" or "csharp" => "csharp",
        "f#" or "fsharp" => "fsharp",
        var other => other,
    };

    static NotebookFile ReadDib(string path)
    {
        var kernels = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", ["c#"]),
            new KernelInfo("fsharp", "F#", ["f#"]),
            new KernelInfo("markdown", "Markdown", ["md"]),
            new KernelInfo("value", "Value"),
        };
        kernels.DefaultKernelName = "csharp";
        var document = CodeSubmission.Parse(File.ReadAllText(path), kernels);
        var cells = document.Elements.Select(e =>
        {
            var markdown = e.KernelName is "markdown" or "md";
            var tags = new HashSet<string>();
            // .dib has no cell metadata: a code cell that starts with "// parameters" is the parameters cell.
            if (!markdown && e.Contents.TrimStart().StartsWith("// parameters", StringComparison.OrdinalIgnoreCase))
                tags.Add(ParameterCell.Tag);
            return new Cell(markdown ? CellKind.Markdown : CellKind.Code, markdown ? "markdown" : e.KernelName ?? "csharp",
                e.Contents, tags, null);
        }).ToList();
        return new NotebookFile(path, cells, null);
    }

    /// <summary>Writes the notebook with its outputs as .ipynb (nbformat 4.5).</summary>
    public void WriteExecuted(string outputPath)
    {
        var root = original?.DeepClone().AsObject() ?? NewNotebookJson();
        var cells = new JsonArray();
        foreach (var cell in Cells)
        {
            var json = cell.Original?.DeepClone().AsObject() ?? NewCellJson(cell);
            json["source"] = SourceLines(cell.Source);
            if (cell.Kind == CellKind.Code)
            {
                json["execution_count"] = cell.ExecutionCount;
                json["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
            }
            cells.Add(json);
        }
        root["cells"] = cells;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(outputPath))!);
        // Relaxed escaping keeps HTML outputs readable in the file (JSON stays valid; only "<" and the like stay as is).
        var text = root.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        File.WriteAllText(outputPath, text + "\n", new UTF8Encoding(false));
    }

    static JsonObject NewNotebookJson() => new()
    {
        ["cells"] = new JsonArray(),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject
            {
                ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp",
            },
            ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    };

    static JsonObject NewCellJson(Cell cell)
    {
        var metadata = new JsonObject();
        if (cell.Kind == CellKind.Code)
            metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = cell.Language };
        if (cell.Tags.Count > 0)
            metadata["tags"] = new JsonArray(cell.Tags.Select(t => (JsonNode)t).ToArray());
        return new JsonObject
        {
            ["cell_type"] = cell.Kind == CellKind.Code ? "code" : "markdown",
            ["id"] = Guid.NewGuid().ToString("N")[..8],
            ["metadata"] = metadata,
        };
    }

    /// <summary>Jupyter stores text as a list of lines, each but the last ending in a newline.</summary>
    public static JsonArray SourceLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length - 1;
            lines.Add(text[start..(end + 1)]);
            start = end + 1;
        }
        return lines;
    }
}
