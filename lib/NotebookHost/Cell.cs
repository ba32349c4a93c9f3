using System.Text.Json.Nodes;

namespace NotebookHost;

/// <summary>One notebook cell, whatever file format it came from.</summary>
/// <param name="Kind">Code or markdown.</param>
/// <param name="Language">The kernel that runs a code cell (csharp, fsharp, ...); "markdown" for text.</param>
/// <param name="Source">The cell's text.</param>
/// <param name="Tags">Jupyter cell tags, e.g. "parameters".</param>
/// <param name="Original">The cell as read from an .ipynb (kept so that writing it back loses no metadata).</param>
public sealed record Cell(CellKind Kind, string Language, string Source, IReadOnlySet<string> Tags, JsonObject? Original)
{
    /// <summary>The first non-blank line, to name a cell in error messages.</summary>
    public string FirstLine => Source.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0) ?? "";

    /// <summary>Outputs collected when the cell ran (Jupyter output objects).</summary>
    public List<JsonObject> Outputs { get; } = [];

    /// <summary>The order in which the cell ran, or null if it did not.</summary>
    public int? ExecutionCount { get; set; }
}

/// <summary>Whether a cell holds code or prose.</summary>
public enum CellKind { Code, Markdown }
