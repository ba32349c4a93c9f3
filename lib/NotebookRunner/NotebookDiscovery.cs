using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>Expands the command line's files and folders into the notebooks to run, in a stable order.</summary>
static class NotebookDiscovery
{
    static readonly string[] Extensions = [".ipynb", ".dib"];

    /// <summary>Each notebook's full path and the path shown in reports (relative to the folder it was found in).</summary>
    /// <remarks>In a folder, the student copies of assignments are left out (<paramref name="skipped"/>): they stop at
    /// their first unanswered question by design. Named explicitly, they run like any notebook.</remarks>
    public static List<(string Path, string Relative)> Find(IEnumerable<string> inputs, List<string> skipped)
    {
        var found = new List<(string, string)>();
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                found.Add((input, Path.GetFileName(input)));
                continue;
            }
            if (!Directory.Exists(input))
                throw new ArgumentException($"{input}: no such notebook or folder.");
            var notebooks = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Where(f => !Path.GetRelativePath(input, f).Split(Path.DirectorySeparatorChar)
                    .Any(part => part.StartsWith('.') || part.StartsWith('_')))
                .Order(StringComparer.Ordinal);
            foreach (var f in notebooks)
            {
                if (IsStudentCopy(f)) skipped.Add(Path.GetRelativePath(input, f));
                else found.Add((f, Path.GetRelativePath(input, f)));
            }
        }
        return found;
    }

    /// <summary>Whether an .ipynb is the student copy of an assignment (its metadata says so).</summary>
    static bool IsStudentCopy(string path)
    {
        if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            return (string?)JsonNode.Parse(File.ReadAllText(path))?["metadata"]?["assignment"]?["version"] == "student";
        }
        catch (JsonException)
        {
            return false; // the run reports the broken file
        }
    }
}
