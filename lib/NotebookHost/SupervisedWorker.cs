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
    readonly List<string> causes = [];
    int causeFollowers;
    readonly int tailLength;
    readonly List<Task> readers = [];

    SupervisedWorker(Process process, int tailLength)
    {
        this.process = process;
        this.tailLength = tailLength;
    }

    /// <summary>The longest line passed on; the rest of a longer line is dropped unread, so that a worker printing
    /// one endless line costs this process no memory. Long enough for a graded test's reply, which may carry a
    /// model's weights (about 1.2 MB for the course's largest).</summary>
    public const int MaxLineLength = 4 * 1024 * 1024;

    /// <summary>Starts <paramref name="info"/> (standard output and error must be redirected).</summary>
    /// <param name="info">What to start, usually from <see cref="WorkerProcess.StartInfo"/>.</param>
    /// <param name="onOutput">Every line of standard output.</param>
    /// <param name="onError">Every line of standard error; null sends them to <paramref name="onOutput"/>.</param>
    /// <param name="tailLength">How many of the last lines to keep for <see cref="Tail"/>: lines of standard error,
    /// and of standard output too when both go to one callback.</param>
    public static SupervisedWorker Start(ProcessStartInfo info, Action<string> onOutput, Action<string>? onError = null,
        int tailLength = 20)
    {
        var process = Launch(info);
        var worker = new SupervisedWorker(process, tailLength);
        worker.readers.Add(Task.Run(() => ReadLines(process.StandardOutput, line =>
        {
            if (onError is null) worker.Remember(line);
            onOutput(line);
        })));
        worker.readers.Add(Task.Run(() => ReadLines(process.StandardError, line =>
        {
            worker.Remember(line);
            (onError ?? onOutput)(line);
        })));
        return worker;
    }

    static readonly System.Collections.Concurrent.BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Starts = [];

    /// <summary>Starts processes from one thread that lives as long as this process. A worker that must end with its
    /// parent (bubblewrap's <c>--die-with-parent</c>, Linux's parent-death signal) is tied to the thread that started
    /// it, not to the process: started from a thread-pool thread, it would be killed whenever the pool retires that
    /// thread.</summary>
    static readonly Thread Launcher = StartLauncher();

    static Thread StartLauncher()
    {
        var thread = new Thread(() =>
        {
            foreach (var (info, started) in Starts.GetConsumingEnumerable())
            {
                try
                {
                    started.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}"));
                }
                catch (Exception e)
                {
                    started.SetException(e);
                }
            }
        })
        { IsBackground = true, Name = "worker launcher" };
        thread.Start();
        return thread;
    }

    static Process Launch(ProcessStartInfo info)
    {
        _ = Launcher;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Starts.Add((info, started));
        return started.Task.GetAwaiter().GetResult();
    }

    /// <summary>Passes each line to <paramref name="onLine"/>, cut at <see cref="MaxLineLength"/> characters.</summary>
    static async Task ReadLines(StreamReader reader, Action<string> onLine)
    {
        var buffer = new char[16 * 1024];
        var line = new System.Text.StringBuilder();
        var dropping = false;
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != '\n') continue;
                    Append(i);
                    Flush();
                    start = i + 1;
                }
                Append(read);

                void Append(int end)
                {
                    if (dropping || end <= start) return;
                    var room = MaxLineLength - line.Length;
                    line.Append(buffer, start, Math.Min(room, end - start));
                    if (end - start >= room) dropping = true;
                }
            }
            if (line.Length > 0 || dropping) Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // the pipe closed with the process
        }

        void Flush()
        {
            var text = line.ToString().TrimEnd('\r');
            line.Clear();
            dropping = false;
            onLine(text);
        }
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

    /// <summary>Like <see cref="SampleMegabytes"/>, but the worker together with every process it started (on Linux;
    /// elsewhere the worker alone): a child process holding memory counts against the worker's limit too.</summary>
    public double SampleTreeMegabytes()
    {
        if (!OperatingSystem.IsLinux()) return SampleMegabytes();
        try
        {
            if (process.HasExited) return 0;
            var parents = new Dictionary<int, List<int>>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(System.IO.Path.GetFileName(dir), out var pid)) continue;
                try
                {
                    // /proc/<pid>/stat: "pid (name) state ppid ..."; the name may hold spaces and parentheses.
                    var stat = File.ReadAllText(System.IO.Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    var ppid = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                    (parents.TryGetValue(ppid, out var list) ? list : parents[ppid] = []).Add(pid);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException) { }
            }
            var total = 0L;
            var pending = new Stack<int>([process.Id]);
            var seen = new HashSet<int>();
            while (pending.Count > 0)
            {
                var pid = pending.Pop();
                if (!seen.Add(pid)) continue;
                total += ResidentBytes(pid);
                foreach (var child in parents.GetValueOrDefault(pid) ?? []) pending.Push(child);
            }
            var now = total / (1024.0 * 1024.0);
            PeakMegabytes = Math.Max(PeakMegabytes, now);
            return now;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    static long ResidentBytes(int pid)
    {
        try
        {
            // statm: size resident shared ... in pages.
            var fields = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
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
        await process.WaitForExitAsync();
        await WaitForOutputAsync();
        return null;
    }

    /// <summary>Waits (a few seconds at most) until the last output lines of an ended worker were passed on.</summary>
    public async Task WaitForOutputAsync() =>
        await Task.WhenAny(Task.WhenAll(readers), Task.Delay(TimeSpan.FromSeconds(5)));

    /// <summary>The lines of standard error that say why a process crashed (a stack overflow, a fail-fast message,
    /// an unhandled exception), kept even when many lines of stack frames follow them.</summary>
    public IReadOnlyList<string> Causes()
    {
        lock (tail) return [.. causes];
    }

    static readonly string[] CausePrefixes =
        ["Stack overflow", "Process terminated", "Unhandled exception", "Fatal error", "Out of memory", "Message:", "Segmentation fault"];

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
            // A cause line, and the message lines right after it (FailFast prints its message below the first line).
            var isCause = CausePrefixes.Any(p => line.TrimStart().StartsWith(p, StringComparison.Ordinal));
            if (isCause) causeFollowers = 2;
            else if (causeFollowers > 0 && (line.TrimStart().StartsWith("at ", StringComparison.Ordinal) || line.Trim().Length == 0)) causeFollowers = 0;
            if ((isCause || causeFollowers-- > 0) && causes.Count < 6)
                causes.Add(line.Length <= 600 ? line : line[..600] + " …");
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
