using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using NotebookHost;

namespace Autograder;

/// <summary>Runs the checks of tests (the part below <c>// CHECK</c>) on the replies their probes sent, in a process
/// of its own that never runs a submission's code: whatever a submission did in its own process, its score is decided
/// here, from values alone.</summary>
/// <remarks>One process serves the whole batch, one check at a time. It starts with the assignment's setup cells
/// (parameters, the package, the data), so a check may use what they define besides the reply. A reply reaches the
/// check as a file the check reads (<c>Reply.FromJson</c>), never as code. If the process ends or a check runs past the
/// time limit, that check fails and the next one starts a fresh process.</remarks>
sealed class Checker : IDisposable
{
    const string ReplyFile = "reply.json";

    readonly SubmissionRun runner;
    readonly ScratchFolders scratch;
    readonly IReadOnlyList<string> preamble;
    readonly TimeSpan timeLimit;
    readonly SemaphoreSlim gate = new(1, 1);
    string? folder;
    SupervisedWorker? worker;
    string secret = "";
    Channel<CellResult> results = Channel.CreateUnbounded<CellResult>();
    int next;

    Checker(SubmissionRun runner, ScratchFolders scratch, IReadOnlyList<string> preamble, TimeSpan timeLimit) =>
        (this.runner, this.scratch, this.preamble, this.timeLimit) = (runner, scratch, preamble, timeLimit);

    /// <summary>Starts the checker and runs the setup cells in it.</summary>
    /// <exception cref="InvalidOperationException">A setup cell failed: no check could run.</exception>
    public static async Task<Checker> StartAsync(SubmissionRun runner, ScratchFolders scratch, IReadOnlyList<string> preamble, TimeSpan timeLimit)
    {
        var checker = new Checker(runner, scratch, preamble, timeLimit);
        try
        {
            if (await checker.StartProcessAsync() is { } error)
                throw new InvalidOperationException($"the checks' process could not run the assignment's setup: {error}");
            return checker;
        }
        catch
        {
            checker.Dispose();
            throw;
        }
    }

    /// <summary>Runs one check on one reply.</summary>
    /// <param name="check">The check's code, with the probe's lines (and the marker line) left empty.</param>
    /// <param name="reply">The reply as the probe sent it.</param>
    public async Task<CellResult> CheckAsync(string check, string reply)
    {
        await gate.WaitAsync();
        try
        {
            if (worker is null || worker.HasExited)
            {
                StopProcess();
                if (await StartProcessAsync() is { } error) return new CellResult(-1, false, $"The check could not run: {error}", "");
            }
            await File.WriteAllTextAsync(Path.Combine(folder!, ReplyFile), reply);
            // The first line of the check is the test's marker line, left empty: the reply goes there, so the claims
            // keep the line numbers of the test cell.
            var lines = check.Split('\n');
            lines[0] = $"var {GradingWorker.ReplyVariable} = Autoencoders.Notebooks.Reply.FromJson(System.IO.File.ReadAllText(\"{ReplyFile}\"));";
            var result = await RunAsync(string.Join('\n', lines));
            var hide = runner.HostPaths(folder!);
            return result with
            {
                Error = result.Error is null ? null : GradeReport.HidePaths(result.Error, hide),
                Output = GradeReport.HidePaths(result.Output, hide),
            };
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reviews the student's cells of a plan with the compiler's semantic model (<see cref="SemanticReview"/>),
    /// in this process's kernel, which has run the setup but never a student's code.</summary>
    /// <returns>The lines that need review; a line saying the review could not run if it failed.</returns>
    public async Task<List<string>> ReviewAsync(IReadOnlyList<GradedCell> plan)
    {
        // The setup before the first other cell is this kernel's own state already; tests are not the student's.
        var cells = plan.SkipWhile(c => c.Role == CellRole.Setup)
            .Where(c => !c.Skip && c.Role is CellRole.Setup or CellRole.Answer)
            .Select(c => new ReviewCell(c.Code, c.Label, c.Role == CellRole.Answer)).ToList();
        if (!cells.Any(c => c.Student)) return [];
        await gate.WaitAsync();
        try
        {
            if (worker is null || worker.HasExited)
            {
                StopProcess();
                if (await StartProcessAsync() is { } error) return [$"the semantic review could not run: {error}"];
            }
            var result = await RunAsync(JsonSerializer.Serialize(cells), review: true);
            if (!result.Passed || result.Reply is null) return [$"the semantic review could not run: {result.Error}"];
            return JsonSerializer.Deserialize<List<string>>(result.Reply) ?? [];
        }
        finally
        {
            gate.Release();
        }
    }

    async Task<string?> StartProcessAsync()
    {
        folder = scratch.NewFolder();
        runner.PrepareFolder(folder, null);
        secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        results = Channel.CreateUnbounded<CellResult>();
        var expected = secret;
        var channel = results;
        worker = SupervisedWorker.Start(runner.WorkerStartInfo(folder, null), line =>
        {
            if (!line.StartsWith(expected + " ", StringComparison.Ordinal)) return;
            try { channel.Writer.TryWrite(JsonSerializer.Deserialize<CellResult>(line[(expected.Length + 1)..])!); }
            catch (JsonException) { }
        }, onError: _ => { }, tailLength: 10);
        await worker.Input.WriteLineAsync(secret);
        foreach (var cell in preamble)
        {
            var result = await RunAsync(cell);
            if (!result.Passed) return result.Error ?? "a setup cell failed";
        }
        return null;
    }

    async Task<CellResult> RunAsync(string code, bool review = false)
    {
        var index = next++;
        var clock = Stopwatch.StartNew();
        try
        {
            await worker!.Input.WriteLineAsync(JsonSerializer.Serialize(new CellRequest(index, code, Review: review)));
            await worker.Input.FlushAsync();
            while (true)
            {
                using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                try
                {
                    var result = await results.Reader.ReadAsync(wait.Token);
                    if (result.Index == index) return result;
                }
                catch (OperationCanceledException)
                {
                }
                if (worker.HasExited)
                {
                    await worker.WaitForOutputAsync();
                    if (results.Reader.TryRead(out var last) && last.Index == index) return last;
                    return new CellResult(index, false, $"The checks' process ended (exit code {worker.ExitCode}): {string.Join(" / ", worker.Tail())}", "");
                }
                if (clock.Elapsed > timeLimit)
                {
                    worker.Stop();
                    return new CellResult(index, false, $"The check did not finish within {timeLimit.TotalSeconds:0} s.", "");
                }
            }
        }
        catch (IOException) when (worker!.HasExited)
        {
            return new CellResult(index, false, $"The checks' process ended (exit code {worker.ExitCode}).", "");
        }
    }

    void StopProcess()
    {
        worker?.Stop();
        worker?.Dispose();
        worker = null;
        if (folder is not null) ScratchFolders.Delete(folder);
        folder = null;
    }

    public void Dispose()
    {
        StopProcess();
        gate.Dispose();
    }
}
