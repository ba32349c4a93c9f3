using System.Globalization;

namespace NotebookHost;

/// <summary>Reads a program's command line one argument at a time, for the course's programs: each parses its own
/// options with this, so that both name the offending argument the same way (an <see cref="ArgumentException"/>,
/// which <see cref="ProgramEntry"/> turns into the message and the usage).</summary>
/// <remarks>The programs take a handful of options each; a library such as System.CommandLine would bring its own
/// help and error format, which the README and tests describe in the course's words.</remarks>
public sealed class OptionReader(IReadOnlyList<string> args, int start = 0)
{
    int index = start - 1;

    /// <summary>The argument being read.</summary>
    public string Current => args[index];

    /// <summary>Whether <see cref="Current"/> looks like an option (starts with <c>--</c>).</summary>
    public bool IsOption => Current.StartsWith("--", StringComparison.Ordinal);

    /// <summary>Moves to the next argument; false after the last.</summary>
    public bool MoveNext() => ++index < args.Count;

    /// <summary>The value that follows the current option.</summary>
    public string Value() =>
        index + 1 < args.Count ? args[++index] : throw new ArgumentException($"{Current} needs a value.");

    /// <summary>The current option's value as a number of at least <paramref name="min"/>.</summary>
    public double Number(double min)
    {
        var option = Current;
        var text = Value();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n : throw new ArgumentException($"{option} expects a number of at least {min}, got '{text}'.");
    }

    /// <summary>The current option's value, which must be <c>quick</c> or <c>full</c> (the notebooks' two modes).</summary>
    public string Mode()
    {
        var option = Current;
        var mode = Value();
        return mode is "quick" or "full" ? mode : throw new ArgumentException($"{option} must be quick or full, not '{mode}'.");
    }

    /// <summary>The error for an option the program does not know.</summary>
    public ArgumentException Unknown() => new($"unknown option {Current}.");
}
