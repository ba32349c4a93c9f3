using System.Text.Json.Nodes;

namespace Autograder.Tests;

/// <summary>Starts the grader as instructors and CI do, and builds submissions from an assignment.</summary>
static class GraderProcess
{
    /// <summary>The grader; where no sandbox can run (not Linux, no bubblewrap), grading runs with --unsandboxed.</summary>
    public static (int ExitCode, string Output) Run(params string[] args) =>
        RunTool("Autograder.dll", args is ["grade", ..] && !GradingSandbox.Available(out _) ? [.. args, "--unsandboxed"] : args);

    /// <summary>The grader with its own temporary folder (where its scratch folders go), so that a test can see what
    /// a batch leaves behind.</summary>
    public static (int ExitCode, string Output) RunWithTemp(string temp, params string[] args)
    {
        var (exit, output, _) = CourseProgram.Run("Autograder.dll", TimeSpan.FromMinutes(25), args,
            new Dictionary<string, string> { ["TMPDIR"] = temp });
        return (exit, output);
    }

    /// <summary>Runs one of the course's programs (built next to the tests) to its end.</summary>
    public static (int ExitCode, string Output) RunTool(string dll, params string[] args)
    {
        var (exit, output, _) = CourseProgram.Run(dll, TimeSpan.FromMinutes(25), args);
        return (exit, output);
    }

    public static string RepoRoot => CourseProgram.RepoRoot;

    public static string Toy => Path.Combine(AppContext.BaseDirectory, "Fixtures", "toy-assignment.ipynb");

    /// <summary>A submission: the student version of <paramref name="assignment"/> with the given answer cells
    /// replaced (by cell id; "solution" takes the instructor's answer) and cells added after given cells.</summary>
    public static string Submit(string folder, string student, Assignment assignment,
        IReadOnlyDictionary<string, string>? answers = null, params (string After, string Code)[] added)
    {
        var notebook = JsonNode.Parse(StudentVersion.Create(assignment))!.AsObject();
        var cells = notebook["cells"]!.AsArray();
        foreach (var cell in cells.OfType<JsonObject>())
        {
            var id = (string)cell["id"]!;
            if (answers?.TryGetValue(id, out var code) == true)
                cell["source"] = code == "solution" ? assignment.Cells.First(c => c.Id == id).Source : code;
        }
        foreach (var (after, code) in added)
        {
            var index = cells.Select((c, i) => ((string)c!["id"]!, i)).First(p => p.Item1 == after).i;
            cells.Insert(index + 1, new JsonObject
            {
                ["cell_type"] = "code", ["id"] = Guid.NewGuid().ToString("N")[..8], ["metadata"] = new JsonObject(),
                ["source"] = code, ["outputs"] = new JsonArray(), ["execution_count"] = null,
            });
        }
        var path = Path.Combine(folder, student, assignment.Name + ".ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    /// <summary>Every answer cell with the instructor's solution.</summary>
    public static Dictionary<string, string> Solutions(Assignment assignment) =>
        assignment.Cells.Where(c => c.Role == CellRole.Answer).ToDictionary(c => c.Id, _ => "solution");

    /// <summary>The gradebook's rows as name → column → value.</summary>
    public static Dictionary<string, Dictionary<string, string>> Gradebook(string outFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(outFolder, "gradebook.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => SplitCsv(l)).ToDictionary(f => f[0],
            f => header.Zip(f).ToDictionary(p => p.First, p => p.Second));
    }

    static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
