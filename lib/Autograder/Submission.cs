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

    /// <summary>A test's check: the claims, run by grading outside the student's process on the reply the probe
    /// (<see cref="Code"/>) sent.</summary>
    public string? Check { get; init; }
}

/// <summary>Puts a submission together with its assignment into the cells grading runs: the instructor's setup and
/// tests (visible and hidden) in their places, the student's answers and added cells between them.</summary>
/// <remarks>Only the student's answer cells and the cells they added are taken from the submission; a student who
/// edits or deletes a test or a setup cell changes nothing. Answer cells are found by the id every student copy
/// carries; cells without one are the student's own and run where they were, after the cell before them.</remarks>
static class Submission
{
    /// <summary>The largest submission read: a notebook with its outputs is a few MB; anything far larger is not one.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The cells to run, in order. Throws <see cref="InvalidDataException"/> naming the file when it is not
    /// a notebook at all.</summary>
    /// <param name="assignment">The instructor version.</param>
    /// <param name="submissionPath">The student's notebook.</param>
    /// <param name="parameters">Values for the assignment's parameters cell (e.g. mode).</param>
    public static List<GradedCell> Plan(Assignment assignment, string submissionPath, IReadOnlyDictionary<string, string> parameters)
    {
        var name = Path.GetFileName(submissionPath);
        var info = new FileInfo(submissionPath);
        if (info.LinkTarget is not null)
            throw new InvalidDataException($"{name}: a symbolic link, which grading does not follow; hand in the notebook file itself.");
        if (info.Length > MaxBytes)
            throw new InvalidDataException($"{name}: {info.Length / (1024 * 1024)} MB, more than a notebook of this assignment can be ({MaxBytes / (1024 * 1024)} MB); clear its outputs and hand it in again.");
        JsonArray cells;
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(submissionPath)) as JsonObject
                       ?? throw new InvalidDataException($"{name}: not a notebook (its JSON is not an object); is this the assignment notebook?");
            cells = root["cells"] as JsonArray
                    ?? throw new InvalidDataException($"{name}: no \"cells\" list; is this the assignment notebook?");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: not valid notebook JSON ({e.Message}); open it in VS Code and save it again, or hand in the .ipynb file itself.", e);
        }

        // Every field grading reads is checked for its JSON kind first, so that a malformed notebook is "not gradable"
        // with the reason rather than an exception in the middle of the batch.
        var read = new List<(string? Id, bool IsCode, string Source)>();
        for (var i = 0; i < cells.Count; i++)
        {
            try
            {
                var cell = cells[i] as JsonObject ?? throw new InvalidDataException($"it is {Assignment.Kind(cells[i])}, not a cell");
                var metadata = Assignment.Object(cell["metadata"], "its \"metadata\"");
                var ours = Assignment.Object(metadata?[StudentVersion.MetadataKey], $"its \"metadata.{StudentVersion.MetadataKey}\"");
                var ourId = Assignment.Text(ours?["cell"], $"its \"metadata.{StudentVersion.MetadataKey}.cell\"");
                var id = Assignment.Text(cell["id"], "its \"id\"");
                id = ourId ?? id;
                var isCode = Assignment.Text(cell["cell_type"], "its \"cell_type\"") == "code";
                read.Add((id, isCode, Assignment.SourceText(cell)));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{name}, cell {i + 1}: {e.Message}; open the notebook in VS Code and save it again.", e);
            }
        }

        var known = assignment.Cells.Select(c => c.Id).ToHashSet();
        var answers = new Dictionary<string, string>();
        var added = new Dictionary<string, List<string>>();   // cells the student added, by the known cell before them
        var previous = "";
        foreach (var (id, isCode, source) in read)
        {
            // A second cell with an answer's id (a duplicated cell) runs after it, as it would in the notebook.
            if (id is not null && known.Contains(id) && !answers.ContainsKey(id))
            {
                if (assignment.Cells.First(c => c.Id == id).Role == CellRole.Answer && isCode)
                    answers.Add(id, source);
                previous = id;
            }
            else if (isCode && IsStudentCell(id))
            {
                if (!string.IsNullOrWhiteSpace(source))
                    (added.TryGetValue(previous, out var list) ? list : added[previous] = []).Add(source);
            }
        }

        if (!read.Any(c => c.Id is not null && known.Contains(c.Id)))
            throw new InvalidDataException(
                $"{name}: none of its cells comes from the student copy of {assignment.Name} (their ids are missing), " +
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
                    var (probe, check) = Markers.SplitTest(cell.Source)!.Value;
                    plan.Add(new GradedCell(cell.Role, cell.Question, cell.Points, probe, about is null ? kind : $"{kind} ({about})") { Check = check });
                    break;
            }
            AddStudentCells(cell.Id);
        }
        return plan;
    }

    /// <summary>The given cells before the first answer (parameters, the package, loading data), with
    /// <paramref name="parameters"/> written in: what the checks may use besides the reply.</summary>
    public static List<string> Preamble(Assignment assignment, IReadOnlyDictionary<string, string> parameters) =>
        [.. assignment.Cells.Where(c => c.IsCode).TakeWhile(c => c.Role == CellRole.Setup).Select(c => WithParameters(c, parameters))];

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
