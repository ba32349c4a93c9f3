using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Autograder;

/// <summary>Reads the student's cells with the C# parser for what none of the assignments needs and what attacks on
/// the grader use: reflection, <c>dynamic</c>, native calls and unsafe code, other processes, the raw standard streams,
/// <c>/proc</c>, the interactive kernel's API and magic commands. Such a submission is still graded, but marked
/// "needs review" with the lines in its feedback, so that a person reads them before the score counts.</summary>
/// <remarks>A syntax scan, not a proof: it names what it sees in the source (namespaces, type and member names,
/// keywords, string literals); code that hides a name (built from pieces at run time) still has to reach it through
/// one of the flagged means (reflection, <c>dynamic</c>, the kernel's API), which is what makes the scan worth having.
/// The sandbox, not this scan, is what contains a submission.</remarks>
sealed class CodeReview
{
    static readonly CSharpParseOptions Script = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    /// <summary>Names whose use needs review, with why.</summary>
    static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Reflection"] = "reflection", ["BindingFlags"] = "reflection", ["MethodInfo"] = "reflection",
        ["FieldInfo"] = "reflection", ["PropertyInfo"] = "reflection", ["MemberInfo"] = "reflection",
        ["GetMethod"] = "reflection", ["GetMethods"] = "reflection", ["GetField"] = "reflection", ["GetFields"] = "reflection",
        ["GetProperty"] = "reflection", ["GetMember"] = "reflection", ["InvokeMember"] = "reflection",
        ["Activator"] = "reflection", ["AssemblyLoadContext"] = "loading code", ["Assembly"] = "reflection",
        ["Emit"] = "generating code", ["ILGenerator"] = "generating code", ["DynamicMethod"] = "generating code",
        ["MethodHandle"] = "reflection", ["FunctionPointer"] = "native code",
        ["InteropServices"] = "native code", ["Marshal"] = "native code", ["NativeLibrary"] = "native code",
        ["DllImport"] = "native code", ["LibraryImport"] = "native code", ["NativeMemory"] = "native code",
        ["Unsafe"] = "unsafe memory access", ["CompilerServices"] = "runtime internals",
        ["Process"] = "starting or inspecting processes", ["ProcessStartInfo"] = "starting processes",
        ["OpenStandardOutput"] = "the raw standard streams", ["OpenStandardInput"] = "the raw standard streams",
        ["OpenStandardError"] = "the raw standard streams", ["SafeFileHandle"] = "raw file handles",
        ["DotNet"] = "the interactive kernel's API", ["Interactive"] = "the interactive kernel's API",
        ["KernelInvocationContext"] = "the interactive kernel's API", ["CompositeKernel"] = "the interactive kernel's API",
        ["AddMiddleware"] = "the interactive kernel's API", ["FailFast"] = "ending the process",
    };

    /// <summary>The findings of two reviews as one list, a line found by both once, with the reasons of both.</summary>
    public static List<string> Merge(IEnumerable<string> first, IEnumerable<string> second)
    {
        var byLine = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var finding in first.Concat(second))
        {
            // "line N of where: `code` (why, why)": the reasons are the last parenthesis.
            var at = finding.LastIndexOf(" (", StringComparison.Ordinal);
            var (where, why) = at > 0 && finding.EndsWith(')') ? (finding[..at], finding[(at + 2)..^1]) : (finding, "");
            if (!byLine.TryGetValue(where, out var reasons)) { byLine[where] = reasons = new(StringComparer.Ordinal); order.Add(where); }
            foreach (var reason in why.Split(", ", StringSplitOptions.RemoveEmptyEntries)) reasons.Add(reason);
        }
        return [.. order.Select(w => byLine[w].Count == 0 ? w : $"{w} ({string.Join(", ", byLine[w])})")];
    }

    /// <summary>The lines of the student's cells (answers and added cells) that need review, each as
    /// "line N of where: `code` (why)"; empty when none.</summary>
    public List<string> Find(IReadOnlyList<GradedCell> plan)
    {
        var found = new List<string>();
        foreach (var cell in plan.Where(c => c.Role == CellRole.Answer))
        {
            var lines = cell.Code.Split('\n');
            var reasons = new SortedDictionary<int, SortedSet<string>>();
            void Flag(int line, string why) => (reasons.TryGetValue(line, out var set) ? set : reasons[line] = new SortedSet<string>(StringComparer.Ordinal)).Add(why);

            for (var i = 0; i < lines.Length; i++)
            {
                var text = lines[i].TrimStart();
                if (text.StartsWith("#r", StringComparison.Ordinal) || text.StartsWith("#!", StringComparison.Ordinal)
                    || text.StartsWith("#i", StringComparison.Ordinal) || text.StartsWith("#load", StringComparison.Ordinal))
                    Flag(i, "a magic command of the kernel");
            }
            // Magic commands are the kernel's, not C#: blanked (keeping positions) before parsing.
            var csharp = string.Join('\n', lines.Select(l => l.TrimStart().StartsWith('#') ? new string(' ', l.Length) : l));
            var tree = CSharpSyntaxTree.ParseText(csharp, Script);
            int Line(SyntaxNode node) => tree.GetLineSpan(node.Span).StartLinePosition.Line;
            int TokenLine(SyntaxToken token) => tree.GetLineSpan(token.Span).StartLinePosition.Line;

            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                switch (node)
                {
                    case SimpleNameSyntax name when Names.TryGetValue(name.Identifier.ValueText, out var why):
                        Flag(Line(node), why);
                        break;
                    case IdentifierNameSyntax { Identifier.ValueText: "dynamic" } id when id.Parent is not MemberAccessExpressionSyntax:
                        Flag(Line(node), "dynamic");
                        break;
                    case PointerTypeSyntax or FunctionPointerTypeSyntax or FixedStatementSyntax or StackAllocArrayCreationExpressionSyntax:
                        Flag(Line(node), "unsafe code");
                        break;
                    case UnsafeStatementSyntax:
                        Flag(Line(node), "unsafe code");
                        break;
                    case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
                        when literal.Token.ValueText.Contains("/proc", StringComparison.Ordinal)
                             || literal.Token.ValueText.Contains("/sys/", StringComparison.Ordinal):
                        Flag(Line(node), "reading the system's process information");
                        break;
                    case InterpolatedStringTextSyntax text when text.TextToken.ValueText.Contains("/proc", StringComparison.Ordinal):
                        Flag(Line(node), "reading the system's process information");
                        break;
                }
            }
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.UnsafeKeyword) || token.IsKind(SyntaxKind.ExternKeyword))
                    Flag(TokenLine(token), token.IsKind(SyntaxKind.UnsafeKeyword) ? "unsafe code" : "native code");
                else if (token.IsKind(SyntaxKind.ArgListKeyword) || token.IsKind(SyntaxKind.MakeRefKeyword)
                         || token.IsKind(SyntaxKind.RefValueKeyword) || token.IsKind(SyntaxKind.RefTypeKeyword))
                    Flag(TokenLine(token), "runtime internals");
            }
            foreach (var (line, why) in reasons)
            {
                var code = lines[line].Trim();
                if (code.Length > 100) code = code[..97] + "...";
                found.Add($"line {line + 1} of {cell.Label}: `{code.Replace("`", "'")}` ({string.Join(", ", why)})");
            }
        }
        return found;
    }
}
