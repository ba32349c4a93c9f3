namespace NotebookRunner.Tests;

/// <summary>Starts the runner as learners and CI do: a separate process, exit code and printed report.</summary>
static class RunnerProcess
{
    public static (int ExitCode, string Output, TimeSpan Elapsed) Run(params string[] args) =>
        CourseProgram.Run("NotebookRunner.dll", TimeSpan.FromMinutes(20), args);

    /// <summary>The repository's root folder (the one holding Course.sln).</summary>
    public static string RepoRoot => CourseProgram.RepoRoot;
}
