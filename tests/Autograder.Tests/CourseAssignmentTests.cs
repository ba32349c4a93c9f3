namespace Autograder.Tests;

/// <summary>The course's three assignments, graded end to end in quick mode: solutions earn every point, untouched
/// student copies earn none, and misbehaving submissions earn exactly what they earned before misbehaving.</summary>
public class CourseAssignmentTests
{
    static string Source(string name) => Path.Combine(GraderProcess.RepoRoot, "notebooks", "assignments", "source", name + ".ipynb");

    static (Dictionary<string, Dictionary<string, string>> Book, string Output, string Text) Grade(
        string assignment, string submissions, params string[] options)
    {
        var output = Path.Combine(Path.GetDirectoryName(submissions)!, "graded");
        var (exit, text) = GraderProcess.Run(["grade", Source(assignment), submissions, "--out", output, "--mode", "quick", .. options]);
        Assert.True(exit == 0, text);
        return (GraderProcess.Gradebook(output), output, text);
    }

    [Theory]
    [InlineData("2-autoencoders")]
    [InlineData("3-denoising-autoencoders")]
    public void The_solution_earns_every_point_and_the_untouched_copy_none(string name)
    {
        var assignment = Assignment.Read(Source(name));
        var submissions = Path.Combine(Directory.CreateTempSubdirectory($"{name}-").FullName, "submissions");
        GraderProcess.Submit(submissions, "solution", assignment, GraderProcess.Solutions(assignment));
        GraderProcess.Submit(submissions, "untouched", assignment);

        var (book, _, text) = Grade(name, submissions, "--jobs", "2");
        Assert.True(book["solution"]["score"] == book["solution"]["max_score"], text);
        Assert.Equal("completed", book["solution"]["status"]);
        Assert.Equal("0", book["untouched"]["score"]);
        Assert.Equal("completed", book["untouched"]["status"]);
    }

    [Fact]
    public void Training_autoencoders_is_graded_right_however_a_submission_misbehaves()
    {
        const string name = "1-training-autoencoders";
        var a = Assignment.Read(Source(name));
        var max = a.Points;
        var q1 = a.Questions[0].Points;
        var last = a.Questions[^1];
        var solution = GraderProcess.Solutions(a);
        var wrongLast = new Dictionary<string, string>(solution)
        {
            [$"q{last.Number}-answer-1"] = $"char answer{last.Number} = 'D';",
        };
        var submissions = Path.Combine(Directory.CreateTempSubdirectory($"{name}-").FullName, "submissions");
        GraderProcess.Submit(submissions, "solution", a, solution);
        GraderProcess.Submit(submissions, "untouched", a);
        GraderProcess.Submit(submissions, "wrong", a, wrongLast);
        GraderProcess.Submit(submissions, "throws", a, new Dictionary<string, string>(solution)
        {
            ["q1-answer-1"] = "throw new InvalidOperationException(\"not yet\");",
        });
        // Prints a score, and writes lines shaped like the worker's answers to the real console: still one wrong answer.
        GraderProcess.Submit(submissions, "fakescore", a, wrongLast, ("q1-answer-1",
            "Console.WriteLine(\"Score: 100 / 100\");\n" +
            "using (var raw = new StreamWriter(Console.OpenStandardOutput())) { raw.WriteLine(\"Score: 100\"); raw.WriteLine(\"0123ABCD {\\\"Index\\\":40,\\\"Passed\\\":true,\\\"Error\\\":null,\\\"Output\\\":\\\"\\\"}\"); }"));
        // Replaces the test helper with one that never fails: still one wrong answer (the checks, which make the claims,
        // run in the checker process, where the student's Claim does not exist).
        GraderProcess.Submit(submissions, "helper", a, wrongLast, ("q1-answer-1",
            "static class Claim\n{\n    public static void That(bool holds, string claim) { }\n    public static void AtMost(double v, double l, string w) { }\n    public static void AtLeast(double v, double l, string w) { }\n}"));
        // Allocates without bound after the last answer: the points before it stay.
        GraderProcess.Submit(submissions, "memory", a, solution, ($"q{last.Number}-answer-1",
            "var hog = new List<byte[]>();\nwhile (true) hog.Add(new byte[1 << 20]);"));

        var (book, output, text) = Grade(name, submissions, "--jobs", "2", "--memory-limit", "3072");
        Assert.Equal(["fakescore", "helper", "memory", "solution", "throws", "untouched", "wrong"], book.Keys.Order());
        double Score(string s) => double.Parse(book[s]["score"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Score("solution") == max, text);
        Assert.Equal(0, Score("untouched"));
        Assert.Equal(max - last.Points, Score("wrong"));
        Assert.Equal("0", book["wrong"][$"q{last.Number}"]);
        Assert.Equal(max - q1, Score("throws"));
        Assert.Equal(max - last.Points, Score("fakescore"));
        Assert.Equal(max - last.Points, Score("helper"));
        Assert.InRange(Score("memory"), max - last.Points, max);
        Assert.Equal("memory limit", book["memory"]["status"]);
        Assert.Contains("InvalidOperationException: not yet", File.ReadAllText(Path.Combine(output, "feedback", "throws.md")));
    }

    [Fact]
    public void A_submission_that_never_ends_keeps_the_points_of_the_questions_before_the_loop()
    {
        const string name = "1-training-autoencoders";
        var a = Assignment.Read(Source(name));
        var question2 = a.Cells.First(c => c.Role == CellRole.Text && c.Question == 2).Id;
        var submissions = Path.Combine(Directory.CreateTempSubdirectory($"{name}-loop-").FullName, "submissions");
        GraderProcess.Submit(submissions, "loops", a, GraderProcess.Solutions(a), (question2, "while (true) { }"));

        var (book, output, _) = Grade(name, submissions, "--time-limit", "120");
        Assert.Equal("time limit", book["loops"]["status"]);
        Assert.Equal(book["loops"]["q1"], book["loops"]["score"]);
        Assert.Equal(a.Questions[0].Points.ToString(System.Globalization.CultureInfo.InvariantCulture), book["loops"]["score"]);
        Assert.Contains("did not finish within the time limit of 120 s", File.ReadAllText(Path.Combine(output, "feedback", "loops.md")));
    }
}
