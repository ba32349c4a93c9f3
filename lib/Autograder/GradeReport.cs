using System.Globalization;
using System.Text;

namespace Autograder;

/// <summary>One test's outcome.</summary>
sealed record TestOutcome(int Question, string Kind, double Points, double Earned, string? Message);

/// <summary>An error in one of the cells a student wrote or was given: which cell, the error, its last output.</summary>
sealed record CellError(string Label, string Error, string Output)
{
    public bool IsOutOfMemory => Error.StartsWith(nameof(OutOfMemoryException), StringComparison.Ordinal);
}

/// <summary>The grade of one submission, computed here from the worker's per-cell results and the assignment's
/// points (never from anything the submission printed), and the feedback a student reads.</summary>
sealed class GradeReport
{
    public required string Student { get; init; }
    public required string SubmissionPath { get; init; }
    public required Assignment Assignment { get; init; }
    public required List<TestOutcome> Tests { get; init; }

    /// <summary>Errors in the cells that are not tests, for feedback.</summary>
    public required List<CellError> CellErrors { get; init; }

    /// <summary>completed, or what went wrong: time limit, memory limit, process ended, not gradable.</summary>
    public required string Status { get; init; }

    /// <summary>What the student should read first: why grading stopped, a cell that ran out of memory, renamed names.</summary>
    public string? Notes { get; init; }
    public double Seconds { get; init; }
    public double PeakMegabytes { get; init; }

    /// <summary>How the submission was isolated: the sandbox, or a warning that it ran with the grader's rights.</summary>
    public string Sandbox { get; init; } = "";

    /// <summary>Lines of the student's code that use what the assignments never need (reflection, native calls, the
    /// kernel's API, ...): graded, but to be read by a person.</summary>
    public IReadOnlyList<string> Review { get; init; } = [];

    /// <summary>The status column with the review flag.</summary>
    public string StatusWithReview => Review.Count > 0 ? $"{Status}, needs review" : Status;

    public double Score => Tests.Sum(t => t.Earned);
    public double Earned(Question q) => Tests.Where(t => t.Question == q.Number).Sum(t => t.Earned);

    /// <summary>Scores a run: a test earns its points when its cell ran without an error; tests that did not run
    /// earn nothing and say why.</summary>
    public static GradeReport From(string student, string submission, Assignment assignment,
        IReadOnlyList<GradedCell> plan, RunOutcome run, IReadOnlyList<string> renamed, string sandbox = "",
        IReadOnlyList<string>? review = null, IReadOnlyList<string>? retyped = null)
    {
        var tests = new List<TestOutcome>();
        var errors = new List<CellError>();
        for (var i = 0; i < plan.Count; i++)
        {
            var cell = plan[i];
            run.Results.TryGetValue(i, out var result);
            if (cell.IsTest)
            {
                var message = cell.NotRunBecause
                              ?? (result is null ? NotRunMessage(run, i) : result.Passed ? null
                                  : cell.Role == CellRole.HiddenTest ? HiddenTestMessage(result.Error) : result.Error);
                var passed = result is { Passed: true } && cell.NotRunBecause is null;
                tests.Add(new TestOutcome(cell.Question!.Value, cell.Label, cell.Points, passed ? cell.Points : 0, message));
            }
            else if (result is { Passed: false })
            {
                errors.Add(new CellError(cell.Label, result.Error ?? "failed", result.Output));
            }
        }
        var outOfMemory = errors.FirstOrDefault(e => e.IsOutOfMemory);
        var notes = new List<string>();
        if (run.Stop != Stop.None)
            notes.Add($"Grading stopped in {plan[run.StoppedAt ?? 0].Label}: {run.StopReason}. The tests after it were not run.");
        else if (outOfMemory is not null)
            notes.Add($"{Capitalize(outOfMemory.Label)} ran out of memory; the cells after it may have failed for lack of memory too.");
        if (retyped is { Count: > 0 })
            notes.Add($"Your code declares {string.Join(", ", retyped)} with another type than the question asks for; for grading, they were given the type the question asks for.");
        if (renamed.Count > 0)
            notes.Add($"Your code declares {string.Join(", ", renamed.Select(n => $"`{n}`"))}, which the tests also use; for grading, yours were renamed to {string.Join(", ", renamed.Select(n => $"`{n}{NameGuard.RenameSuffix}`"))} so that the tests use the real ones.");
        return new GradeReport
        {
            Student = student,
            SubmissionPath = submission,
            Assignment = assignment,
            Tests = tests,
            CellErrors = errors,
            Status = run.Stop switch
            {
                Stop.TimeLimit => "time limit",
                Stop.MemoryLimit => "memory limit",
                Stop.ProcessEnded => "process ended",
                _ => outOfMemory is not null ? "memory limit" : "completed",
            },
            Notes = notes.Count == 0 ? null : string.Join("\n>\n> ", notes),
            Seconds = run.Seconds,
            PeakMegabytes = run.PeakMegabytes,
            Sandbox = sandbox,
            Review = review ?? [],
        };
    }

