using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autograder;

/// <summary>What a cell of an assignment is for.</summary>
enum CellRole
{
    /// <summary>Markdown: instructions and questions.</summary>
    Text,
    /// <summary>Code every version shares (parameters, loading data); grading always runs the instructor's copy.</summary>
    Setup,
    /// <summary>Code holding a solution; grading runs the student's copy.</summary>
    Answer,
    /// <summary>A test students can run; grading runs the instructor's copy.</summary>
    Test,
    /// <summary>A test only grading runs.</summary>
    HiddenTest,
}

/// <summary>One question: its number, title and points (the sum of its tests' points).</summary>
sealed record Question(int Number, string Title, double Points)
{
    public string Label => $"Question {Number}";
}

/// <summary>A cell of the instructor version, with the id that ties it to the same cell in every student copy.</summary>
sealed record AssignmentCell(string Id, CellRole Role, int? Question, double Points, string Source, JsonObject Json)
{
    public bool IsTest => Role is CellRole.Test or CellRole.HiddenTest;
    public bool IsCode => Role != CellRole.Text;
}

/// <summary>An assignment as its instructor version defines it: questions, answers and tests, read from the markers
/// (<see cref="Markers"/>).</summary>
sealed class Assignment
{
    Assignment(string path, JsonObject notebook, List<AssignmentCell> cells, List<Question> questions)
    {
        Path = path;
        Notebook = notebook;
        Cells = cells;
        Questions = questions;
    }

    /// <summary>The instructor version's file.</summary>
    public string Path { get; }

    /// <summary>The file name without extension, e.g. <c>1-training-autoencoders</c>.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public JsonObject Notebook { get; }
    public IReadOnlyList<AssignmentCell> Cells { get; }
    public IReadOnlyList<Question> Questions { get; }
    public double Points => Questions.Sum(q => q.Points);

    /// <summary>Reads and checks an instructor version. Every mistake in the markers is an
    /// <see cref="InvalidDataException"/> naming the file and the cell, because a silently misread marker would put a
    /// hidden test or a solution into the students' copies.</summary>
    public static Assignment Read(string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: not a notebook (its JSON is not an object).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid notebook JSON ({e.Message}).", e);
        }
        var cellArray = root["cells"] as JsonArray ?? throw new InvalidDataException($"{path}: no \"cells\" array.");

        var cells = new List<AssignmentCell>();
        var questions = new Dictionary<int, (string Title, double Points)>();
        var testPoints = new Dictionary<int, double>();
        int? current = null;
        var counters = new Dictionary<string, int>();
        string NextId(string stem) => $"{stem}-{(counters[stem] = counters.GetValueOrDefault(stem) + 1)}";

        for (var i = 0; i < cellArray.Count; i++)
        {
            string Where() => $"{path}, cell {i + 1}";
            var json = cellArray[i] as JsonObject ?? throw new InvalidDataException($"{Where()}: {Kind(cellArray[i])}, not a cell.");
            string source;
            try
            {
                source = SourceText(json);
                Text(json["cell_type"], "the cell's \"cell_type\"");
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{Where()}: {e.Message}", e);
            }
            if ((string?)json["cell_type"] != "code")
            {
                if (Markers.TryParseQuestion(source, out var number, out var title, out var points))
                {
                    if (!questions.TryAdd(number, (title, points)))
                        throw new InvalidDataException($"{Where()}: Question {number} is declared twice.");
                    if (number != questions.Count)
                        throw new InvalidDataException($"{Where()}: Question {number} follows Question {questions.Count - 1}; number them 1, 2, 3, ...");
                    current = number;
                }
                cells.Add(new AssignmentCell(NextId("text"), CellRole.Text, current, 0, source, json));
                continue;
            }

            var firstLine = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
            if (Markers.TryParseTest(firstLine, out var q, out var p, out var hidden))
            {
                if (!questions.ContainsKey(q))
                    throw new InvalidDataException($"{Where()}: the test names Question {q}, but no \"## Question {q}: Title (N points)\" heading comes before it.");
                if (Markers.HasSolution(source))
                    throw new InvalidDataException($"{Where()}: a test cell must not hold a solution region.");
                if (Markers.SplitTest(source) is null)
                    throw new InvalidDataException($"{Where()}: a test cell needs one \"{Markers.Check}\" line. Above it, the probe runs the student's code and puts what it reads into `var reply = Reply.Of((\"name\", value), ...)`; below it, the check makes its claims on `reply` alone (grading runs the check outside the student's process).");
                testPoints[q] = testPoints.GetValueOrDefault(q) + p;
                cells.Add(new AssignmentCell(NextId($"q{q}-{(hidden ? "hidden" : "test")}"),
                    hidden ? CellRole.HiddenTest : CellRole.Test, q, p, source, json));
            }
            else if (Markers.LooksLikeTest(firstLine))
            {
                throw new InvalidDataException($"{Where()}: \"{firstLine}\" is not a valid test marker; write \"// TEST Question N (P points)\" or \"// HIDDEN TEST Question N (P points)\".");
            }
            else if (Markers.HasSolution(source))
            {
                if (current is null)
                    throw new InvalidDataException($"{Where()}: a solution region before the first question heading.");
                try
                {
                    Markers.StripSolutions(source);
                }
                catch (FormatException e)
                {
                    throw new InvalidDataException($"{Where()}: {e.Message}", e);
                }
                cells.Add(new AssignmentCell(NextId($"q{current}-answer"), CellRole.Answer, current, 0, source, json));
            }
            else
            {
                cells.Add(new AssignmentCell(NextId("setup"), CellRole.Setup, current, 0, source, json));
            }
        }

        var list = questions.OrderBy(kv => kv.Key).Select(kv => new Question(kv.Key, kv.Value.Title, kv.Value.Points)).ToList();
        foreach (var question in list)
        {
            var sum = testPoints.GetValueOrDefault(question.Number);
            if (sum == 0)
                throw new InvalidDataException($"{path}: {question.Label} has no test cell, so it cannot be graded.");
            if (Math.Abs(sum - question.Points) > 1e-9)
                throw new InvalidDataException($"{path}: {question.Label}'s heading says {question.Points:0.##} points but its tests add up to {sum:0.##}.");
        }
        if (list.Count == 0) throw new InvalidDataException($"{path}: no \"## Question N: Title (P points)\" heading; is this an assignment?");
        return new Assignment(System.IO.Path.GetFullPath(path), root, cells, list);
    }

    /// <summary>A cell's text, whether stored as one string or as a list of lines; anything else (a number, an
    /// object, a list holding numbers) is an <see cref="InvalidDataException"/>, never a crash.</summary>
    public static string SourceText(JsonObject cell) => cell["source"] switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select((l, i) => Text(l, $"line {i + 1} of the cell's \"source\"") ?? "")),
        var other => Text(other, "the cell's \"source\"") ?? "",
    };

    /// <summary>A JSON string's value, null for a missing or null node; any other kind of value is an
    /// <see cref="InvalidDataException"/> that says what <paramref name="what"/> was instead.</summary>
    public static string? Text(JsonNode? node, string what) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => throw new InvalidDataException($"{what} is {Kind(node)} where the notebook format has text."),
    };

    /// <summary>An object's property as JSON object, null when missing; any other kind is an
    /// <see cref="InvalidDataException"/>.</summary>
    public static JsonObject? Object(JsonNode? node, string what) => node switch
    {
        null => null,
        JsonObject o => o,
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => throw new InvalidDataException($"{what} is {Kind(node)} where the notebook format has an object."),
    };

    /// <summary>What kind of JSON value a node is, in words.</summary>
    public static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
