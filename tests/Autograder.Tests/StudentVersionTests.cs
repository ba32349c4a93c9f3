using System.Text.Json.Nodes;

namespace Autograder.Tests;

public class StudentVersionTests
{
    static string Assignments => Path.Combine(GraderProcess.RepoRoot, "notebooks", "assignments");

    [Fact]
    public void The_student_version_has_no_solutions_or_hidden_tests_and_every_cell_has_its_id()
    {
        var toy = Assignment.Read(GraderProcess.Toy);
        var text = StudentVersion.Create(toy);
        Assert.DoesNotContain("HIDDEN TEST", text);
        Assert.DoesNotContain("return a + b", text);
        Assert.DoesNotContain("'B'", text);
        var notebook = JsonNode.Parse(text)!.AsObject();
        Assert.True(StudentVersion.IsStudentVersion(notebook));
        foreach (var cell in notebook["cells"]!.AsArray())
            Assert.Equal((string?)cell!["id"], (string?)cell["metadata"]!["assignment"]!["cell"]);
        Assert.Contains(notebook["cells"]!.AsArray(), c => Assignment.SourceText(c!.AsObject()).Contains("SelfCheck.Run(\"Question 1\", 1, () =>"));
        Assert.Equal(text, StudentVersion.Create(Assignment.Read(GraderProcess.Toy)));   // same input, same bytes
    }

    [Fact]
    public void The_committed_student_versions_are_what_generate_writes_now()
    {
        var assignments = ReleaseFolder.Read([Path.Combine(Assignments, "source")]);
        Assert.Equal(3, assignments.Count);
        var release = Path.Combine(Assignments, "release");
        var committed = Directory.EnumerateFiles(release).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var expected = ReleaseFolder.Files(assignments);
        Assert.Equal(expected.Keys, committed);
        foreach (var (name, text) in expected)
            Assert.True(text == File.ReadAllText(Path.Combine(release, name)).ReplaceLineEndings("\n"),
                $"notebooks/assignments/release/{name} is out of date: run dotnet run --project lib/Autograder -- generate notebooks/assignments/source --out notebooks/assignments/release");
    }
}
