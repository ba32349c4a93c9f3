using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Autograder;

/// <summary>The few comments an assignment's author writes into the instructor version to say what is an answer,
/// what is a test and how many points it is worth.</summary>
/// <remarks>
/// <code>
/// ## Question 2: Build the network (3 points)        a Markdown heading opens a question
/// // BEGIN SOLUTION ... // END SOLUTION               the answer; students get a stub instead
/// // STUB: string loss = "?";                         inside a solution: the stub students get
/// // TEST Question 2 (1 point)                        first line of a visible test cell
/// // HIDDEN TEST Question 2 (2 points)                first line of a test cell only grading runs
/// // CHECK                                            in a test: the probe above it, the check below it
/// </code>
/// Plain comments keep the instructor version an ordinary notebook that runs top to bottom, solutions and tests
/// included, which is how the course checks that every assignment can be solved.</remarks>
static partial class Markers
{
    public const string BeginSolution = "// BEGIN SOLUTION", EndSolution = "// END SOLUTION", Stub = "// STUB:";

    /// <summary>The line that splits a test into its probe (above: runs the student's code and fills <c>reply</c>) and
    /// its check (below: the claims, on the reply's values alone).</summary>
    public const string Check = "// CHECK";

    /// <summary>A test cell's probe and check; null when the cell has no <see cref="Check"/> line, or more than one.</summary>
    public static (string Probe, string Check)? SplitTest(string code)
    {
        var lines = code.Split('\n');
        var at = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim() == Check).ToList();
        if (at.Count != 1) return null;
        // The check keeps its line numbers: the probe's lines become empty ones above it.
        return (string.Join('\n', lines[..at[0]]), string.Join('\n', lines.Select((l, i) => i <= at[0] ? "" : l)));
    }

    /// <summary>Reads a test cell's first line: its question, points and whether it is hidden.</summary>
    public static bool TryParseTest(string firstLine, out int question, out double points, out bool hidden)
    {
        var m = TestLine().Match(firstLine.Trim());
        question = m.Success ? int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture) : 0;
        points = m.Success ? double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture) : 0;
        hidden = m.Success && m.Groups["hidden"].Success;
        return m.Success;
    }

    /// <summary>Whether a line looks like a test marker but does not parse (a typo would silently make a test part of
    /// the student's code).</summary>
    public static bool LooksLikeTest(string firstLine) => LooseTestLine().IsMatch(firstLine.Trim());

    /// <summary>Reads a question heading (<c>## Question N: Title (P points)</c>) from a Markdown cell.</summary>
    public static bool TryParseQuestion(string markdown, out int number, out string title, out double points)
    {
        var m = QuestionHeading().Match(markdown);
        number = m.Success ? int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture) : 0;
        title = m.Success ? m.Groups["title"].Value.Trim() : "";
        points = m.Success ? double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture) : 0;
        return m.Success;
    }

    /// <summary>Whether the code holds a solution region.</summary>
    public static bool HasSolution(string code) => code.Split('\n').Any(l => l.Trim() == BeginSolution);

    /// <summary>The student's version of an answer cell: every solution region replaced by its stub lines, or by a
    /// <c>throw</c> at the region's indentation when it has none.</summary>
    /// <exception cref="FormatException">A region is not closed, or an END comes without a BEGIN.</exception>
    public static string StripSolutions(string code)
    {
        var output = new StringBuilder();
        List<string>? stub = null;
        var indent = "";
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            var newline = i < lines.Length - 1 ? "\n" : "";
            if (trimmed == BeginSolution)
            {
                if (stub is not null) throw new FormatException($"line {i + 1}: {BeginSolution} inside another solution region.");
                stub = [];
                indent = line[..(line.Length - line.TrimStart().Length)];
                continue;
            }
            if (trimmed == EndSolution)
            {
                if (stub is null) throw new FormatException($"line {i + 1}: {EndSolution} without {BeginSolution}.");
                output.Append(indent).Append("// YOUR ANSWER HERE").Append('\n');
                if (stub.Count == 0) output.Append(indent).Append("throw new NotImplementedException();").Append(newline);
                else output.Append(string.Join("\n", stub)).Append(newline);
                stub = null;
                continue;
            }
            if (stub is not null)
            {
                if (trimmed.StartsWith(Stub, StringComparison.Ordinal))
                {
                    var text = trimmed[Stub.Length..];
                    stub.Add(line[..(line.Length - line.TrimStart().Length)] + (text.StartsWith(' ') ? text[1..] : text));
                }
                continue;
            }
            output.Append(line).Append(newline);
        }
        if (stub is not null) throw new FormatException($"{BeginSolution} is not closed by {EndSolution}.");
        return output.ToString();
    }

    [GeneratedRegex(@"^//\s*(?<hidden>HIDDEN\s+)?TEST\s+Question\s+(?<q>\d+)\s*\(\s*(?<p>\d+(?:\.\d+)?)\s+points?\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex TestLine();

    [GeneratedRegex(@"^//\s*(HIDDEN\s+)?TESTS?\b", RegexOptions.IgnoreCase)]
    private static partial Regex LooseTestLine();

    [GeneratedRegex(@"^#{1,6}\s*Question\s+(?<q>\d+)\s*[:.\-–—]?\s*(?<title>[^\n]*?)\s*\(\s*(?<p>\d+(?:\.\d+)?)\s+points?\s*\)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex QuestionHeading();
}
