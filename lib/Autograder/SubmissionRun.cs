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
sealed class SubmissionRun(TimeSpan timeLimit, long memoryLimitBytes, string repoRoot, bool sharedCores)
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task<RunOutcome> RunAsync(IReadOnlyList<GradedCell> plan)
    {
        var sandbox = Directory.CreateTempSubdirectory("autograder-");
        try
        {
            PrepareSandbox(sandbox.FullName);
            return await RunInAsync(plan, sandbox.FullName);
        }
        finally
        {
            try { sandbox.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    async Task<RunOutcome> RunInAsync(IReadOnlyList<GradedCell> plan, string sandbox)
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
        using var worker = SupervisedWorker.Start(WorkerStartInfo(sandbox), OnOutput, onError: _ => { }, tailLength: 10);

        var done = new Dictionary<int, CellResult>();
        int? stoppedAt = null;
        var current = 0;
        var stop = Stop.None;
        string? reason = null;
        try
        {
            await worker.Input.WriteLineAsync(secret);
            for (var i = 0; i < plan.Count && stop == Stop.None; i++)
            {
                if (plan[i].Skip) continue;
                current = i;
                await worker.Input.WriteLineAsync(JsonSerializer.Serialize(new CellRequest(i, plan[i].Code)));
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
                    worker.SampleMegabytes();
                    (stop, reason) = worker.PeakMegabytes * 1024 * 1024 > memoryLimitBytes
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
                (stop, reason) = (Stop.ProcessEnded, $"the notebook's process ended (exit code {worker.ExitCode}){Tail(worker)}");
                stoppedAt = current;
            }
        }
        finally
        {
            // Every result is in (or never will be): end the worker and anything the submission started.
            worker.Stop();
        }
        return new RunOutcome(done, stop, stoppedAt, reason, clock.Elapsed.TotalSeconds, worker.PeakMegabytes);
    }

    static string Tail(SupervisedWorker worker) =>
        worker.Tail() is { Count: > 0 } lines ? ": " + string.Join(" / ", lines).Trim() : "";

    /// <summary>Copies of the data and of the course package, and a nuget.config that points at the copy.</summary>
    void PrepareSandbox(string sandbox)
    {
        var data = Path.Combine(repoRoot, "data");
        if (Directory.Exists(data)) CopyFolder(data, Path.Combine(sandbox, "data"));
        var feed = Path.Combine(sandbox, "feed");
        Directory.CreateDirectory(feed);
        foreach (var package in Directory.EnumerateFiles(Path.Combine(repoRoot, "artifacts", "feed"), "*.nupkg"))
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        File.WriteAllText(Path.Combine(sandbox, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="course-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    ProcessStartInfo WorkerStartInfo(string sandbox)
    {
        var info = WorkerProcess.StartInfo(typeof(SubmissionRun).Assembly, sandbox, redirectInput: true);
        info.ArgumentList.Add(GraderOptions.WorkerFlag);
        info.Environment["AUTOENCODERS_DATA"] = Path.Combine(sandbox, "data");
        // Several workers side by side: libtorch's OpenMP threads must not spin while they wait, or all slow down.
        if (sharedCores && Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
            info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        // .NET objects fail with OutOfMemoryException at three quarters of the limit, before the process is ended.
        info.Environment["DOTNET_GCHeapHardLimit"] = (memoryLimitBytes / 4 * 3).ToString("X", CultureInfo.InvariantCulture);
        return info;
    }
}
