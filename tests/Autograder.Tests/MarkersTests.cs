namespace Autograder.Tests;

public class MarkersTests
{
    [Fact]
    public void A_solution_region_becomes_a_throw_at_its_indentation()
    {
        var student = Markers.StripSolutions("int F()\n{\n    // BEGIN SOLUTION\n    return 42;\n    // END SOLUTION\n}");
        Assert.Equal("int F()\n{\n    // YOUR ANSWER HERE\n    throw new NotImplementedException();\n}", student);
    }

    [Fact]
    public void Stub_lines_replace_the_region_and_the_solution_is_gone()
    {
        var student = Markers.StripSolutions("// BEGIN SOLUTION\n// STUB: char answer = '?';\nchar answer = 'B';\n// END SOLUTION\nConsole.WriteLine(answer);");
        Assert.Equal("// YOUR ANSWER HERE\nchar answer = '?';\nConsole.WriteLine(answer);", student);
        Assert.DoesNotContain("'B'", student);
    }

    [Theory]
    [InlineData("// BEGIN SOLUTION\nx = 1;")]
    [InlineData("x = 1;\n// END SOLUTION")]
    [InlineData("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION")]
    public void Unbalanced_regions_are_errors(string code) =>
        Assert.Throws<FormatException>(() => Markers.StripSolutions(code));

    [Theory]
    [InlineData("// TEST Question 2 (1 point)", 2, 1, false)]
    [InlineData("// HIDDEN TEST Question 12 (2.5 points)", 12, 2.5, true)]
    public void Test_markers_give_question_points_and_visibility(string line, int question, double points, bool hidden)
    {
        Assert.True(Markers.TryParseTest(line, out var q, out var p, out var h));
        Assert.Equal((question, points, hidden), (q, p, h));
    }

    [Theory]
    [InlineData("// TEST Q2 (1 point)")]
    [InlineData("// HIDDEN TESTS Question 2")]
    public void A_misspelt_test_marker_is_noticed(string line)
    {
        Assert.False(Markers.TryParseTest(line, out _, out _, out _));
        Assert.True(Markers.LooksLikeTest(line));
    }

    [Fact]
    public void Question_headings_give_number_title_and_points()
    {
        Assert.True(Markers.TryParseQuestion("Intro.\n\n## Question 3: Train the model (4 points)\nText", out var n, out var title, out var p));
        Assert.Equal((3, "Train the model", 4.0), (n, title, p));
    }

    [Fact]
    public void A_test_splits_into_its_probe_and_a_check_that_keeps_its_line_numbers()
    {
        var split = Markers.SplitTest("// TEST Question 1 (1 point)\nvar reply = Reply.Of((\"n\", n));\n  // CHECK\nClaim.That(reply.Int(\"n\") == 2, \"m\");");
        Assert.NotNull(split);
        Assert.Equal("// TEST Question 1 (1 point)\nvar reply = Reply.Of((\"n\", n));", split.Value.Probe);
        Assert.Equal("\n\n\nClaim.That(reply.Int(\"n\") == 2, \"m\");", split.Value.Check);
        Assert.Null(Markers.SplitTest("// TEST Question 1 (1 point)\nClaim.That(n == 2, \"m\");"));
        Assert.Null(Markers.SplitTest("// CHECK\nx();\n// CHECK"));
    }
}
