using System.Diagnostics;
using System.Text.Json;
using NotebookHost;
using NotebookHost.Book;

namespace NotebookRunner;

/// <summary>Runs each notebook in its own process and reports.</summary>
/// <remarks>A separate process per notebook gives every notebook a clean kernel (no variables, seeds or loaded
/// packages left over from the previous one), and it is the only reliable way to end a cell that never returns: a
/// .NET thread stuck in a loop cannot be cancelled, but its process can be ended.</remarks>
sealed class BatchRunner(RunnerOptions options, TextWriter log)
{
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync()
    {
        var skipped = new List<string>();
        var notebooks = NotebookDiscovery.Find(options.Inputs, skipped);
        if (skipped.Count > 0)
            log.WriteLine($"Skipping {skipped.Count} student copies of assignments (they stop at the first unanswered question): {string.Join(", ", skipped)}");
        if (notebooks.Count == 0)
        {
            log.WriteLine($"No notebooks found in {string.Join(", ", options.Inputs)}.");
            return 1;
        }
        var results = new List<NotebookResult>();
        foreach (var (path, relative) in notebooks)
        {
            log.WriteLine($"=== {relative}");
            var output = options.OutDirectory is null ? null
                : Path.Combine(options.OutDirectory, Path.ChangeExtension(relative, ".ipynb"));
            var result = await RunOneAsync(path, output);
            results.Add(result with { Notebook = relative });
            log.WriteLine(results[^1].Describe());
        }

        log.WriteLine();
        foreach (var r in results) log.WriteLine($"{r.Status,-8} {r.Seconds,7:0.0} s  {r.Notebook}");
        if (options.OutDirectory is not null)
        {
            var book = CourseBook.Write(options.OutDirectory, results.Select(r => new BookEntry(r.Notebook, r.Output,
                r.Status, r.Seconds, r.Error, r.Cell)).ToList(), options.Mode);
            log.WriteLine($"course book: {book}");
        }
        var passed = results.Count(r => r.Status == NotebookResult.Passed);
        log.WriteLine($"{passed} passed, {results.Count - passed} failed");
        return passed == results.Count ? 0 : 1;
    }

    async Task<NotebookResult> RunOneAsync(string notebook, string? output)
    {
        var resultFile = Path.Combine(Path.GetTempPath(), $"notebook-result-{Guid.NewGuid():N}.json");
        var start = Stopwatch.StartNew();
        var lastCellStart = Stopwatch.StartNew();
        void OnLine(string line)
        {
            if (line.TrimStart().StartsWith("[cell ", StringComparison.Ordinal)) lastCellStart.Restart();
            lock (log) log.WriteLine(line);
        }
        using var worker = SupervisedWorker.Start(WorkerStartInfo(notebook, resultFile, output), OnLine);

        // The worker enforces the cell time limit itself; this is the safety net if it cannot.
        var stopped = await worker.WatchAsync(() => lastCellStart.Elapsed > options.CellTimeout + Grace
            ? $"The worker did not stop after the {options.CellTimeout.TotalSeconds:0} s cell limit and was ended." : null,
            TimeSpan.FromSeconds(1));
        if (stopped is not null)
            return new NotebookResult(notebook, NotebookResult.TimedOut, start.Elapsed.TotalSeconds, Error: stopped);

        try
        {
            if (File.Exists(resultFile))
                return JsonSerializer.Deserialize<NotebookResult>(File.ReadAllText(resultFile))!;
        }
        finally
        {
            File.Delete(resultFile);
        }
        return new NotebookResult(notebook, NotebookResult.Failed, start.Elapsed.TotalSeconds,
            Error: $"The worker process ended with exit code {worker.ExitCode} before reporting. Last output:\n{string.Join("\n", worker.Tail())}");
    }

    ProcessStartInfo WorkerStartInfo(string notebook, string resultFile, string? output)
    {
        var info = WorkerProcess.StartInfo(typeof(BatchRunner).Assembly, Path.GetDirectoryName(notebook)!);
        info.ArgumentList.Add(notebook);
        info.ArgumentList.Add("--worker-result");
        info.ArgumentList.Add(resultFile);
        if (output is not null)
        {
            info.ArgumentList.Add("--worker-output");
            info.ArgumentList.Add(output);
        }
        info.ArgumentList.Add("--timeout");
        info.ArgumentList.Add(options.CellTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (options.Mode is not null)
        {
            info.ArgumentList.Add("--mode");
            info.ArgumentList.Add(options.Mode);
        }
        foreach (var (name, value) in options.Parameters)
        {
            info.ArgumentList.Add("--param");
            info.ArgumentList.Add($"{name}={value}");
        }
        return info;
    }
}
