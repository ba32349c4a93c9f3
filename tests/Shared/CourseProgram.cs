using System.Diagnostics;

namespace Course.Testing;

/// <summary>Starts one of the course's programs (built next to the tests) as learners, instructors and CI do: a
/// separate process, its exit code and everything it printed.</summary>
static class CourseProgram
{
    public static (int ExitCode, string Output, TimeSpan Elapsed) Run(string dll, TimeSpan limit, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet");
        // The tests run beside each other on few cores: libtorch's OpenMP threads must not spin while they wait, or
        // every process slows down tenfold. (On an idle machine spinning is faster, so the programs leave it alone.)
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var a in args) info.ArgumentList.Add(a);
        var result = ChildProcess.Run(info, limit);
        return (result.ExitCode, result.Output, result.Elapsed);
    }

    /// <summary>The repository's root folder (the one holding Course.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("Course.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
