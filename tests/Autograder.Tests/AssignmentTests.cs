using System.Text.Json.Nodes;

namespace Autograder.Tests;

public class AssignmentTests
{
    [Fact]
    public void The_toy_assignment_reads_into_questions_answers_and_tests()
    {
        var a = Assignment.Read(GraderProcess.Toy);
        Assert.Equal(["Question 1", "Question 2"], a.Questions.Select(q => q.Label));
        Assert.Equal(3, a.Points);
        Assert.Equal(["q1-answer-1", "q2-answer-1"], a.Cells.Where(c => c.Role == CellRole.Answer).Select(c => c.Id));
        Assert.Equal(["q1-test-1", "q1-hidden-1", "q2-hidden-1"], a.Cells.Where(c => c.IsTest).Select(c => c.Id));
    }

    [Theory]
    [InlineData("## Question 1: A (3 points)", "// TEST Question 1 (2 points)\nvar reply = new Reply();\n// CHECK\nx();", "heading says 3 points but its tests add up to 2")]
    [InlineData("## Question 1: A (1 point)", "// TEST Question 2 (1 point)\nvar reply = new Reply();\n// CHECK\nx();", "names Question 2, but no")]
    [InlineData("## Question 1: A (1 point)", "// TESTS Question 1\nx();", "is not a valid test marker")]
    [InlineData("## Question 1: A (1 point)", "// BEGIN SOLUTION\nx();", "not closed")]
    [InlineData("## Question 1: A (1 point)", "// TEST Question 1 (1 point)\nClaim.That(x(), \"m\");", "needs one \"// CHECK\" line")]
    [InlineData("## Question 1: A (1 point)", "// TEST Question 1 (1 point)\n// CHECK\nx();\n// CHECK\ny();", "needs one \"// CHECK\" line")]
    [InlineData("Just prose.", "x();", "no \"## Question N")]
    public void Marker_mistakes_name_the_file_and_cell(string markdown, string code, string expected)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("assignment-").FullName, "broken.ipynb");
        File.WriteAllText(path, new JsonObject
        {
            ["cells"] = new JsonArray(
                new JsonObject { ["cell_type"] = "markdown", ["source"] = markdown },
                new JsonObject { ["cell_type"] = "code", ["source"] = code }),
        }.ToJsonString());
        var e = Assert.Throws<InvalidDataException>(() => Assignment.Read(path));
        Assert.Contains(expected, e.Message);
        Assert.Contains("broken.ipynb", e.Message);
    }
}
