namespace Autograder.Tests;

public class NameGuardTests
{
    static readonly Assignment Toy = Assignment.Read(GraderProcess.Toy);

    static List<GradedCell> Plan(params string[] studentCells)
    {
        var plan = studentCells.Select(c => new GradedCell(CellRole.Answer, 1, 0, c, "answer")).ToList();
        plan.Add(new GradedCell(CellRole.HiddenTest, 1, 1, "// HIDDEN TEST Question 1 (1 point)\nvar gradingN = data.Count;\nClaim.That(Sum(1, 2) == 3 && gradingN > 0 && model.Encode(x) != null, \"m\");", "hidden test"));
        return plan;
    }

    [Fact]
    public void A_student_class_hiding_a_test_helper_is_renamed_in_every_student_cell()
    {
        var plan = new NameGuard(Toy).Protect(Plan(
            "static class Claim { public static void That(bool c, string m) { } }",
            "Claim.That(true, \"mine\"); var count = list.Count;"), out var renamed);
        Assert.Equal(["Claim"], renamed);
        Assert.Contains("static class Claim__yours", plan[0].Code);
        Assert.Contains("Claim__yours.That(true", plan[1].Code);
        Assert.Contains("list.Count", plan[1].Code);              // members of other things keep their names
        Assert.Contains("Claim.That(Sum(1, 2)", plan[2].Code);   // the test is unchanged
    }

    [Fact]
    public void Answers_the_solution_declares_are_not_renamed()
    {
        var plan = new NameGuard(Toy).Protect(Plan("int Sum(int a, int b) => a + b;"), out var renamed);
        Assert.Empty(renamed);
        Assert.Equal("int Sum(int a, int b) => a + b;", plan[0].Code);
    }

    [Fact]
    public void An_extension_method_hiding_one_the_tests_call_is_renamed()
    {
        new NameGuard(Toy).Protect(Plan("static class Mine { public static object Encode(this object m, object x) => 1; }"), out var renamed);
        Assert.Equal(["Encode"], renamed);
    }

    [Fact]
    public void A_test_relying_on_a_name_the_student_reassigns_is_not_run()
    {
        var plan = new NameGuard(Toy).Protect(Plan("data = null;"), out _);
        Assert.Contains("`data`", plan[^1].NotRunBecause);
        var local = new NameGuard(Toy).Protect(Plan("void F() { var data = 1; data = 2; }"), out _);
        Assert.Null(local[^1].NotRunBecause);   // a local of the student's own method changes nothing
    }

    [Fact]
    public void Names_a_test_declares_for_itself_do_not_clash()
    {
        var plan = new NameGuard(Toy).Protect(Plan("var gradingN = 5;"), out var renamed);
        Assert.Empty(renamed);
        Assert.Null(plan[^1].NotRunBecause);
    }
}
