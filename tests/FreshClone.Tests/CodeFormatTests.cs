using System.Diagnostics;

namespace FreshClone.Tests;

/// <summary>The code keeps the layout <c>.editorconfig</c> describes, so that a change shows only what it changes.
/// </summary>
public class CodeFormatTests
{
    [Fact]
    public void Every_source_file_is_formatted_as_editorconfig_says()
    {
        // Whitespace on the files as they are (no build needed, so it cannot disturb the other tests' builds).
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = CourseProgram.RepoRoot };
        foreach (var a in new[] { "format", "whitespace", "--folder", "--verify-no-changes" }) info.ArgumentList.Add(a);
        var result = ChildProcess.Run(info, TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0,
            $"files not formatted as .editorconfig says (fix with: dotnet format whitespace --folder):\n{result.Tail()}");
    }
}
