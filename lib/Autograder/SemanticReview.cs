using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Autograder;

/// <summary>A cell to review, as the grading process sends it to the checker.</summary>
/// <param name="Code">The cell's code, as grading runs it.</param>
/// <param name="Label">How feedback names the cell.</param>
/// <param name="Student">Whether it is the student's (reviewed) or the instructor's (only compiled, so that later
/// cells see what it declares).</param>
sealed record ReviewCell(string Code, string Label, bool Student);

/// <summary>Reads the student's cells with the C# compiler's semantic model, in the checker's kernel (the assignment's
/// setup run, the course package loaded, no student code ever run): every name a cell uses is resolved to the symbol
/// it means, and every symbol and every expression's type must come from what the assignments need.</summary>
/// <remarks>The syntax scan (<see cref="CodeReview"/>) sees names as written; this sees what they are, so an alias,
/// a <c>var</c>, a method that returns a <c>MethodInfo</c> or a type looked up by a string built at run time is seen
/// too. Cells are compiled one after another as the kernel would (each sees the declarations of the cells before it)
/// but never run. A cell that does not compile still has the symbols that resolved checked, and later cells are
/// compiled without it, as the kernel would run them.</remarks>
static class SemanticReview
{
    /// <summary>Namespaces the assignments' answers may use, with everything inside them ("" is the cells' own
    /// declarations).</summary>
    static readonly string[] Trees = ["TorchSharp", "Autoencoders", "Microsoft.Data.Analysis", "Plotly.NET", "System.Linq", "System.Collections"];

    /// <summary>Namespaces allowed without what is inside them.</summary>
    static readonly HashSet<string> Exact = ["", "System", "System.Text", "System.Globalization", "System.Numerics", "System.Threading.Tasks"];

    /// <summary>Types of namespaces otherwise not allowed that an honest answer may well use.</summary>
    static readonly HashSet<string> AllowedTypes = ["System.Diagnostics.Stopwatch"];

    /// <summary>Types of the <c>System</c> namespace that reach the runtime itself, with why.</summary>
    static readonly Dictionary<string, string> DeniedTypes = new(StringComparer.Ordinal)
    {
        ["System.AppDomain"] = "the runtime's internals", ["System.AppContext"] = "the runtime's internals",
        ["System.Activator"] = "reflection", ["System.RuntimeTypeHandle"] = "reflection",
        ["System.RuntimeMethodHandle"] = "reflection", ["System.RuntimeFieldHandle"] = "reflection",
        ["System.TypedReference"] = "runtime internals", ["System.ArgIterator"] = "runtime internals",
        ["System.IntPtr"] = "native code", ["System.UIntPtr"] = "native code",
    };

    /// <summary>Members of allowed types that are not needed and reach outside the cell, with why.</summary>
    static readonly Dictionary<string, string> DeniedMembers = new(StringComparer.Ordinal)
    {
        ["System.Environment.Exit"] = "ending the process", ["System.Environment.FailFast"] = "ending the process",
        ["System.Environment.SetEnvironmentVariable"] = "changing the process's environment",
        ["System.Environment.CurrentDirectory"] = "the file system", ["System.Environment.GetCommandLineArgs"] = "the process's command line",
        ["System.Environment.ProcessId"] = "inspecting processes", ["System.Environment.ProcessPath"] = "inspecting processes",
        ["System.Console.OpenStandardOutput"] = "the raw standard streams", ["System.Console.OpenStandardInput"] = "the raw standard streams",
        ["System.Console.OpenStandardError"] = "the raw standard streams", ["System.Console.SetOut"] = "the raw standard streams",
        ["System.Console.SetIn"] = "the raw standard streams", ["System.Console.SetError"] = "the raw standard streams",
        ["System.Delegate.Method"] = "reflection", ["System.Delegate.DynamicInvoke"] = "reflection",
        ["System.Object.MemberwiseClone"] = "runtime internals",
    };

    /// <summary>Members of <see cref="Type"/> that only name a type: everything else of it is reflection.</summary>
    static readonly HashSet<string> TypeNames = ["Name", "FullName", "ToString", "Equals", "GetHashCode", "op_Equality", "op_Inequality"];

