using System.Text.Json.Nodes;

namespace Autograder.Tests;

public class SubmissionTests
{
    static readonly Assignment Toy = Assignment.Read(GraderProcess.Toy);
    static readonly Dictionary<string, string> NoParameters = [];

    [Fact]
    public void Grading_runs_the_instructors_tests_with_the_students_answers_and_added_cells_in_place()
    {
        var folder = Directory.CreateTempSubdirectory("submission-").FullName;
        var path = GraderProcess.Submit(folder, "ann", Toy, new Dictionary<string, string>
        {
            ["q1-answer-1"] = "int Sum(int a, int b) => a + b;",
            ["q1-test-1"] = "// the student weakened the visible test\n",
        }, ("q1-answer-1", "int Helper() => 1;"));
        var plan = Submission.Plan(Toy, path, NoParameters);

        Assert.Equal(["Setup", "Setup", "Setup", "Answer", "Answer", "Test", "HiddenTest", "Answer", "HiddenTest"],
            plan.Select(c => c.Role.ToString()));
        Assert.Equal("int Sum(int a, int b) => a + b;", plan[3].Code);
        Assert.Equal("int Helper() => 1;", plan[4].Code);
        // A test is split: its probe runs with the student's code, its check runs elsewhere on the probe's reply.
        Assert.Equal("// TEST Question 1 (1 point)\nvar reply = Reply.Of((\"sum\", Sum(1, 2)));", plan[5].Code);
        Assert.Equal("\n\n\nClaim.That(reply.Int(\"sum\") == 3, \"Sum(1, 2) should be 3\");", plan[5].Check);
        Assert.Contains("char answer2 = '?';", plan[7].Code);   // unanswered: the stub runs
    }

    [Fact]
    public void Deleted_cells_are_restored_and_the_mode_is_written_into_the_parameters_cell()
    {
        var folder = Directory.CreateTempSubdirectory("submission-").FullName;
        var path = GraderProcess.Submit(folder, "bob", Toy);
        var notebook = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var cells = notebook["cells"]!.AsArray();
        foreach (var test in cells.Where(c => ((string)c!["id"]!).Contains("test")).ToList()) cells.Remove(test);
        File.WriteAllText(path, notebook.ToJsonString());

        var plan = Submission.Plan(Toy, path, new Dictionary<string, string> { ["mode"] = "quick" });
        Assert.Equal(3, plan.Count(c => c.IsTest));
        Assert.Contains("string mode = \"quick\";", plan[0].Code);
    }

    [Fact]
    public void A_duplicated_answer_cell_runs_after_the_original_as_in_the_notebook()
    {
        var folder = Directory.CreateTempSubdirectory("submission-").FullName;
        var path = GraderProcess.Submit(folder, "dee", Toy, new Dictionary<string, string> { ["q2-answer-1"] = "char answer2 = 'A';" });
        var notebook = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var cells = notebook["cells"]!.AsArray();
        var index = cells.Select((c, i) => ((string)c!["id"]!, i)).First(p => p.Item1 == "q2-answer-1").i;
        var copy = cells[index]!.DeepClone().AsObject();
        copy["source"] = "char answer2 = 'B';";
        cells.Insert(index + 1, copy);
        File.WriteAllText(path, notebook.ToJsonString());

        var answers = Submission.Plan(Toy, path, NoParameters).Where(c => c.Role == CellRole.Answer && c.Code.Contains("answer2 =")).Select(c => c.Code);
        Assert.Equal(["char answer2 = 'A';", "char answer2 = 'B';"], answers);
    }

    [Fact]
    public void Answers_are_found_by_the_nbformat_id_when_the_metadata_was_lost()
    {
        var folder = Directory.CreateTempSubdirectory("submission-").FullName;
        var path = GraderProcess.Submit(folder, "cy", Toy, new Dictionary<string, string> { ["q2-answer-1"] = "char answer2 = 'C';" });
        var text = File.ReadAllText(path);
        var notebook = JsonNode.Parse(text)!.AsObject();
        foreach (var cell in notebook["cells"]!.AsArray()) cell!["metadata"] = new JsonObject();
        File.WriteAllText(path, notebook.ToJsonString());
        Assert.Contains(Submission.Plan(Toy, path, NoParameters), c => c.Code == "char answer2 = 'C';");
    }

    [Fact]
    public void A_notebook_that_is_not_a_copy_of_the_assignment_is_not_graded_as_an_empty_one()
    {
        // The instructor version itself: the right cells, but none carries an id of the student copy.
        var e = Assert.Throws<InvalidDataException>(() => Submission.Plan(Toy, GraderProcess.Toy, NoParameters));
        Assert.Contains("none of its cells comes from the student copy of toy-assignment", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_notebook_is_an_error_that_names_it()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("submission-").FullName, "broken.ipynb");
        File.WriteAllText(path, "{ \"cells\": [");
        var e = Assert.Throws<InvalidDataException>(() => Submission.Plan(Toy, path, NoParameters));
        Assert.Contains("broken.ipynb: not valid notebook JSON", e.Message);
    }

    [Theory]
    [InlineData("source", "42", "cell 6: the cell's \"source\" is a number where the notebook format has text")]
    [InlineData("source", "[\"ok\", 1]", "cell 6: line 2 of the cell's \"source\" is a number")]
    [InlineData("id", "7", "cell 6: its \"id\" is a number")]
    [InlineData("cell_type", "true", "cell 6: its \"cell_type\" is true or false")]
    [InlineData("metadata", "[]", "cell 6: its \"metadata\" is a list where the notebook format has an object")]
    public void A_notebook_with_the_wrong_json_shapes_is_an_error_that_says_where(string field, string json, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("submission-").FullName;
        var path = GraderProcess.Submit(folder, "eve", Toy);
        var notebook = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        notebook["cells"]![5]![field] = JsonNode.Parse(json);
        File.WriteAllText(path, notebook.ToJsonString());
        var e = Assert.Throws<InvalidDataException>(() => Submission.Plan(Toy, path, NoParameters));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("[]", "not a notebook (its JSON is not an object)")]
    [InlineData("{\"cells\": {}}", "no \"cells\" list")]
    [InlineData("{\"cells\": [3]}", "cell 1: it is a number, not a cell")]
    public void A_file_whose_root_is_not_a_notebook_is_an_error(string json, string expected)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("submission-").FullName, "odd.ipynb");
        File.WriteAllText(path, json);
        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => Submission.Plan(Toy, path, NoParameters)).Message);
    }
}
