namespace NotebookRunner;

/// <summary>Expands the command line's files and folders into the notebooks to run, in a stable order.</summary>
static class NotebookDiscovery
{
    static readonly string[] Extensions = [".ipynb", ".dib"];

    /// <summary>Each notebook's full path and the path shown in reports (relative to the folder it was found in).</summary>
    public static List<(string Path, string Relative)> Find(IEnumerable<string> inputs)
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
            found.AddRange(notebooks.Select(f => (f, Path.GetRelativePath(input, f))));
        }
        return found;
    }
}
