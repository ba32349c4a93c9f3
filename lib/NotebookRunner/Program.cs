using System.Text.Json;
using NotebookRunner;

RunnerOptions options;
try
{
    options = RunnerOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{RunnerOptions.Usage}");
    return 2;
}

if (options.WorkerResult is null)
{
    try
    {
        return await new BatchRunner(options, Console.Out).RunAsync();
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }
}

// Worker: run exactly one notebook in this process, then leave. Console.Out is kept before the kernel redirects it.
var log = Console.Out;
var result = await new NotebookExecutor(log).RunAsync(options.Inputs[0], options.NotebookParameters(),
    options.WorkerOutput, options.CellTimeout);
File.WriteAllText(options.WorkerResult, JsonSerializer.Serialize(result));
log.Flush();
// A timed-out cell may still be running on another thread: ending the process is the only way to stop it.
Environment.Exit(result.Status == NotebookResult.Passed ? 0 : 1);
return 0;
