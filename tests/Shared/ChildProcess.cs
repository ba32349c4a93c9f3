using System.Diagnostics;
using System.Text;

namespace Course.Testing;

/// <summary>One finished run of a command: its exit code, everything it printed (standard output and error, in
/// the order they arrived) and how long it took.</summary>
sealed record ChildResult(int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The last lines of the output, enough to see why a command failed without drowning the report.</summary>
    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}

/// <summary>Starts a command as a user would from a terminal and waits for it to end.</summary>
static class ChildProcess
{
    /// <summary>Runs <paramref name="info"/> to its end (or kills its whole process tree after
    /// <paramref name="limit"/> and throws). Waits for the process itself, not for the end of its output: a build can
    /// leave server processes behind that keep the output pipes open for minutes.</summary>
    public static ChildResult Run(ProcessStartInfo info, TimeSpan limit)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            lock (output)
                throw new TimeoutException($"'{Describe(info)}' did not finish within {limit.TotalMinutes:0} minutes:\n{output}");
        }
        // The process has ended. The parameterless WaitForExit also waits until the output readers reached the end of
        // both pipes, which a build server that inherited them may delay: give that a few seconds, not forever.
        Task.Run(() => process.WaitForExit()).Wait(TimeSpan.FromSeconds(10));
        lock (output) return new ChildResult(process.ExitCode, output.ToString(), clock.Elapsed);
    }

    /// <summary>The command line of <paramref name="info"/>, for messages.</summary>
    public static string Describe(ProcessStartInfo info) =>
        string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList));
}
