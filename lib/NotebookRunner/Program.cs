using System.Text.Json;
using NotebookHost;
using NotebookHost.Programs;
using NotebookRunner;

return await ProgramEntry.RunAsync(args, RunnerOptions.Parse, RunnerOptions.Usage, async options =>
{
    if (options.ProgramsOf is { } folder) return Programs(folder, options.CheckPrograms, options.OutDirectory);
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

static int Programs(string folder, bool check, string? outDirectory)
{
    if (File.Exists(folder))
    {
        var program = Path.Combine(outDirectory!, Path.GetFileNameWithoutExtension(folder) + ".cs");
        Directory.CreateDirectory(outDirectory!);
        File.WriteAllText(program, ProgramWriter.Write(folder, program));
        Console.WriteLine($"wrote {program}");
        return 0;
    }
    if (!check)
    {
        foreach (var program in ProgramWriter.WriteAll(folder)) Console.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, program)}");
        return 0;
    }
    var problems = ProgramWriter.Check(folder);
    foreach (var problem in problems) Console.WriteLine(problem);
    Console.WriteLine(problems.Count == 0 ? "the programs are up to date." : "run --write-programs to write them again.");
    return problems.Count == 0 ? 0 : 1;
}
