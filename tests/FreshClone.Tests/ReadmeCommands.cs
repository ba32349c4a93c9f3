using Markdig;
using Markdig.Syntax;

namespace FreshClone.Tests;

/// <summary>Reads the commands out of the README's shell code blocks, so that the tests run exactly what a reader
/// is told to run.</summary>
static class ReadmeCommands
{
    /// <summary>Every command of every <c>sh</c> block of <paramref name="readmePath"/>, in the order they appear.
    /// Comment lines are left out, a trailing <c># comment</c> is cut off, and an indented line continues the
    /// command above it (as the runner's synopsis is wrapped).</summary>
    public static IReadOnlyList<ReadmeCommand> Read(string readmePath)
    {
        var markdown = File.ReadAllText(readmePath);
        var document = Markdown.Parse(markdown);
        var commands = new List<ReadmeCommand>();
        var section = "";
        var block = 0;
        foreach (var node in document.Descendants())
        {
            if (node is HeadingBlock heading)
                section = heading.Inline?.FirstChild?.ToString() ?? "";
            if (node is not FencedCodeBlock { Info: "sh" } code) continue;
            block++;
            for (var i = 0; i < code.Lines.Count; i++)
            {
                var raw = code.Lines.Lines[i].ToString();
                var line = code.Line + 2 + i; // Markdig counts from 0 and the fence takes a line
                var hash = raw.IndexOf(" #", StringComparison.Ordinal);
                var text = (raw.TrimStart().StartsWith('#') ? "" : hash >= 0 ? raw[..hash] : raw).TrimEnd();
                if (text.Length == 0) continue;
                if (char.IsWhiteSpace(raw[0]) && commands.Count > 0 && commands[^1].Block == block)
                    commands[^1] = commands[^1] with { Text = commands[^1].Text + " " + text.Trim() };
                else
                    commands.Add(new ReadmeCommand(text.Trim(), section, block, line));
            }
        }
        return commands;
    }
}
