using System.Text.Json.Nodes;
using NotebookHost.Programs;

namespace NotebookRunner.Tests;

/// <summary>The lessons' programs are generated from the notebooks: the committed ones must be what the notebooks give
/// now, and the generator must turn cells into statements the way a notebook runs them.</summary>
public sealed class ProgramWriterTests : IDisposable
{
    readonly string folder = Path.Combine(RunnerProcess.RepoRoot, "artifacts", "program-writer-tests", Guid.NewGuid().ToString("N")[..8]);

    public ProgramWriterTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_committed_programs_are_what_the_notebooks_give_now()
    {
        var problems = ProgramWriter.Check(Path.Combine(RunnerProcess.RepoRoot, "notebooks"));
        Assert.True(problems.Count == 0,
            "Write the programs again: dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks\n"
            + string.Join("\n", problems));
    }

    [Fact]
    public void Every_lesson_and_every_student_version_has_a_program_and_no_instructor_version_does()
    {
        var plan = ProgramWriter.Plan(Path.Combine(RunnerProcess.RepoRoot, "notebooks"));
        var programs = plan.Select(p => Path.GetRelativePath(RunnerProcess.RepoRoot, p.Program).Replace('\\', '/')).ToList();
        Assert.Contains("notebooks/programs/00-setup-check.cs", programs);
        Assert.Contains("notebooks/programs/07-embeddings-at-work.cs", programs);
        Assert.Contains("notebooks/programs/assignments/2-autoencoders.cs", programs);
        Assert.DoesNotContain(plan, p => p.Notebook.Contains($"{Path.DirectorySeparatorChar}source{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.Equal(8 + 3, plan.Count);
    }

    [Fact]
    public void Cells_become_statements_of_one_program()
    {
        var program = Write(
            Markdown("# A lesson\n\nSome *prose*."),
            Code("// parameters\nstring mode = \"full\"; // quick or full\nint epochs = mode == \"quick\" ? 2 : 50;\nint[] sizes = mode == \"quick\" ? [2] : [2, 4];", parameters: true),
            Code("#r \"nuget: Autoencoders, 1.0.0-*\""),
            Code("using System.Text; // for StringBuilder\nvar text = new StringBuilder(\"a\");"),
            Code("Chart.Line<int, int, string>(x: [1, 2], y: [3, 4])\n    .WithTitle(\"a line\")"),
            Code("Console.WriteLine(epochs);"));

        Assert.StartsWith("#:project ../../../../lib/Autoencoders/Autoencoders.csproj\n", program, StringComparison.Ordinal);
        Assert.Contains("\nusing System.Text; // for StringBuilder\n", program);
        Assert.DoesNotContain("    using System.Text;", program);
        Assert.DoesNotContain("#r ", program);
        Assert.Contains("    // # A lesson\n    //\n    // Some *prose*.\n", program);
        Assert.Contains("string mode = run.Parameter(\"mode\", \"full\"); // quick or full\n", program);
        Assert.Contains("int epochs = run.Parameter(\"epochs\", mode == \"quick\" ? 2 : 50);\n", program);
        Assert.Contains("int[] sizes = run.Parameter<int[]>(\"sizes\", mode == \"quick\" ? [2] : [2, 4]);\n    run.ParametersRead();\n", program);
        Assert.Contains("    run.Show(Chart.Line<int, int, string>(x: [1, 2], y: [3, 4])\n        .WithTitle(\"a line\"));\n", program);
        Assert.Contains("    Console.WriteLine(epochs);\n", program);
        Assert.EndsWith("catch (Exception error)\n{\n    return run.Stop(error);\n}\nreturn run.End();\n", program, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", "magic command '#!fsharp'")]
    [InlineData("class Helper { }", "declares a type")]
    [InlineData("var run = 1;", "declares 'run'")]
    [InlineData("var x = ;", "does not parse as C#")]
    public void A_cell_a_program_cannot_hold_is_named_in_the_error(string source, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => Write(Markdown("# A lesson"), Code("var fine = 1;"), Code(source)));
        Assert.Contains("cell 3", e.Message);
        Assert.Contains(reason, e.Message);
    }

    string Write(params JsonObject[] cells)
    {
        var notebook = Path.Combine(folder, "lesson.ipynb");
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(cells),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        File.WriteAllText(notebook, root.ToJsonString());
        return ProgramWriter.Write(notebook, Path.Combine(folder, "programs", "lesson.cs"));
    }

    static JsonObject Markdown(string text) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = text };

    static JsonObject Code(string text, bool parameters = false) => new()
    {
        ["cell_type"] = "code",
        ["metadata"] = parameters ? new JsonObject { ["tags"] = new JsonArray("parameters") } : new JsonObject(),
        ["source"] = text,
        ["outputs"] = new JsonArray(),
        ["execution_count"] = null,
    };
}
