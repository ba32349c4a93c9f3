namespace NotebookRunner.Tests;

public class ParameterCellTests
{
    static List<Cell> Cells(string parameters) =>
    [
        new Cell(CellKind.Code, "csharp", "#r \"nuget: X\"", new HashSet<string>(), null),
        new Cell(CellKind.Code, "csharp", parameters, new HashSet<string> { ParameterCell.Tag }, null),
    ];

    [Fact]
    public void Values_replace_the_defaults_with_literals_of_the_declared_type()
    {
        var cells = Cells("string mode = \"full\";   // quick or full\nint epochs = 50;\nvar lr = 1e-3;\nbool plot = true;\nfloat noise = 0.5f;");

        var set = ParameterCell.Inject(cells, new Dictionary<string, string>
        {
            ["mode"] = "quick", ["epochs"] = "3", ["lr"] = "0.01", ["plot"] = "False", ["noise"] = "0.25",
        });

        Assert.Equal(5, set.Count);
        Assert.Equal("string mode = \"quick\";   // quick or full\nint epochs = 3;\nvar lr = 0.01;\nbool plot = false;\nfloat noise = 0.25f;",
            cells[1].Source);
    }

    [Fact]
    public void A_string_value_is_escaped()
    {
        var cells = Cells("var folder = \"data\";");
        ParameterCell.Inject(cells, new Dictionary<string, string> { ["folder"] = "C:\\data \"x\"" });
        Assert.Equal("var folder = \"C:\\\\data \\\"x\\\"\";", cells[1].Source);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused()
    {
        var cells = Cells("int epochs = 50;");
        var e = Assert.Throws<ArgumentException>(() =>
            ParameterCell.Inject(cells, new Dictionary<string, string> { ["epochs"] = "many" }));
        Assert.Contains("'many' is not a valid int", e.Message);
    }

    [Fact]
    public void Optional_values_are_skipped_where_not_declared_but_required_ones_are_not()
    {
        var cells = Cells("int epochs = 50;");
        var optional = new HashSet<string> { "mode" };

        Assert.Empty(ParameterCell.Inject(cells, new Dictionary<string, string> { ["mode"] = "quick" }, optional));
        Assert.Equal("int epochs = 50;", cells[1].Source);
        var e = Assert.Throws<ArgumentException>(() =>
            ParameterCell.Inject(cells, new Dictionary<string, string> { ["seed"] = "1" }, optional));
        Assert.Contains("its parameters are: epochs", e.Message);
    }

    [Fact]
    public void A_notebook_without_a_parameters_cell_rejects_parameters()
    {
        var cells = new List<Cell> { new(CellKind.Code, "csharp", "int epochs = 50;", new HashSet<string>(), null) };
        var e = Assert.Throws<ArgumentException>(() =>
            ParameterCell.Inject(cells, new Dictionary<string, string> { ["epochs"] = "1" }));
        Assert.Contains("no parameters cell", e.Message);
    }
}
