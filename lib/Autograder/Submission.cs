using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookHost;

namespace Autograder;

/// <summary>One cell as grading runs it.</summary>
/// <param name="Role">Setup, Answer (the student's code, including cells they added) or a test.</param>
/// <param name="Question">The question it belongs to, if any.</param>
/// <param name="Points">A test's points.</param>
/// <param name="Code">What runs.</param>
/// <param name="Label">How feedback names the cell.</param>
sealed record GradedCell(CellRole Role, int? Question, double Points, string Code, string Label)
{
    public bool IsTest => Role is CellRole.Test or CellRole.HiddenTest;

    /// <summary>Set when the cell must not run (a test whose names the student's code took over).</summary>
    public string? NotRunBecause { get; init; }

    public bool Skip => NotRunBecause is not null;
}

/// <summary>Puts a submission together with its assignment into the cells grading runs: the instructor's setup and
/// tests (visible and hidden) in their places, the student's answers and added cells between them.</summary>
/// <remarks>Only the student's answer cells and the cells they added are taken from the submission; a student who
/// edits or deletes a test or a setup cell changes nothing. Answer cells are found by the id every student copy
/// carries; cells without one are the student's own and run where they were, after the cell before them.</remarks>
static class Submission
{
    /// <summary>The cells to run, in order. Throws <see cref="InvalidDataException"/> naming the file when it is not
    /// a notebook at all.</summary>
    /// <param name="assignment">The instructor version.</param>
    /// <param name="submissionPath">The student's notebook.</param>
    /// <param name="parameters">Values for the assignment's parameters cell (e.g. mode).</param>
    public static List<GradedCell> Plan(Assignment assignment, string submissionPath, IReadOnlyDictionary<string, string> parameters)
    {
        JsonArray cells;
        try
        {
            cells = JsonNode.Parse(File.ReadAllText(submissionPath))?["cells"] as JsonArray
                    ?? throw new InvalidDataException($"{submissionPath}: no \"cells\" array; is this the assignment notebook?");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{submissionPath}: not valid notebook JSON ({e.Message}); open it in VS Code and save it again, or hand in the .ipynb file itself.", e);
        }

        var known = assignment.Cells.Select(c => c.Id).ToHashSet();
        var answers = new Dictionary<string, string>();
        var added = new Dictionary<string, List<string>>();   // cells the student added, by the known cell before them
        var previous = "";
        foreach (var node in cells)
        {
            if (node is not JsonObject cell) continue;
            var id = (string?)cell["metadata"]?[StudentVersion.MetadataKey]?["cell"] ?? (string?)cell["id"];
            var isCode = (string?)cell["cell_type"] == "code";
            // A second cell with an answer's id (a duplicated cell) runs after it, as it would in the notebook.
            if (id is not null && known.Contains(id) && !answers.ContainsKey(id))
            {
                if (assignment.Cells.First(c => c.Id == id).Role == CellRole.Answer && isCode)
                    answers.Add(id, Assignment.SourceText(cell));
                previous = id;
            }
            else if (isCode && IsStudentCell(id))
            {
                var text = Assignment.SourceText(cell);
                if (!string.IsNullOrWhiteSpace(text))
                    (added.TryGetValue(previous, out var list) ? list : added[previous] = []).Add(text);
            }
        }

        if (!MatchedAny(cells, known))
            throw new InvalidDataException(
                $"{submissionPath}: none of its cells comes from the student copy of {assignment.Name} (their ids are missing), " +
                "so its answers cannot be found. Was the right notebook handed in? Copy the answers into the student copy " +
                $"({assignment.Name}.ipynb from the release folder) and hand that in.");

        var plan = new List<GradedCell>();
        void AddStudentCells(string after)
        {
            foreach (var text in added.GetValueOrDefault(after) ?? [])
                plan.Add(new GradedCell(CellRole.Answer, null, 0, text, $"the cell you added that starts `{FirstLine(text)}`"));
        }
        AddStudentCells("");
        foreach (var cell in assignment.Cells)
        {
            switch (cell.Role)
            {
                case CellRole.Setup:
                    plan.Add(new GradedCell(CellRole.Setup, cell.Question, 0, WithParameters(cell, parameters), $"the given cell that starts `{FirstLine(cell.Source)}`"));
                    break;
                case CellRole.Answer:
                    var code = answers.TryGetValue(cell.Id, out var answer) ? answer : Markers.StripSolutions(cell.Source);
                    plan.Add(new GradedCell(CellRole.Answer, cell.Question, 0, code, $"your answer to Question {cell.Question}"));
                    break;
                case CellRole.Test or CellRole.HiddenTest:
                    var kind = cell.Role == CellRole.Test ? "visible test" : "hidden test";
                    var about = Description(cell.Source);
                    plan.Add(new GradedCell(cell.Role, cell.Question, cell.Points, cell.Source, about is null ? kind : $"{kind} ({about})"));
                    break;
            }
            AddStudentCells(cell.Id);
        }
        return plan;
    }

    static bool MatchedAny(JsonArray cells, HashSet<string> known) => cells.OfType<JsonObject>().Any(c =>
        known.Contains((string?)c["metadata"]?[StudentVersion.MetadataKey]?["cell"] ?? (string?)c["id"] ?? ""));

    /// <summary>What a test checks, from the comment right under its marker line, if it has one.</summary>
    static string? Description(string test)
    {
        var lines = test.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.Count > 1 && lines[1].StartsWith("//", StringComparison.Ordinal) ? lines[1].TrimStart('/').Trim().TrimEnd('.') : null;
    }

    static string FirstLine(string code)
    {
        var line = code.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
        return (line.Length <= 60 ? line : line[..57] + "...").Replace("`", "'");
    }

    /// <summary>The parameters cell with <paramref name="parameters"/> written in; other cells unchanged.</summary>
    static string WithParameters(AssignmentCell cell, IReadOnlyDictionary<string, string> parameters)
    {
        var tags = (cell.Json["metadata"]?["tags"] as JsonArray)?.Select(t => (string?)t).ToHashSet() ?? [];
        if (!tags.Contains(ParameterCell.Tag) || parameters.Count == 0) return cell.Source;
        var cells = new List<Cell> { new(CellKind.Code, "csharp", cell.Source, tags!, null) };
        ParameterCell.Inject(cells, parameters, new HashSet<string> { ParameterCell.ModeParameter });
        return cells[0].Source;
    }

    /// <summary>Cells of the student copy that are neither the assignment's nor its generated summary are the
    /// student's own.</summary>
    static bool IsStudentCell(string? id) => id is not ("summary" or "summary-text");
}
