using System.Text.Json;
using NotebookHost;
using NotebookRunner;

return await ProgramEntry.RunAsync(args, RunnerOptions.Parse, RunnerOptions.Usage, async options =>
{
    if (options.WorkerResult is null) return await new BatchRunner(options, Console.Out).RunAsync();

    // Worker: run exactly one notebook in this process, then leave. Console.Out is kept before the kernel redirects it.
    var log = Console.Out;
    var result = await new NotebookExecutor(log).RunAsync(options.Inputs[0], options.NotebookParameters(),
        options.WorkerOutput, options.CellTimeout);
    File.WriteAllText(options.WorkerResult, JsonSerializer.Serialize(result));
    log.Flush();
    // A timed-out cell may still be running on another thread: ending the process is the only way to stop it.
    Environment.Exit(result.Status == NotebookResult.Passed ? 0 : 1);
    return 0;
});
