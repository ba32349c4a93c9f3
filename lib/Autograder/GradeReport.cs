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

    public double Score => Tests.Sum(t => t.Earned);
    public double Earned(Question q) => Tests.Where(t => t.Question == q.Number).Sum(t => t.Earned);

    /// <summary>Scores a run: a test earns its points when its cell ran without an error; tests that did not run
    /// earn nothing and say why.</summary>
    public static GradeReport From(string student, string submission, Assignment assignment,
        IReadOnlyList<GradedCell> plan, RunOutcome run, IReadOnlyList<string> renamed)
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
                              ?? (result is null ? NotRunMessage(run, i) : result.Passed ? null : result.Error);
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
        };
    }

    /// <summary>A submission that could not even be read: zero, with the reason.</summary>
    public static GradeReport NotGradable(string student, string submission, Assignment assignment, string reason) => new()
    {
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
        md.AppendLine($"Graded in {Seconds:0} s (peak memory {PeakMegabytes:0} MB). Status: {Status}.");
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
