namespace NotebookRunner.Tests;

/// <summary>The whole course run once in quick mode, by the first test that asks, for every test that looks at the
/// run: its report, its executed notebooks and its book.</summary>
public sealed class QuickCourse
{
    readonly Lazy<(int ExitCode, string Output)> run = new(() =>
    {
        var (exit, text, _) = RunnerProcess.Run(Path.Combine(RunnerProcess.RepoRoot, "notebooks"), "--mode", "quick", "--out", Folder);
        return (exit, text);
    });

    /// <summary>Where the executed notebooks and the book are written.</summary>
    public static string Folder => Path.Combine(RunnerProcess.RepoRoot, "artifacts", "executed", "quick");

    /// <summary>The runner's exit code and report.</summary>
    public (int ExitCode, string Output) Run => run.Value;
}
