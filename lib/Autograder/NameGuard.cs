using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Autograder;

/// <summary>Finds the names a student's code takes over from the tests: a test that calls <c>Claim.That</c> proves
/// nothing if the student's cells declared their own <c>Claim</c> that never fails.</summary>
/// <remarks>Tests run in the same kernel as the student's code (they have to: they examine the student's model), and in
/// a notebook a later declaration hides an earlier one. So before running, grading reads the student's cells with the
/// C# parser: every name they declare at the top level (types, methods, variables, aliases), every extension method,
/// and every top-level name they assign, is compared with the names each test uses. A test that uses one of them is
/// not run and scores nothing, with the name in the feedback. Names the solution itself declares (the answers the
/// tests examine) are of course allowed.</remarks>
sealed class NameGuard
{
    static readonly CSharpParseOptions Script = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    readonly HashSet<string> allowed;

    /// <summary>The types the solution declares for its top-level variables and methods' results (where it writes
    /// one out), by name.</summary>
    readonly Dictionary<string, string> types = new(StringComparer.Ordinal);

    /// <summary>Allows what the solution declares.</summary>
    public NameGuard(Assignment assignment)
    {
        allowed = assignment.Cells.Where(c => c.Role == CellRole.Answer)
            .SelectMany(c => Declared(Parse(c.Source)).Names).ToHashSet(StringComparer.Ordinal);
        foreach (var cell in assignment.Cells.Where(c => c.Role == CellRole.Answer))
            foreach (var (name, type) in DeclaredTypes(Parse(cell.Source)))
                if (!type.IsVar) types.TryAdd(name, type.ToString());
    }

    /// <summary>The student's cells with each declaration of a name the solution declares with a written-out type
    /// given that type: a class <c>Yes</c> whose <c>==</c> always holds, returned where the solution returns an
    /// <c>int</c>, then no longer compiles (or converts to a real <c>int</c>, whose value the tests check).</summary>
    /// <param name="plan">The cells to run.</param>
    /// <param name="changed">The declarations that were given the solution's type, for the feedback.</param>
    public List<GradedCell> EnforceTypes(IReadOnlyList<GradedCell> plan, out List<string> changed)
    {
        var list = new List<string>();
        var result = plan.Select(cell =>
        {
            if (cell.Role != CellRole.Answer || types.Count == 0) return cell;
            var root = Parse(cell.Code);
            var edits = new List<(TextSpan Span, string Type, string Name, string Was)>();
            foreach (var (name, type) in DeclaredTypes(root))
                if (types.TryGetValue(name, out var expected) && type.ToString() != expected)
                    edits.Add((type.Span, expected, name, type.ToString()));
            if (edits.Count == 0) return cell;
            var text = new System.Text.StringBuilder(cell.Code);
            foreach (var edit in edits.OrderByDescending(e => e.Span.Start))
            {
                text.Remove(edit.Span.Start, edit.Span.Length).Insert(edit.Span.Start, edit.Type);
                list.Add($"`{edit.Name}` ({edit.Was} → {edit.Type})");
            }
            return cell with { Code = text.ToString() };
        }).ToList();
        changed = list;
        return result;
    }

