using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using NotebookHost;

namespace Autograder;

/// <summary>Why a submission's run ended before its last cell.</summary>
enum Stop { None, TimeLimit, MemoryLimit, ProcessEnded }

/// <summary>How running a submission ended, cell by cell.</summary>
/// <param name="Results">The cells that finished, by their index in the plan.</param>
/// <param name="Stop">Whether, and why, it was stopped early.</param>
/// <param name="StoppedAt">The cell that was running when it was stopped.</param>
/// <param name="StopReason">The reason in words, for feedback.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="PeakMegabytes">The most memory the worker was seen using.</param>
sealed record RunOutcome(Dictionary<int, CellResult> Results, Stop Stop, int? StoppedAt, string? StopReason,
    double Seconds, double PeakMegabytes);

/// <summary>Runs the planned cells of one submission in a worker process (<see cref="GradingWorker"/>) under a wall
/// time limit and a memory limit, collecting each cell's result as it comes.</summary>
/// <remarks>The worker starts in a folder of its own holding copies of the data and of the course package, so a
/// submission that deletes files deletes only its own copies. Memory is watched from outside (the resident size of the
/// process, which includes libtorch's native allocations) and capped inside for .NET objects (a GC heap limit below
/// it), so an unbounded allocation usually fails in its cell with an OutOfMemoryException and the tests after it
/// still run; if native memory grows past the limit, the process is ended.</remarks>
sealed class SubmissionRun(TimeSpan timeLimit, long memoryLimitBytes, string repoRoot, bool sharedCores, Sandbox? sandbox,
    ScratchFolders scratch)
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Processes and threads a submission may have at once: the kernel and libtorch need about a hundred.</summary>
    public const int TaskLimit = 512;

    /// <summary>The host folders a worker's messages may name, with what feedback shows instead.</summary>
    public IReadOnlyList<(string Path, string Shown)> HostPaths(string folder) =>
    [
        (folder, "."), (Sandbox.ScratchInside, "."), (scratch.Root, "<scratch>"), (repoRoot, "<course>"),
        (Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), "<grader>"), (sandbox?.Packages ?? "", "<packages>"),
        (Sandbox.CacheInside, "<packages>"), (Path.TrimEndingDirectorySeparator(Path.GetTempPath()), "<tmp>"),
        (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "~"),
    ];

    public async Task<RunOutcome> RunAsync(IReadOnlyList<GradedCell> plan)
    {
        var folder = scratch.NewFolder();
        try
        {
            PrepareFolder(folder, sandbox);
            var hide = HostPaths(folder);
            var outcome = await RunInAsync(plan, folder);
            return outcome with
            {
                StopReason = outcome.StopReason is null ? null : GradeReport.HidePaths(outcome.StopReason, hide),
                Results = outcome.Results.ToDictionary(r => r.Key, r => r.Value with
                {
                    Error = r.Value.Error is null ? null : GradeReport.HidePaths(r.Value.Error, hide),
                    Output = GradeReport.HidePaths(r.Value.Output, hide),
                }),
            };
        }
        finally
        {
            ScratchFolders.Delete(folder);
        }
    }

    async Task<RunOutcome> RunInAsync(IReadOnlyList<GradedCell> plan, string folder)
    {
        var clock = Stopwatch.StartNew();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var results = Channel.CreateUnbounded<CellResult>();
        void OnOutput(string line)
        {
            // Anything without the secret (the student printing to the real console) is not a result.
            if (!line.StartsWith(secret + " ", StringComparison.Ordinal)) return;
            try { results.Writer.TryWrite(JsonSerializer.Deserialize<CellResult>(line[(secret.Length + 1)..])!); }
            catch (JsonException) { }
        }
        using var limits = sandbox is null ? null
            : ProcessLimits.TryCreate($"autograder-{Environment.ProcessId}-{Path.GetFileName(folder)}", memoryLimitBytes, TaskLimit);
        var info = WorkerStartInfo(folder, sandbox);
        if (sandbox is not null) info = sandbox.Wrap(info, folder, limits?.Folders, limits?.LimitsTasks == true ? null : TaskLimit * 4);
        using var worker = SupervisedWorker.Start(info, OnOutput, onError: _ => { }, tailLength: 10);

        var done = new Dictionary<int, CellResult>();
        int? stoppedAt = null;
        var current = 0;
        var stop = Stop.None;
        string? reason = null;
        double Peak() => Math.Max(worker.PeakMegabytes, limits?.PeakMegabytes ?? 0);
        bool OverMemory() => limits is { LimitsMemory: true }
            ? limits.OutOfMemoryKills > 0 && worker.HasExited
            : Peak() * 1024 * 1024 > memoryLimitBytes;
        try
        {
            await worker.Input.WriteLineAsync(secret);
            for (var i = 0; i < plan.Count && stop == Stop.None; i++)
            {
                if (plan[i].Skip) continue;
                current = i;
                await worker.Input.WriteLineAsync(JsonSerializer.Serialize(new CellRequest(i, plan[i].Code, Probe: plan[i].Check is not null)));
                await worker.Input.FlushAsync();
                while (true)
                {
                    var wait = results.Reader.WaitToReadAsync().AsTask();
                    await Task.WhenAny(wait, Task.Delay(Poll));
                    if (results.Reader.TryRead(out var result) && result.Index == i)
                    {
                        done[i] = result;
                        break;
                    }
                    if (limits is not { LimitsMemory: true }) worker.SampleTreeMegabytes();
                    if (worker.HasExited) await worker.WaitForOutputAsync();
                    if (results.Reader.TryRead(out result) && result.Index == i)
                    {
                        done[i] = result;
                        break;
                    }
                    (stop, reason) = OverMemory()
                        ? (Stop.MemoryLimit, $"it used more than the memory limit of {memoryLimitBytes / (1024 * 1024)} MB")
                        : clock.Elapsed > timeLimit
                        ? (Stop.TimeLimit, $"it did not finish within the time limit of {timeLimit.TotalSeconds:0} s")
                        : worker.HasExited
                        ? (Stop.ProcessEnded, $"the notebook's process ended (exit code {worker.ExitCode}){Tail(worker)}")
                        : (Stop.None, null);
                    if (stop != Stop.None)
                    {
                        stoppedAt = i;
                        break;
                    }
                }
            }
        }
        catch (IOException) when (worker.HasExited)
        {
            // The worker ended between two cells, while the next one was being sent.
            if (stop == Stop.None)
            {
                await worker.WaitForOutputAsync();
                (stop, reason) = OverMemory()
                    ? (Stop.MemoryLimit, $"it used more than the memory limit of {memoryLimitBytes / (1024 * 1024)} MB")
                    : (Stop.ProcessEnded, $"the notebook's process ended (exit code {worker.ExitCode}){Tail(worker)}");
                stoppedAt = current;
            }
        }
        finally
        {
            // Every result is in (or never will be): end the worker and anything the submission started.
            worker.Stop();
        }
        return new RunOutcome(done, stop, stoppedAt, reason, clock.Elapsed.TotalSeconds, Peak());
    }

    /// <summary>Why the process ended, in its own words: the cause lines (a stack overflow, a fail-fast message)
    /// first, then its last lines.</summary>
    static string Tail(SupervisedWorker worker)
    {
        var causes = worker.Causes();
        var tail = worker.Tail().Where(l => !causes.Contains(l)).TakeLast(causes.Count > 0 ? 4 : 10);
        var lines = causes.Concat(tail).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.Count > 0 ? ": " + string.Join(" / ", lines) : "";
    }

    /// <summary>Copies of the data and of the course package, a nuget.config that points at the copy (and uses the
    /// NuGet cache only as a read-only fallback inside a sandbox), and an empty home.</summary>
    /// <remarks>Also the checker's folder (<see cref="Checker"/>), with no sandbox.</remarks>
    public void PrepareFolder(string folder, Sandbox? sandbox)
    {
        var data = Path.Combine(repoRoot, "data");
        if (Directory.Exists(data)) CopyFolder(data, Path.Combine(folder, "data"));
        var feed = Path.Combine(folder, "feed");
        Directory.CreateDirectory(feed);
        foreach (var package in Directory.EnumerateFiles(Path.Combine(repoRoot, "artifacts", "feed"), "*.nupkg"))
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        var feedSeen = sandbox is null ? feed : Sandbox.Inside(folder, feed);
        var fallback = sandbox is null ? "" : $"""
              <fallbackPackageFolders>
                <clear />
                <add key="cache" value="{Sandbox.CacheInside}" />
              </fallbackPackageFolders>
            """;
        var config = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                {(sandbox is null ? "" : "<clear />")}
                <add key="course-local" value="{feedSeen}" />
              </packageSources>
            {fallback}
            </configuration>
            """;
        File.WriteAllText(Path.Combine(folder, "nuget.config"), config);
        if (sandbox is null) return;
        foreach (var sub in new[] { "home", "packages", Path.Combine("home", ".nuget", "NuGet") })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
            if (Sandbox.IsRoot) File.SetUnixFileMode(Path.Combine(folder, sub), (UnixFileMode)0x1FF);
        }
        // NuGet writes a user configuration naming the public feed when there is none; there is no network inside.
        File.WriteAllText(Path.Combine(folder, "home", ".nuget", "NuGet", "NuGet.Config"), config);
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    public ProcessStartInfo WorkerStartInfo(string folder, Sandbox? sandbox)
    {
        var info = WorkerProcess.StartInfo(typeof(SubmissionRun).Assembly, folder, redirectInput: true);
        info.ArgumentList.Add(GraderOptions.WorkerFlag);
        info.Environment["AUTOENCODERS_DATA"] = sandbox is null ? Path.Combine(folder, "data") : Sandbox.Inside(folder, Path.Combine(folder, "data"));
        // Several workers side by side: libtorch's OpenMP threads must not spin while they wait, or all slow down.
        if (sharedCores && Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
            info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        else if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { } policy)
            info.Environment["OMP_WAIT_POLICY"] = policy;
        // .NET objects fail with OutOfMemoryException at three quarters of the limit, before the process is ended.
        info.Environment["DOTNET_GCHeapHardLimit"] = (memoryLimitBytes / 4 * 3).ToString("X", CultureInfo.InvariantCulture);
        return info;
    }
}
