using NotebookHost;

namespace NotebookRunner;

/// <summary>The command line, parsed. Errors name the offending argument and show the usage.</summary>
sealed record RunnerOptions
{
    public const string Usage = """
        Runs notebooks (.ipynb, .dib) headlessly, cell by cell, in a fresh .NET Interactive kernel per notebook.

        usage: NotebookRunner <notebook-or-folder>... [options]
          --mode quick|full     quick: small settings for CI; full: the lecture's settings (default: the notebook's own)
          --param name=value    override a parameter of the notebook's "parameters" cell (repeatable)
          --out DIR             write each executed notebook, with its outputs, under DIR, and the course book:
                                DIR/index.html and a page per notebook, to read in any browser
          --timeout SECONDS     the longest one cell may run (default 1800)

        usage: NotebookRunner --write-programs <notebooks-folder>
               NotebookRunner --check-programs <notebooks-folder>
               NotebookRunner --write-programs <notebook.ipynb> --out DIR
          Writes (or checks, exit code 1 if any differs) the C# program of every lesson and of every assignment's
          student version: <notebooks-folder>/programs/<lesson>.cs and programs/assignments/<assignment>.cs, to run
          with `dotnet run <program>.cs -- --mode quick`. Given one notebook (an assignment's instructor version,
          say), writes its program into DIR.

        A folder means every notebook in it and its subfolders (folders whose names start with '.' or '_' are skipped,
        and so are the student copies of assignments, which stop at their first unanswered question).
        Exit code: 0 when every notebook passed, 1 when one failed, 2 for a usage error.
        """;

    public List<string> Inputs { get; } = [];
    public Dictionary<string, string> Parameters { get; } = [];
    public string? Mode { get; private set; }
    public string? OutDirectory { get; private set; }
    public TimeSpan CellTimeout { get; private set; } = TimeSpan.FromMinutes(30);

    /// <summary>Set by --write-programs or --check-programs: the notebooks folder whose programs to write or check.</summary>
    public string? ProgramsOf { get; private set; }

    /// <summary>Whether the programs are checked rather than written.</summary>
    public bool CheckPrograms { get; private set; }

    /// <summary>Set in the worker process that runs a single notebook: where to write its result.</summary>
    public string? WorkerResult { get; private set; }

    /// <summary>Set in the worker process: where to write the executed copy.</summary>
    public string? WorkerOutput { get; private set; }

    public static RunnerOptions Parse(IReadOnlyList<string> args)
    {
        var o = new RunnerOptions();
        var reader = new OptionReader(args);
        while (reader.MoveNext())
        {
            switch (reader.Current)
            {
                case "--mode":
                    o.Mode = reader.Mode();
                    break;
                case "--param":
                    var pair = reader.Value();
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"--param expects name=value, got '{pair}'.");
                    o.Parameters[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--out":
                    o.OutDirectory = Path.GetFullPath(reader.Value());
                    break;
                case "--timeout":
                    o.CellTimeout = TimeSpan.FromSeconds(reader.Number(min: 0.001));
                    break;
                case "--write-programs" or "--check-programs":
                    o.CheckPrograms = reader.Current == "--check-programs";
                    o.ProgramsOf = Path.GetFullPath(reader.Value());
                    break;
                case "--worker-result":
                    o.WorkerResult = reader.Value();
                    break;
                case "--worker-output":
                    o.WorkerOutput = reader.Value();
                    break;
                case var _ when reader.IsOption:
                    throw reader.Unknown();
                default:
                    o.Inputs.Add(Path.GetFullPath(reader.Current));
                    break;
            }
        }
        if (o.ProgramsOf is not null)
        {
            if (o.Inputs.Count > 0) throw new ArgumentException("--write-programs and --check-programs take no notebooks besides their own.");
            if (File.Exists(o.ProgramsOf) && (o.CheckPrograms || o.OutDirectory is null))
                throw new ArgumentException("--write-programs of one notebook needs --out DIR, the folder to write its program to.");
            return o;
        }
        if (o.Inputs.Count == 0) throw new ArgumentException("name at least one notebook or folder.");
        return o;
    }

    /// <summary>The parameter values a notebook receives: --param values, plus the mode.</summary>
    public Dictionary<string, string> NotebookParameters()
    {
        var values = new Dictionary<string, string>(Parameters);
        if (Mode is not null) values.TryAdd(ParameterCell.ModeParameter, Mode);
        return values;
    }
}