    /// <summary>The written type of each top-level variable and method result a cell declares.</summary>
    static IEnumerable<(string Name, TypeSyntax Type)> DeclaredTypes(CompilationUnitSyntax root)
    {
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case MethodDeclarationSyntax m: yield return (m.Identifier.ValueText, m.ReturnType); break;
                case PropertyDeclarationSyntax p: yield return (p.Identifier.ValueText, p.Type); break;
                case FieldDeclarationSyntax f:
                    foreach (var v in f.Declaration.Variables) yield return (v.Identifier.ValueText, f.Declaration.Type);
                    break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                    foreach (var v in local.Declaration.Variables) yield return (v.Identifier.ValueText, local.Declaration.Type);
                    break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function }:
                    yield return (function.Identifier.ValueText, function.ReturnType);
                    break;
            }
        }
    }

    /// <summary>The suffix a student's name gets when it would hide one the tests use.</summary>
    public const string RenameSuffix = "__yours";

    /// <summary>The plan with the student's cells rewritten so that the tests see the names they mean.</summary>
    /// <remarks>A name the student declares (a class <c>Claim</c>, a method, a variable, an alias, an extension
    /// method) that a test also uses is renamed consistently in all of the student's cells: their code behaves as
    /// before, and the tests bind to the real thing. A name the student only assigns (<c>mode = "quick"</c>) cannot
    /// be renamed away, so the tests that use it are not run and score nothing, with the reason.</remarks>
    /// <param name="plan">The cells to run.</param>
    /// <param name="renamed">The names that were renamed, for the feedback.</param>
    public List<GradedCell> Protect(IReadOnlyList<GradedCell> plan, out List<string> renamed)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var extensions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in plan.Where(c => c.Role == CellRole.Answer))
        {
            var root = Parse(cell.Code);
            var (names, extensionMethods) = Declared(root);
            declared.UnionWith(names.Where(n => !allowed.Contains(n)));
            assigned.UnionWith(Assigned(root).Where(n => !allowed.Contains(n)));
            extensions.UnionWith(extensionMethods.Where(n => !allowed.Contains(n)));
        }
        assigned.ExceptWith(declared);

        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var usedMembers = new HashSet<string>(StringComparer.Ordinal);
        var unsafeTests = new Dictionary<GradedCell, List<string>>();
        foreach (var test in plan.Where(c => c.IsTest))
        {
            var root = Parse(test.Code);
            var own = Declared(root).Names.Concat(Locals(root)).ToHashSet(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var text = name.Identifier.ValueText;
                if (IsMemberName(name)) usedMembers.Add(text);
                else if (!own.Contains(text)) names.Add(text);
            }
            usedNames.UnionWith(names);
            var clashes = names.Where(assigned.Contains).Order(StringComparer.Ordinal).ToList();
            if (clashes.Count > 0) unsafeTests[test] = clashes;
        }

        var rename = declared.Where(usedNames.Contains).Concat(extensions.Where(usedMembers.Contains))
            .ToHashSet(StringComparer.Ordinal);
        var renameMembers = extensions.Where(usedMembers.Contains).ToHashSet(StringComparer.Ordinal);
        renamed = [.. rename.Order(StringComparer.Ordinal)];
        return plan.Select(cell =>
        {
            if (cell.Role == CellRole.Answer && rename.Count > 0)
                return cell with { Code = Rename(cell.Code, rename, renameMembers) };
            if (unsafeTests.TryGetValue(cell, out var names))
                return cell with
                {
                    NotRunBecause = $"not run: your code assigns {string.Join(", ", names.Select(n => $"`{n}`"))}, which this test relies on; leave it as it was given.",
                };
            return cell;
        }).ToList();
    }

    /// <summary>Renames every occurrence of <paramref name="names"/> in one cell, except where the name is a member of
    /// something else (<c>x.Count</c>, <c>A.B.Claim</c>) and not one of the student's extension methods.</summary>
    static string Rename(string code, HashSet<string> names, HashSet<string> members)
    {
        var root = Parse(code);
        var edits = root.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken) && names.Contains(t.ValueText))
            .Where(t => t.Parent is not SimpleNameSyntax simple || !IsMemberName(simple) || members.Contains(t.ValueText))
            .OrderByDescending(t => t.SpanStart);
        var text = new System.Text.StringBuilder(code);
        foreach (var token in edits) text.Insert(token.Span.End, RenameSuffix);
        return text.ToString();
    }

    static bool IsMemberName(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name
        || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name
        || name.Parent is MemberBindingExpressionSyntax
        || name.Parent is AliasQualifiedNameSyntax alias && alias.Name == name;

    static CompilationUnitSyntax Parse(string code)
    {
        // Magic commands (#r "nuget: ...", #!time) are the kernel's, not C#; blanking them keeps positions.
        var lines = code.Split('\n').Select(l => l.TrimStart().StartsWith('#') ? new string(' ', l.Length) : l);
        return (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(string.Join('\n', lines), Script).GetRoot();
    }

    /// <summary>Top-level names a cell declares, and the extension methods it declares anywhere.</summary>
    static (List<string> Names, List<string> Extensions) Declared(CompilationUnitSyntax root)
    {
        var names = new List<string>();
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case BaseTypeDeclarationSyntax type: names.Add(type.Identifier.ValueText); break;
                case DelegateDeclarationSyntax d: names.Add(d.Identifier.ValueText); break;
                case MethodDeclarationSyntax m: names.Add(m.Identifier.ValueText); break;
                case PropertyDeclarationSyntax p: names.Add(p.Identifier.ValueText); break;
                case FieldDeclarationSyntax f: names.AddRange(f.Declaration.Variables.Select(v => v.Identifier.ValueText)); break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                    names.AddRange(local.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function }:
                    names.Add(function.Identifier.ValueText);
                    break;
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }:
                    // var (a, b) = ...; and out var x at the top level declare script variables too.
                    names.AddRange(statement.DescendantNodes().OfType<SingleVariableDesignationSyntax>()
                        .Where(d => !d.Ancestors().Any(a => a is LambdaExpressionSyntax))
                        .Select(d => d.Identifier.ValueText));
                    break;
            }
        }
        names.AddRange(root.Usings.Where(u => u.Alias is not null).Select(u => u.Alias!.Name.Identifier.ValueText));
        var extensions = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) == true)
            .Select(m => m.Identifier.ValueText).ToList();
        return (names, extensions);
    }

    /// <summary>Simple names a cell assigns anywhere (x = ..., x += ..., x++): a student may not reassign what the
    /// tests rely on either.</summary>
    static IEnumerable<string> Assigned(CompilationUnitSyntax root)
    {
        foreach (var node in root.DescendantNodes())
        {
            var target = node switch
            {
                AssignmentExpressionSyntax a => a.Left,
                PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PostIncrementExpression) || p.IsKind(SyntaxKind.PostDecrementExpression) => p.Operand,
                PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression) => p.Operand,
                _ => null,
            };
            if (target is not IdentifierNameSyntax id) continue;
            // An assignment to a variable or parameter of the enclosing method or lambda changes only that.
            var scope = node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax
                or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);
            if (scope is not null && Locals(scope).Contains(id.Identifier.ValueText)) continue;
            yield return id.Identifier.ValueText;
        }
    }

    /// <summary>Every name a test declares for itself, anywhere in it (its own variables may share a student's name).</summary>
    static IEnumerable<string> Locals(SyntaxNode root) =>
        root.DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText)
            .Concat(root.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.ValueText))
            .Concat(root.DescendantNodes().OfType<ParameterSyntax>().Select(p => p.Identifier.ValueText))
            .Concat(root.DescendantNodes().OfType<ForEachStatementSyntax>().Select(f => f.Identifier.ValueText));
}