    /// <summary>The lines of the student's cells that use something outside what the assignments need, each as
    /// "line N of where: `code` (why)".</summary>
    public static List<string> Find(ScriptState state, IReadOnlyList<ReviewCell> cells)
    {
        var found = new List<string>();
        var script = state.Script;
        foreach (var cell in cells)
        {
            // Magic commands are the kernel's, not C#: blanked, keeping positions (the syntax scan reports them).
            var lines = cell.Code.Split('\n');
            var code = string.Join('\n', lines.Select(l => l.TrimStart().StartsWith('#') ? new string(' ', l.Length) : l));
            var next = script.ContinueWith(code);
            var compilation = next.GetCompilation();
            if (cell.Student) found.AddRange(Review(compilation, lines, cell.Label));
            if (!compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) script = next;
        }
        return found;
    }

    static IEnumerable<string> Review(Compilation compilation, string[] lines, string label)
    {
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        var reasons = new SortedDictionary<int, SortedSet<string>>();
        void Flag(SyntaxNode node, string why)
        {
            var line = tree.GetLineSpan(node.Span).StartLinePosition.Line;
            (reasons.TryGetValue(line, out var set) ? set : reasons[line] = new SortedSet<string>(StringComparer.Ordinal)).Add(why);
        }
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node is SimpleNameSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                or ElementAccessExpressionSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or CastExpressionSyntax)
            {
                var info = model.GetSymbolInfo(node);
                var symbols = info.Symbol is { } s ? [s] : info.CandidateSymbols;
                foreach (var symbol in symbols)
                    if (Why(symbol) is { } why) Flag(node, why);
            }
            if (node is ExpressionSyntax expression && model.GetTypeInfo(expression) is { Type: { } type } && WhyType(type) is { } typeWhy)
                Flag(node, typeWhy);
        }
        foreach (var (line, why) in reasons)
        {
            var text = line < lines.Length ? lines[line].Trim() : "";
            if (text.Length > 100) text = text[..97] + "...";
            yield return $"line {line + 1} of {label}: `{text.Replace("`", "'")}` ({string.Join(", ", why)})";
        }
    }

    /// <summary>Why using <paramref name="symbol"/> needs review, or null.</summary>
    static string? Why(ISymbol symbol)
    {
        switch (symbol)
        {
            case INamespaceSymbol:
                // A namespace is only a path to a type or member, and that is what is checked.
                return null;
            case ITypeSymbol type:
                return WhyType(type);
            case IMethodSymbol { IsExtern: true }:
                return "native code";
        }
        if (symbol is IMethodSymbol { ReducedFrom: { } extension }) symbol = extension;
        if (symbol.ContainingType is not { } owner) return null;
        var name = $"{owner.OriginalDefinition.ToDisplayString()}.{symbol.Name}";
        if (DeniedMembers.TryGetValue(name, out var why)) return why;
        // A type's name (declared on MemberInfo) is how honest code prints what it got; the rest of Type is reflection.
        if (owner.OriginalDefinition.ToDisplayString() is "System.Type" or "System.Reflection.MemberInfo")
            return TypeNames.Contains(symbol.Name) ? null : "reflection";
        return WhyType(owner);
    }

    /// <summary>Why a value or use of <paramref name="type"/> needs review, or null.</summary>
    static string? WhyType(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return WhyType(array.ElementType);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "unsafe code";
            case IDynamicTypeSymbol:
                return "dynamic";
            case ITypeParameterSymbol or IErrorTypeSymbol:
                return null;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                    if (WhyType(argument) is { } inner) return inner;
                var definition = named.OriginalDefinition;
                if (DeniedTypes.TryGetValue(definition.ToDisplayString(), out var why)) return why;
                // A type declared in a cell lives in the script's own class; its members are the cell's business.
                if (definition.ContainingNamespace is not { } ns || ns.IsGlobalNamespace) return null;
                var name = ns.ToDisplayString();
                return Allowed(name) || AllowedTypes.Contains(definition.ToDisplayString()) ? null : $"`{name}` is not among what the assignments use";
        }
        return null;
    }

    static bool Allowed(string ns) =>
        Exact.Contains(ns) || Trees.Any(t => ns == t || ns.StartsWith(t + ".", StringComparison.Ordinal));
}
