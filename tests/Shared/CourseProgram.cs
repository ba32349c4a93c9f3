using System.Diagnostics;

namespace Course.Testing;

/// <summary>Starts one of the course's programs (built next to the tests) as learners, instructors and CI do: a
/// separate process, its exit code and everything it printed.</summary>
static class CourseProgram
{
    public static (int ExitCode, string Output, TimeSpan Elapsed) Run(string dll, TimeSpan limit, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        // The tests run beside each other on few cores: libtorch's OpenMP threads must not spin while they wait, or
        // every process slows down tenfold. (On an idle machine spinning is faster, so the programs leave it alone.)
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var a in args) info.ArgumentList.Add(a);
        var result = ChildProcess.Run(info, limit);
        return (result.ExitCode, result.Output, result.Elapsed);
    }

    /// <summary>The root folder of the repository these tests were built from (recorded by the build).</summary>
    public static string RepoRoot { get; } = Path.GetFullPath(typeof(CourseProgram).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CourseRepositoryRoot").Value!);
}
