namespace NotebookRunner;

/// <summary>The command line, parsed. Errors name the offending argument and show the usage.</summary>
sealed record RunnerOptions
{
    public const string Usage = """
        Runs notebooks (.ipynb, .dib) headlessly, cell by cell, in a fresh .NET Interactive kernel per notebook.

        usage: NotebookRunner <notebook-or-folder>... [options]
          --mode quick|full     quick: small settings for CI; full: the lecture's settings (default: the notebook's own)
          --param name=value    override a parameter of the notebook's "parameters" cell (repeatable)
          --out DIR             write each executed notebook, with its outputs, under DIR
          --timeout SECONDS     the longest one cell may run (default 1800)

        A folder means every notebook in it and its subfolders (folders whose names start with '.' or '_' are skipped,
        and so are the student copies of assignments, which stop at their first unanswered question).
        Exit code: 0 when every notebook passed, 1 when one failed, 2 for a usage error.
        """;

    public List<string> Inputs { get; } = [];
    public Dictionary<string, string> Parameters { get; } = [];
    public string? Mode { get; private set; }
    public string? OutDirectory { get; private set; }
    public TimeSpan CellTimeout { get; private set; } = TimeSpan.FromMinutes(30);

    /// <summary>Set in the worker process that runs a single notebook: where to write its result.</summary>
    public string? WorkerResult { get; private set; }

    /// <summary>Set in the worker process: where to write the executed copy.</summary>
    public string? WorkerOutput { get; private set; }

    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        var o = new RunnerOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--mode":
                    o.Mode = Value();
                    if (o.Mode is not ("quick" or "full"))
                        throw new ArgumentException($"--mode must be quick or full, not '{o.Mode}'.");
                    break;
                case "--param":
                    var pair = Value();
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"--param expects name=value, got '{pair}'.");
                    o.Parameters[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--out":
                    o.OutDirectory = Path.GetFullPath(Value());
                    break;
                case "--timeout":
                    var text = Value();
                    if (!double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                        throw new ArgumentException($"--timeout expects a number of seconds, got '{text}'.");
                    o.CellTimeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--worker-result":
                    o.WorkerResult = Value();
                    break;
                case "--worker-output":
                    o.WorkerOutput = Value();
                    break;
                case var _ when arg.StartsWith("--", StringComparison.Ordinal):
                    throw new ArgumentException($"unknown option {arg}.");
                default:
                    o.Inputs.Add(Path.GetFullPath(arg));
                    break;
            }
        }
        if (o.Inputs.Count == 0) throw new ArgumentException("name at least one notebook or folder.");
        return o;
    }

    /// <summary>The parameter values a notebook receives: --param values, plus the mode.</summary>
    public Dictionary<string, string> NotebookParameters()
    {
        var values = new Dictionary<string, string>(Parameters);
        if (Mode is not null) values.TryAdd(ModeParameter, Mode);
        return values;
    }

    /// <summary>The parameter that --mode sets, where a notebook declares it.</summary>
    public const string ModeParameter = "mode";
}
