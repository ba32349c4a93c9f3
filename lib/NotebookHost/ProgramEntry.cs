namespace NotebookHost;

/// <summary>The shape every course program's <c>Main</c> has: parse the options (a usage error prints the message and
/// the usage, exit code 2), run, and turn the errors a user can fix (a bad argument, an unreadable file) into a
/// message instead of a stack trace.</summary>
public static class ProgramEntry
{
    /// <summary>Parses <paramref name="args"/> with <paramref name="parse"/> and runs <paramref name="run"/>.</summary>
    /// <returns>The exit code: <paramref name="run"/>'s, 2 for a usage error, 1 for an unreadable or invalid file.</returns>
    public static async Task<int> RunAsync<TOptions>(IReadOnlyList<string> args, Func<IReadOnlyList<string>, TOptions> parse,
        string usage, Func<TOptions, Task<int>> run)
    {
        TOptions options;
        try
        {
            options = parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}\n\n{usage}");
            return 2;
        }
        try
        {
            return await run(options);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e is ArgumentException ? 2 : 1;
        }
    }
}
