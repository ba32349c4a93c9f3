using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

/// <summary>Writes small notebooks for a test into a fresh folder.</summary>
sealed class TestNotebooks : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("runner-test-").FullName;

    /// <summary>Writes an .ipynb whose cells are C# code; a cell given as ("parameters", code) is tagged.</summary>
    public string Ipynb(string name, params string[] cells) => Ipynb(name, cells.Select(c => (Tag: (string?)null, Code: c)).ToArray());

    public string Ipynb(string name, (string? Tag, string Code)[] cells)
    {
        var array = new JsonArray();
        foreach (var (tag, code) in cells)
        {
            var metadata = new JsonObject();
            if (tag is not null) metadata["tags"] = new JsonArray(tag);
            array.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["metadata"] = metadata,
                ["source"] = code,
                ["outputs"] = new JsonArray(),
                ["execution_count"] = null,
            });
        }
        var notebook = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    public string Dib(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
