namespace Autograder.Tests;

public class IntegrityTests
{
    [Fact]
    public void A_changed_course_package_is_named()
    {
        var toy = Assignment.Read(GraderProcess.Toy);
        var packages = Directory.CreateTempSubdirectory("packages-").FullName;
        var feed = Directory.EnumerateFiles(Path.Combine(GraderProcess.RepoRoot, "artifacts", "feed"), "Autoencoders.*.nupkg").First();
        var version = Path.GetFileNameWithoutExtension(feed)["Autoencoders.".Length..];
        var dll = Path.Combine(packages, "autoencoders", version, "lib", "net10.0", "Autoencoders.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        File.WriteAllText(dll, "the course library");

        var integrity = Integrity.Take(GraderProcess.RepoRoot, packages, toy);
        Assert.Null(integrity.FirstDifference());
        File.WriteAllText(dll, "a library whose checks always pass");
        Assert.Equal($"{dll} was changed", integrity.FirstDifference());
    }

    [Fact]
    public void The_instructor_version_is_checked_in_memory()
    {
        var toy = Assignment.Read(GraderProcess.Toy);
        var integrity = Integrity.Take(GraderProcess.RepoRoot, Directory.CreateTempSubdirectory("packages-").FullName, toy);
        toy.Notebook["metadata"] = new System.Text.Json.Nodes.JsonObject();
        Assert.Equal("the instructor version read at the start was changed", integrity.FirstDifference());
    }
}
