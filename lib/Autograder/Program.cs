using Autograder;

if (args is [GraderOptions.WorkerFlag]) return await GradingWorker.RunAsync();

GraderOptions options;
try
{
    options = GraderOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{GraderOptions.Usage}");
    return 2;
}

try
{
    switch (options.Command)
    {
        case "grade":
            return await new BatchGrader(options, Console.Out).RunAsync();
        case "generate":
            Directory.CreateDirectory(options.OutDirectory);
            foreach (var (name, text) in ReleaseFolder.Files(ReleaseFolder.Read(options.Inputs)))
            {
                File.WriteAllText(Path.Combine(options.OutDirectory, name), text);
                Console.WriteLine($"wrote {Path.Combine(options.OutDirectory, name)}");
            }
            return 0;
        default: // check
            var stale = ReleaseFolder.Files(ReleaseFolder.Read(options.Inputs))
                .Where(f => !File.Exists(Path.Combine(options.OutDirectory, f.Key))
                            || File.ReadAllText(Path.Combine(options.OutDirectory, f.Key)) != f.Value)
                .Select(f => f.Key).ToList();
            foreach (var name in stale) Console.WriteLine($"out of date: {Path.Combine(options.OutDirectory, name)}");
            if (stale.Count > 0) Console.WriteLine("Run the generate command to write them again.");
            else Console.WriteLine("The student versions are up to date.");
            return stale.Count == 0 ? 0 : 1;
    }
}
catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return e is ArgumentException ? 2 : 1;
}
