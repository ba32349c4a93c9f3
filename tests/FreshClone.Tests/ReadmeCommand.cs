namespace FreshClone.Tests;

/// <summary>One command from a shell code block of the README: its text as written (continuation lines joined),
/// the section it stands in, and its position among the block's commands.</summary>
sealed record ReadmeCommand(string Text, string Section, int Block, int Line)
{
    /// <summary>The command split into its program and arguments. The README's commands use no quoting, so
    /// whitespace separates arguments; a quote is refused rather than guessed at.</summary>
    public string[] Words
    {
        get
        {
            if (Text.IndexOfAny(['"', '\'', '`', '|', '>', '<', '&', ';']) >= 0)
                throw new FormatException($"README line {Line}: '{Text}' uses shell syntax the test does not run; keep README commands plain.");
            return Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public override string ToString() => $"README line {Line} ({Section}): {Text}";
}
