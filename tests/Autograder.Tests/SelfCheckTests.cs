using System.Text.Json.Nodes;

namespace Autograder.Tests;

/// <summary>What a student sees when running a student copy top to bottom (in the same kernel as VS Code, through the
/// notebook runner): each visible test prints PASS or FAIL and the last cell lists every question.</summary>
public class SelfCheckTests
{
    [Fact]
    public void Running_a_student_copy_reports_which_questions_pass_their_visible_tests()
    {
        var source = Path.Combine(GraderProcess.RepoRoot, "notebooks", "assignments", "source", "2-autoencoders.ipynb");
        var a = Assignment.Read(source);
        var answers = GraderProcess.Solutions(a);
        answers["q5-answer-1"] = "double Cosine(float[] a, float[] b) => 0.5;";
        var folder = Directory.CreateTempSubdirectory("self-check-").FullName;
        var copy = GraderProcess.Submit(folder, "student", a, answers);
        // Where a student works: inside the course repository (its nuget.config names the course's package feed).
        var inRepo = Path.Combine(GraderProcess.RepoRoot, "artifacts", "self-check", Path.GetFileName(folder) + ".ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(inRepo)!);
        File.Copy(copy, inRepo);
        var executed = Path.Combine(folder, "executed");

        var (exit, text) = GraderProcess.RunTool("NotebookRunner.dll", inRepo, "--mode", "quick", "--out", executed);
        File.Delete(inRepo);
        Assert.True(exit == 0, text);   // a failing visible test does not stop "Run All"

        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(executed, Path.GetFileName(inRepo))))!["cells"]!.AsArray();
        string Output(string id) => string.Concat(cells.First(c => (string?)c!["id"] == id)!["outputs"]!.AsArray()
            .SelectMany(o => (o!["text"] ?? o["data"]?["text/plain"])?.AsArray() ?? []).Select(l => (string?)l));
        Assert.Contains("PASS  Question 3", Output("q3-test-1"));
        Assert.Contains("FAIL  Question 5: Cosine([1, 0], [0, 1]) should be 0", Output("q5-test-1"));
        var summary = Output("summary");
        Assert.Matches(@"Question 1\s+2\s+none: graded by hidden tests only", summary);
        Assert.Matches(@"Question 4\s+3\s+pass \(1 of 1\)", summary);
        Assert.Matches(@"Question 5\s+3\s+FAIL \(1 of 1\): Cosine\(\[1, 0\], \[0, 1\]\) should be 0", summary);
    }
}
