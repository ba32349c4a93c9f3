using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookHost;

namespace Autograder;

/// <summary>Makes the copy of an assignment that students get: solutions replaced by stubs, hidden tests removed,
/// visible tests wrapped so that running them reports pass or fail per question, and a self-check summary at the
/// end.</summary>
/// <remarks>Every cell carries its id in <c>metadata.assignment.cell</c> (and as its nbformat id), which is how
/// grading finds the student's answers however the notebook was edited around them. The output depends only on the
/// instructor version, so the committed student copies can be checked for being current.</remarks>
static class StudentVersion
{
    /// <summary>The notebook metadata key that marks an assignment notebook.</summary>
    public const string MetadataKey = "assignment";

    /// <summary>The student notebook as JSON text.</summary>
    public static string Create(Assignment assignment)
    {
        var root = assignment.Notebook.DeepClone().AsObject();
        var metadata = root["metadata"] as JsonObject ?? [];
        metadata[MetadataKey] = new JsonObject
        {
            ["name"] = assignment.Name,
            ["version"] = "student",
            ["points"] = assignment.Points,
        };
        root["metadata"] = metadata;

        var cells = new JsonArray();
        var visibleTests = new Dictionary<int, int>();
        foreach (var cell in assignment.Cells)
        {
            if (cell.Role == CellRole.HiddenTest) continue;
            var source = cell.Role switch
            {
                CellRole.Answer => Markers.StripSolutions(cell.Source),
                CellRole.Test => SelfCheckCell(cell, visibleTests[cell.Question!.Value] = visibleTests.GetValueOrDefault(cell.Question!.Value) + 1),
                _ => cell.Source,
            };
            cells.Add(Cell(cell.Json, cell.Id, cell.Role.ToString().ToLowerInvariant(), cell.Question, source));
        }
        cells.Add(Cell(MarkdownTemplate, "summary-text", "summary", null, """
            ## Self-check

            Run the cell below after the test cells above: it lists each question's visible tests. Grading runs the
            same tests again and more (hidden) ones, on the answers in the cells marked `// YOUR ANSWER HERE` and in
            any cells you added; the other cells are graded as they were given to you.
            """));
        var summary = new StringBuilder("Autoencoders.Notebooks.SelfCheck.Summary(");
        summary.AppendJoin(",", assignment.Questions.Select(q =>
            $"\n    (\"{q.Label}\", {q.Points.ToString(CultureInfo.InvariantCulture)}, {visibleTests.GetValueOrDefault(q.Number)})"));
        summary.Append(')');
        cells.Add(Cell(CodeTemplate, "summary", "summary", null, summary.ToString()));
        root["cells"] = cells;

        var text = root.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 1,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        return text.ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>A visible test as students get it: the same checks, run through <c>SelfCheck</c> so that a failure
    /// prints its reason and "Run All" goes on to the next question.</summary>
    static string SelfCheckCell(AssignmentCell cell, int number)
    {
        var lines = cell.Source.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var marker = lines.FindIndex(l => l.Trim().Length > 0);
        // The probe/check split matters to grading only: students run both parts as one.
        var body = lines.Skip(marker + 1).Where(l => l.Trim() != Markers.Check).SkipWhile(string.IsNullOrWhiteSpace).ToList();
        while (body.Count > 0 && string.IsNullOrWhiteSpace(body[^1])) body.RemoveAt(body.Count - 1);
        var label = $"Question {cell.Question}";
        var text = new StringBuilder();
        text.Append(lines[marker].Trim()).Append(": run it to check your answer; grading runs more tests.\n");
        text.Append($"Autoencoders.Notebooks.SelfCheck.Run(\"{label}\", {number}, () =>\n{{\n");
        foreach (var line in body) text.Append(line.Length == 0 ? "" : "    " + line).Append('\n');
        text.Append("});");
        return text.ToString();
    }

    static JsonObject Cell(JsonObject template, string id, string role, int? question, string source)
    {
        var json = template.DeepClone().AsObject();
        json["id"] = id;
        var metadata = json["metadata"] as JsonObject ?? [];
        var info = new JsonObject { ["cell"] = id, ["role"] = role };
        if (question is not null) info["question"] = question;
        metadata[MetadataKey] = info;
        json["metadata"] = metadata;
        json["source"] = NotebookFile.SourceLines(source.ReplaceLineEndings("\n"));
        if ((string?)json["cell_type"] == "code")
        {
            json["execution_count"] = null;
            json["outputs"] = new JsonArray();
        }
        return json;
    }

    static readonly JsonObject MarkdownTemplate = new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject() };

    static readonly JsonObject CodeTemplate = new()
    {
        ["cell_type"] = "code",
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
    };

    /// <summary>Whether a notebook is a student version made by this class (and so expected to stop at its first
    /// unanswered question).</summary>
    public static bool IsStudentVersion(JsonObject notebook) =>
        (string?)notebook["metadata"]?[MetadataKey]?["version"] == "student";
}
