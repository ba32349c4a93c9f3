using System.Globalization;

namespace Autograder;

/// <summary>The command line, parsed; errors name the argument and come with the usage.</summary>
sealed record GraderOptions
{
    public const string WorkerFlag = "--grading-worker";

    public const string Usage = """
        Makes the student versions of the course's assignments and grades submitted notebooks.

        usage:
          Autograder generate <assignment.ipynb|folder>... --out DIR
              Writes each assignment's student version (solutions stubbed, hidden tests removed) and a README into DIR.
          Autograder check <assignment.ipynb|folder>... --out DIR
              Exit code 1 if the student versions in DIR are not what generate would write now.
          Autograder grade <assignment.ipynb> <submission.ipynb|folder>... --out DIR [options]
              Grades each submission in its own process; writes DIR/feedback/<student>.md and DIR/gradebook.csv.
              --mode quick|full        the assignment's mode for grading (default: the notebook's own)
              --time-limit SECONDS     wall time per submission (default 900)
              --memory-limit MB        memory per submission (default 4096)
              --jobs N                 submissions graded at the same time (default 1)
              --unsandboxed            grade without the sandbox (needed where none is available, see the README):
                                       the students' code then runs with your rights; every feedback file says so

        A folder of submissions is searched for .ipynb files; the student's name is the file's folder when the file is
        named like the assignment (alice/1-training-autoencoders.ipynb), otherwise the file's name (alice.ipynb).
        """;

    public required string Command { get; init; }
    public List<string> Inputs { get; } = [];
    public string OutDirectory { get; private set; } = "";
    public string? Mode { get; private set; }
    public TimeSpan TimeLimit { get; private set; } = TimeSpan.FromSeconds(900);
    public long MemoryLimitBytes { get; private set; } = 4096L * 1024 * 1024;
    public int Jobs { get; private set; } = 1;
    public bool Unsandboxed { get; private set; }

    public static GraderOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("generate" or "check" or "grade"))
            throw new ArgumentException("the first argument must be generate, check or grade.");
        var o = new GraderOptions { Command = args[0] };
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            double Number(double min)
            {
                var text = Value();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n : throw new ArgumentException($"{arg} expects a number of at least {min}, got '{text}'.");
            }
            switch (arg)
            {
                case "--out": o.OutDirectory = Path.GetFullPath(Value()); break;
                case "--mode":
                    o.Mode = Value();
                    if (o.Mode is not ("quick" or "full")) throw new ArgumentException($"--mode must be quick or full, not '{o.Mode}'.");
                    break;
                case "--time-limit": o.TimeLimit = TimeSpan.FromSeconds(Number(1)); break;
                case "--memory-limit": o.MemoryLimitBytes = (long)(Number(256) * 1024 * 1024); break;
                case "--jobs": o.Jobs = (int)Number(1); break;
                case "--unsandboxed": o.Unsandboxed = true; break;
                case var _ when arg.StartsWith("--", StringComparison.Ordinal): throw new ArgumentException($"unknown option {arg}.");
                default: o.Inputs.Add(Path.GetFullPath(arg)); break;
            }
        }
        if (o.OutDirectory.Length == 0) throw new ArgumentException("--out DIR is required.");
        if (o.Inputs.Count == 0) throw new ArgumentException("name at least one assignment notebook or folder.");
        if (o.Command == "grade" && o.Inputs.Count < 2)
            throw new ArgumentException("grade needs the assignment's instructor version and at least one submission or folder.");
        if (o.Command != "grade" && (o.Mode is not null || o.Unsandboxed))
            throw new ArgumentException("--mode and --unsandboxed apply to grade only.");
        return o;
    }
}
