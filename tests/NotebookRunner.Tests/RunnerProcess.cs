using System.Diagnostics;

namespace NotebookRunner.Tests;

/// <summary>Starts the runner as learners and CI do: a separate process, exit code and printed report.</summary>
static class RunnerProcess
{
    public static (int ExitCode, string Output, TimeSpan Elapsed) Run(params string[] args)
    {
        var runner = Path.Combine(AppContext.BaseDirectory, "NotebookRunner.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The tests run beside each other on few cores: libtorch's OpenMP threads must not spin while they wait, or
        // every process slows down tenfold. (On an idle machine spinning is faster, so the runner leaves it alone.)
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        info.ArgumentList.Add(runner);
        foreach (var a in args) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the runner did not finish within 20 minutes");
        }
        return (process.ExitCode, stdout.Result + stderr.Result, clock.Elapsed);
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
