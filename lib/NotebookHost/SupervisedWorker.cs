using System.Diagnostics;

namespace NotebookHost;

/// <summary>A worker process watched from outside: its output lines go to callbacks as they come, the last lines are
/// kept to explain an unexpected end, its resident memory is sampled, and it is ended with everything it started.
/// </summary>
/// <remarks>Both programs of the course run untrusted or long work this way (a notebook, a submission): a separate
/// process is the only reliable way to end a cell that never returns, and it gives each run a clean kernel.</remarks>
public sealed class SupervisedWorker : IDisposable
{
    readonly Process process;
    readonly Queue<string> tail = new();
    readonly int tailLength;

    SupervisedWorker(Process process, int tailLength)
    {
        this.process = process;
        this.tailLength = tailLength;
    }

    /// <summary>Starts <paramref name="info"/> (standard output and error must be redirected).</summary>
    /// <param name="info">What to start, usually from <see cref="WorkerProcess.StartInfo"/>.</param>
    /// <param name="onOutput">Every line of standard output.</param>
    /// <param name="onError">Every line of standard error; null sends them to <paramref name="onOutput"/>.</param>
    /// <param name="tailLength">How many of the last lines to keep for <see cref="Tail"/>: lines of standard error,
    /// and of standard output too when both go to one callback.</param>
    public static SupervisedWorker Start(ProcessStartInfo info, Action<string> onOutput, Action<string>? onError = null,
        int tailLength = 20)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var worker = new SupervisedWorker(process, tailLength);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (onError is null) worker.Remember(e.Data);
            onOutput(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            worker.Remember(e.Data);
            (onError ?? onOutput)(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>The worker's standard input, when it was redirected.</summary>
    public StreamWriter Input => process.StandardInput;

    /// <summary>Whether the worker has ended.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The worker's exit code (after it ended).</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>The most resident memory seen by <see cref="SampleMegabytes"/>.</summary>
    public double PeakMegabytes { get; private set; }

    /// <summary>The worker's resident memory now (native allocations included), in MB; 0 once it has ended.</summary>
    public double SampleMegabytes()
    {
        try
        {
            process.Refresh();
            var now = process.HasExited ? 0 : process.WorkingSet64 / (1024.0 * 1024.0);
            PeakMegabytes = Math.Max(PeakMegabytes, now);
            return now;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>The last lines kept (see <see cref="Start"/>), oldest first.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (tail) return [.. tail];
    }

    /// <summary>Waits for the worker to end, asking <paramref name="stopReason"/> every <paramref name="poll"/>
    /// whether to end it first. Returns the reason it was ended for, or null when it ended by itself.</summary>
    public async Task<string?> WatchAsync(Func<string?> stopReason, TimeSpan poll)
    {
        while (!process.WaitForExit(poll))
        {
            if (stopReason() is { } reason)
            {
                Stop();
                return reason;
            }
        }
        await process.WaitForExitAsync(); // also waits for the last output lines
        return null;
    }

    /// <summary>Ends the worker and every process it started, and waits for that.</summary>
    public void Stop()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already ended
        }
        process.WaitForExit();
    }

    void Remember(string line)
    {
        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > tailLength) tail.Dequeue();
        }
    }

    /// <summary>Ends the worker if it still runs.</summary>
    public void Dispose()
    {
        if (!process.HasExited) Stop();
        process.Dispose();
    }
}
