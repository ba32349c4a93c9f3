namespace Autograder.Tests;

/// <summary>Grading end to end on a small assignment whose answers take no time, so that every way a submission can
/// misbehave is cheap to try. (The course's own assignments are graded in CourseAssignmentTests.)</summary>
public class ToyGradingTests
{
    [Fact]
    public void A_mixed_batch_is_graded_one_row_each_and_misbehaviour_never_raises_a_score()
    {
        var toy = Assignment.Read(GraderProcess.Toy);
        var folder = Directory.CreateTempSubdirectory("toy-batch-").FullName;
        var submissions = Path.Combine(folder, "submissions");
        var solution = GraderProcess.Solutions(toy);
        GraderProcess.Submit(submissions, "solution", toy, solution);
        GraderProcess.Submit(submissions, "untouched", toy);
        // Weakening a visible test changes nothing: grading runs the instructor's copy.
        GraderProcess.Submit(submissions, "weakened", toy, new Dictionary<string, string>(solution)
        {
            ["q1-answer-1"] = "int Sum(int a, int b) => 0;",
            ["q1-test-1"] = "// TEST Question 1 (1 point)\n",
        });
        // Deleting every file it can reach (its working folder, the data copy) costs this submission nothing, and
        // the submissions graded after it still find their data.
        GraderProcess.Submit(submissions, "deleter", toy, solution,
            ("setup-3", "foreach (var f in System.IO.Directory.GetFiles(\".\", \"*\", System.IO.SearchOption.AllDirectories)) System.IO.File.Delete(f);\n" +
                        "foreach (var f in System.IO.Directory.GetFiles(Environment.GetEnvironmentVariable(\"AUTOENCODERS_DATA\")!, \"*\", System.IO.SearchOption.AllDirectories)) System.IO.File.Delete(f);"));
        // A first cell that throws costs nothing but its own output: the cells after it still run.
        GraderProcess.Submit(submissions, "throwsfirst", toy, solution, ("text-1", "throw new InvalidOperationException(\"first\");"));
        // Ending the process keeps the points earned before it.
        GraderProcess.Submit(submissions, "exits", toy, solution, ("text-3", "Environment.Exit(3);"));
        // Native memory without bound (libtorch tensors): ended at the memory limit, earlier points kept.
        GraderProcess.Submit(submissions, "tensors", toy, solution,
            ("q1-test-1", "var hog = new List<Tensor>(); while (true) hog.Add(torch.ones(1 << 22));"));
        File.WriteAllText(Path.Combine(submissions, "garbage.ipynb"), "{ this is not a notebook");

        var dataFiles = DataFiles();
        var output = Path.Combine(folder, "graded");
        var (exit, text) = GraderProcess.Run("grade", GraderProcess.Toy, submissions, "--out", output,
            "--time-limit", "240", "--memory-limit", "1536", "--jobs", "2");
        Assert.True(exit == 0, text);

        // What it deleted were its own copies: the course's data is intact.
        Assert.Equal(dataFiles, DataFiles());

        var book = GraderProcess.Gradebook(output);
        Assert.Equal(["deleter", "exits", "garbage", "solution", "tensors", "throwsfirst", "untouched", "weakened"], book.Keys.Order());
        string Row(string student) => $"{book[student]["score"]} {book[student]["q1"]} {book[student]["q2"]} {book[student]["status"]}";
        Assert.Equal("3 2 1 completed", Row("solution"));
        Assert.Equal("0 0 0 completed", Row("untouched"));
        Assert.Equal("1 0 1 completed", Row("weakened"));
        Assert.Equal("3 2 1 completed, needs review", Row("deleter"));   // files are not what the assignment is about
        Assert.Equal("3 2 1 completed", Row("throwsfirst"));
        Assert.Equal("2 2 0 process ended, needs review", Row("exits"));
        Assert.Equal("1 1 0 memory limit", Row("tensors"));
        Assert.Equal("0 0 0 not gradable", Row("garbage"));

        var feedback = File.ReadAllText(Path.Combine(output, "feedback", "exits.md"));
        Assert.Contains("**Score: 2 / 3**", feedback);
        Assert.Contains("the notebook's process ended (exit code 3)", feedback);
        Assert.Contains("InvalidOperationException: first", File.ReadAllText(Path.Combine(output, "feedback", "throwsfirst.md")));
        Assert.Contains("not valid notebook JSON", File.ReadAllText(Path.Combine(output, "feedback", "garbage.md")));
        Assert.Contains("memory limit of 1536 MB", File.ReadAllText(Path.Combine(output, "feedback", "tensors.md")));
        Assert.Contains("Sum(1, 2) should be 3", File.ReadAllText(Path.Combine(output, "feedback", "weakened.md")));
    }

    static List<string> DataFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(GraderProcess.RepoRoot, "data"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
}
