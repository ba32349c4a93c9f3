namespace Autograder.Tests;

public class GradebookTests
{
    [Fact]
    public void Fields_are_quoted_and_formulas_are_defused()
    {
        var toy = Assignment.Read(GraderProcess.Toy);
        var report = GradeReport.NotGradable("=HYPERLINK(\"x\")", "a,b.ipynb", toy, "unreadable");
        var csv = Gradebook.ToCsv(toy, [(report, "feedback/x.md")]).Split('\n');
        Assert.Equal("student,submission,score,max_score,q1,q2,status,seconds,feedback,sandbox", csv[0].TrimEnd());
        Assert.StartsWith("\"'=HYPERLINK(\"\"x\"\")\",\"a,b.ipynb\",0,3,0,0,not gradable,", csv[1]);
    }

    [Fact]
    public void A_run_without_sandbox_says_so_in_the_gradebook_and_the_feedback()
    {
        var toy = Assignment.Read(GraderProcess.Toy);
        var report = GradeReport.NotGradable("ann", "ann.ipynb", toy, "unreadable", "none: graded with --unsandboxed");
        Assert.EndsWith(",none: graded with --unsandboxed", Gradebook.ToCsv(toy, [(report, "feedback/ann.md")]).Split('\n')[1].TrimEnd());
        Assert.Contains("Sandbox: none: graded with --unsandboxed.", report.ToMarkdown());
    }
}
