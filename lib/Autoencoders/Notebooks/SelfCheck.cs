using System.Text;

namespace Autoencoders.Notebooks;

/// <summary>Lets a student run an assignment's visible tests while working and see, question by question, which
/// ones pass.</summary>
/// <remarks>A failing visible test prints why instead of throwing, so "Run All" keeps going past it and the summary at
/// the end of the notebook lists every question. The outcome recorded here is for the student only: grading runs the
/// tests again, plus hidden ones, in a separate process and never reads this record.</remarks>
public static class SelfCheck
{
    // The latest outcome of each (question, test): running a test cell again replaces its earlier outcome.
    static readonly Dictionary<(string Question, int Test), string?> Results = [];

    /// <summary>Runs visible test number <paramref name="testNumber"/> of <paramref name="question"/> and prints
    /// whether it passed.</summary>
    public static void Run(string question, int testNumber, Action test)
    {
        ArgumentNullException.ThrowIfNull(test);
        try
        {
            test();
            Results[(question, testNumber)] = null;
            Console.WriteLine($"PASS  {question}: this visible test passes.");
        }
        catch (Exception e)
        {
            var reason = e is ClaimFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            Results[(question, testNumber)] = reason;
            Console.WriteLine($"FAIL  {question}: {reason}");
        }
    }

    /// <summary>A table of the questions' visible tests: passed, failed or not run yet, with each question's points
    /// (most points are earned in hidden tests that only grading runs).</summary>
    /// <param name="questions">Each question's label, points and number of visible tests.</param>
    public static string Summary(params (string Question, double Points, int VisibleTests)[] questions)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"Question",-12} {"Points",6}  Visible tests");
        foreach (var (question, points, visible) in questions)
        {
            var outcomes = Results.Where(r => r.Key.Question == question).Select(r => r.Value).ToList();
            var failures = outcomes.Where(m => m is not null).ToList();
            var status = visible == 0 ? "none: graded by hidden tests only"
                : outcomes.Count == 0 ? "not run yet (run the question's cells, then its test cell)"
                : failures.Count == 0 ? $"pass ({outcomes.Count} of {visible})"
                : $"FAIL ({failures.Count} of {visible}): {failures[^1]}";
            text.AppendLine($"{question,-12} {points,6:0.##}  {status}");
        }
        text.Append("Passing the visible tests does not guarantee the points: grading also runs hidden tests.");
        return text.ToString();
    }
}