    /// <summary>Replaces the host's folders named in <paramref name="paths"/> (longest first) by what feedback shows
    /// instead: a student reads where their code failed, never the grading machine's layout.</summary>
    public static string HidePaths(string text, IEnumerable<(string Path, string Shown)> paths)
    {
        foreach (var (path, shown) in paths.Where(p => p.Path.Length > 1).OrderByDescending(p => p.Path.Length))
            text = text.Replace(path, shown, StringComparison.Ordinal);
        return text;
    }

    /// <summary>A submission that could not even be read: zero, with the reason.</summary>
    public static GradeReport NotGradable(string student, string submission, Assignment assignment, string reason, string sandbox = "") => new()
    {
        Sandbox = sandbox,
        Student = student,
        SubmissionPath = submission,
        Assignment = assignment,
        Tests = assignment.Cells.Where(c => c.IsTest)
            .Select(c => new TestOutcome(c.Question!.Value, c.Role == CellRole.Test ? "visible test" : "hidden test", c.Points, 0, "not run"))
            .ToList(),
        CellErrors = [],
        Status = "not gradable",
        Notes = reason,
    };

    /// <summary>A hidden test's failure as feedback shows it: the instructor's message when the test's check failed,
    /// otherwise only the kind of error, so that a compiler message never quotes the test's code.</summary>
    static string HiddenTestMessage(string? error)
    {
        const string claim = "ClaimFailedException";
        if (error is null) return "failed";
        if (error.StartsWith(claim, StringComparison.Ordinal)) return error[claim.Length..].TrimStart(':', ' ');
        var kind = error.Split(':', 2)[0].Trim();
        return kind.Length is > 0 and < 80 && !kind.Contains(' ') ? $"it ended with {kind}" : "it ended with an error";
    }

    static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    static string NotRunMessage(RunOutcome run, int index) =>
        run.StoppedAt is { } stopped && index >= stopped ? "not run: grading stopped before this test (see above)" : "not run";

    /// <summary>The feedback file: total, a table of questions, each test's result and the errors of the student's
    /// cells.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine($"# {Assignment.Name}: feedback for {Student}");
        md.AppendLine();
        md.AppendLine($"**Score: {Format(Score)} / {Format(Assignment.Points)}**");
        md.AppendLine();
        if (Notes is not null) md.AppendLine($"> {Notes}").AppendLine();
        if (Review.Count > 0)
        {
            md.AppendLine("> **Needs review.** Your code uses what this assignment does not need; a person will read these lines before the score counts:");
            foreach (var line in Review) md.AppendLine($"> - {line}");
            md.AppendLine();
        }
        md.AppendLine("| Question | Points |");
        md.AppendLine("|---|---|");
        foreach (var q in Assignment.Questions)
            md.AppendLine($"| {q.Number}. {Escape(q.Title)} | {Format(Earned(q))} / {Format(q.Points)} |");
        md.AppendLine();
        foreach (var q in Assignment.Questions)
        {
            md.AppendLine($"## Question {q.Number}: {q.Title} ({Format(Earned(q))} / {Format(q.Points)})");
            md.AppendLine();
            foreach (var t in Tests.Where(t => t.Question == q.Number))
            {
                var mark = t.Earned > 0 ? "passed" : "failed";
                md.Append($"- {t.Kind}, {Format(t.Points)} point{(t.Points == 1 ? "" : "s")}: {mark}");
                md.AppendLine(t.Message is null ? "" : $". {Excerpt(t.Message)}");
            }
            md.AppendLine();
        }
        if (CellErrors.Count > 0)
        {
            md.AppendLine("## Errors in your cells");
            md.AppendLine();
            foreach (var (label, error, output) in CellErrors)
            {
                md.AppendLine($"- In {label}: {Excerpt(error)}");
                if (!string.IsNullOrWhiteSpace(output))
                    md.AppendLine("  Its last output:").AppendLine("  ```").AppendLine("  " + Ending(output).Replace("\n", "\n  ")).AppendLine("  ```");
            }
            md.AppendLine();
        }
        md.AppendLine($"Graded in {Seconds:0} s (peak memory {PeakMegabytes:0} MB). Status: {StatusWithReview}.");
        if (Sandbox.Length > 0) md.AppendLine().AppendLine($"Sandbox: {Sandbox}.");
        return md.ToString();
    }

    static string Excerpt(string text)
    {
        text = text.Trim();
        return text.Length <= 600 ? text : text[..600] + " …";
    }

    static string Ending(string text)
    {
        text = text.Trim();
        return text.Length <= 600 ? text : "… " + text[^600..];
    }

    static string Escape(string text) => text.Replace("|", "\\|");

    public static string Format(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);
}
