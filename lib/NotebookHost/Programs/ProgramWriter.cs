using System.Text;
using Course.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NotebookHost.Programs;

/// <summary>Turns a notebook into a .NET file-based program (<c>dotnet run lesson.cs</c>) that runs the same cells
/// without a notebook tool: the prose as comments, the parameters read from the command line, and each cell's last
/// expression shown (charts written as HTML files, tables printed as text) by the course library's
/// <c>NotebookProgram</c>.</summary>
/// <remarks>
/// <para>Cells are C# script submissions; a program is one method body. The differences are bridged here and nowhere
/// else: <c>using</c> directives move to the top of the file, the <c>#r</c> line of the course package becomes a
/// <c>#:project</c> reference to the course library, a cell's trailing expression (which a notebook displays) is
/// passed to <c>Show</c>, and the whole body runs inside one <c>try</c>, so that a failed claim or an unanswered
/// question ends the program with a message that names the line. Any other magic command is an error: a program has
/// no kernel to run it.</para>
/// <para>Written by hand because no kept tool converts .NET Interactive notebooks into file-based programs (Jupyter's
/// nbconvert "script" exporter writes cells one after another, which does not compile as C#).</para>
/// </remarks>
public static class ProgramWriter
{
    /// <summary>The variable through which the generated code reaches <c>NotebookProgram</c>.</summary>
    public const string RunVariable = "run";

    /// <summary>Where the programs of a notebooks folder go, relative to it.</summary>
    public const string ProgramsFolder = "programs";

    const string PackageReference = "#r \"nuget: Autoencoders,";
    static readonly CSharpParseOptions Script = new(LanguageVersion.Preview, kind: SourceCodeKind.Script);

    /// <summary>The notebooks of <paramref name="notebooksFolder"/> that have a program, each with the program's
    /// path: the lessons at the folder's top level become <c>programs/&lt;name&gt;.cs</c>, and the student versions of
    /// the assignments (wherever they are) <c>programs/assignments/&lt;name&gt;.cs</c>. Instructor versions, which hold
    /// the solutions and hidden tests, have none.</summary>
    public static IReadOnlyList<(string Notebook, string Program)> Plan(string notebooksFolder)
    {
        var folder = Path.GetFullPath(notebooksFolder);
        var programs = Path.Combine(folder, ProgramsFolder);
        var plan = new List<(string, string)>();
        foreach (var notebook in Directory.EnumerateFiles(folder, "*.ipynb").Order(StringComparer.Ordinal))
            if (AssignmentVersion(notebook) is null)
                plan.Add((notebook, Path.Combine(programs, Path.GetFileNameWithoutExtension(notebook) + ".cs")));
        foreach (var notebook in Directory.EnumerateFiles(folder, "*.ipynb", SearchOption.AllDirectories)
                     .Order(StringComparer.Ordinal))
            if (AssignmentVersion(notebook) == "student")
                plan.Add((notebook, Path.Combine(programs, "assignments", Path.GetFileNameWithoutExtension(notebook) + ".cs")));
        return plan;
    }

    /// <summary>Writes every program of <see cref="Plan"/> and removes programs whose notebook is gone. Returns the
    /// programs written.</summary>
    public static IReadOnlyList<string> WriteAll(string notebooksFolder)
    {
        var plan = Plan(notebooksFolder);
        foreach (var (notebook, program) in plan)
            AtomicFile.Replace(program, Encoding.UTF8.GetBytes(Write(notebook, program)));
        foreach (var stale in Stale(notebooksFolder, plan)) File.Delete(stale);
        return plan.Select(p => p.Program).ToList();
    }

    /// <summary>The differences between the committed programs and what <see cref="WriteAll"/> would write now:
    /// one line per program that is missing, differs, or has no notebook. Empty when they are up to date.</summary>
    public static IReadOnlyList<string> Check(string notebooksFolder)
    {
        var plan = Plan(notebooksFolder);
        var problems = new List<string>();
        foreach (var (notebook, program) in plan)
        {
            var expected = Write(notebook, program);
            if (!File.Exists(program)) problems.Add($"{program}: missing (written from {notebook}).");
            else if (File.ReadAllText(program).ReplaceLineEndings("\n") != expected)
                problems.Add($"{program}: differs from what {notebook} gives now.");
        }
        problems.AddRange(Stale(notebooksFolder, plan).Select(s => $"{s}: no notebook writes it any more."));
        return problems;
    }

    static IEnumerable<string> Stale(string notebooksFolder, IReadOnlyList<(string Notebook, string Program)> plan)
    {
        var programs = Path.Combine(Path.GetFullPath(notebooksFolder), ProgramsFolder);
        if (!Directory.Exists(programs)) return [];
        var planned = plan.Select(p => p.Program).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFiles(programs, "*.cs", SearchOption.AllDirectories).Where(f => !planned.Contains(f)).ToList();
    }

    /// <summary>The program text for <paramref name="notebookPath"/>, to be saved at <paramref name="programPath"/>
    /// (which fixes the relative path of the course library's project).</summary>
    /// <exception cref="InvalidDataException">A cell cannot become program code; the message names the notebook and
    /// the cell.</exception>
    public static string Write(string notebookPath, string programPath)
    {
        var notebook = NotebookFile.Read(notebookPath);
        var name = Path.GetFileNameWithoutExtension(programPath);
        var root = RepositoryRoot.Find([Path.GetDirectoryName(Path.GetFullPath(notebookPath))])
                   ?? throw new InvalidDataException($"{notebookPath}: not inside the course repository ({RepositoryRoot.Marker} not found above it).");
        var library = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(programPath))!,
            Path.Combine(root, "lib", "Autoencoders", "Autoencoders.csproj")).Replace('\\', '/');
        var relativeNotebook = Path.GetRelativePath(root, notebookPath).Replace('\\', '/');
        var relativeProgram = Path.GetRelativePath(root, programPath).Replace('\\', '/');

        var usings = new List<string>(CourseNamespaces.Usings);
        var body = new StringBuilder();
        var index = 0;
        foreach (var cell in notebook.Cells)
        {
            index++;
            string Where() => $"{notebookPath}, cell {index} (\"{cell.FirstLine}\")";
            if (cell.Kind == CellKind.Markdown)
            {
                body.AppendLine(Comment(cell.Source));
                body.AppendLine();
                continue;
            }
            if (cell.Language != "csharp")
                throw new InvalidDataException($"{Where()}: a {cell.Language} cell; a C# program holds only C# cells.");
            var code = Code(cell, Where, usings);
            if (code.Length == 0) continue;
            // A test's names are its own: in a notebook the next test may declare them again, in a program each test
            // is a block.
            if (cell.FirstLine.TrimStart().StartsWith("// TEST ", StringComparison.Ordinal)
                || cell.FirstLine.TrimStart().StartsWith("// HIDDEN TEST ", StringComparison.Ordinal))
                code = "{\n" + string.Join('\n', code.Split('\n').Select(l => l.Length == 0 ? l : "    " + l)) + "\n}";
            body.AppendLine(code);
            body.AppendLine();
        }

        var text = new StringBuilder();
        text.AppendLine($"#:project {library}");
        foreach (var property in Properties(student: AssignmentVersion(notebookPath) == "student"))
            text.AppendLine($"#:property {property}");
        text.AppendLine($"// Generated from {relativeNotebook}: edit the notebook, not this file, and write the programs again with");
        text.AppendLine("//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks");
        text.AppendLine($"// Run it from the course folder: dotnet run {relativeProgram} -- --mode quick");
        text.AppendLine($"// (--mode full for the lecture's settings, --param name=value for any parameter, --help for more).");
        text.AppendLine();
        foreach (var line in usings.Distinct(StringComparer.Ordinal)) text.AppendLine(line);
        text.AppendLine();
        text.AppendLine($"var {RunVariable} = NotebookProgram.Start(args, \"{name}\");");
        text.AppendLine("try");
        text.AppendLine("{");
        foreach (var line in body.ToString().TrimEnd().Split('\n'))
            text.AppendLine(line.Length == 0 ? "" : "    " + line);
        text.AppendLine("}");
        text.AppendLine("catch (Exception error)");
        text.AppendLine("{");
        text.AppendLine($"    return {RunVariable}.Stop(error);");
        text.AppendLine("}");
        text.AppendLine($"return {RunVariable}.End();");
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>The build settings a program needs beyond the course's own (Directory.Build.props).</summary>
    /// <remarks>A file-based program is built for native AOT by default, and even <c>dotnet run</c> then switches off
    /// code generation at run time, which ML.NET needs to read data. The style rules of the course's projects are for
    /// its library; a lesson's code is laid out for reading in cells. A student's version compiles as the notebook
    /// kernel compiles it, without nullable warnings and with warnings as warnings: unanswered placeholders such as
    /// <c>char answer = '?';</c> are meant to be there.</remarks>
    static IEnumerable<string> Properties(bool student)
    {
        yield return "PublishAot=false";
        yield return "EnforceCodeStyleInBuild=false";
        if (!student) yield break;
        yield return "Nullable=disable";
        yield return "TreatWarningsAsErrors=false";
    }

    /// <summary>A code cell as program statements; its <c>using</c> directives are added to <paramref name="usings"/>.</summary>
    static string Code(Cell cell, Func<string> where, List<string> usings)
    {
        var source = cell.Source.ReplaceLineEndings("\n").TrimEnd();
        if (source.TrimStart().StartsWith(PackageReference, StringComparison.Ordinal)) return "";
        var magic = source.Split('\n').FirstOrDefault(l => l.StartsWith("#r", StringComparison.Ordinal) || l.StartsWith("#!", StringComparison.Ordinal)
            || l.StartsWith("#i", StringComparison.Ordinal));
        if (magic is not null)
            throw new InvalidDataException($"{where()}: the magic command '{magic}' has no meaning in a program.");

        var tree = CSharpSyntaxTree.ParseText(source, Script);
        var unit = (CompilationUnitSyntax)tree.GetRoot();
        if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            throw new InvalidDataException($"{where()}: does not parse as C# ({error}).");
        if (unit.Members.Any(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax))
            throw new InvalidDataException($"{where()}: declares a type; a program's statements cannot (declare it in the course library).");
        if (unit.DescendantNodes().OfType<VariableDeclaratorSyntax>().Any(v => v.Identifier.Text == RunVariable)
            || unit.DescendantNodes().OfType<LocalFunctionStatementSyntax>().Any(f => f.Identifier.Text == RunVariable))
            throw new InvalidDataException($"{where()}: declares '{RunVariable}', the name a program keeps for itself.");

        // Edits from the end, so that earlier positions stay valid.
        var edits = new List<(int Start, int End, string Text)>();
        foreach (var directive in unit.Usings)
        {
            usings.Add(directive.WithoutTrivia().ToFullString() + TrailingComment(directive));
            edits.Add((directive.FullSpan.Start, directive.FullSpan.End, ""));
        }
        if (unit.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax last }
            && last.SemicolonToken.IsMissing)
        {
            edits.Add((last.Expression.Span.End, last.Expression.Span.End, ");"));
            edits.Add((last.Expression.Span.Start, last.Expression.Span.Start, $"{RunVariable}.Show("));
        }
        if (cell.Tags.Contains(ParameterCell.Tag)) edits.AddRange(Parameters(unit));

        var text = new StringBuilder(source);
        foreach (var (start, end, replacement) in edits.OrderByDescending(e => e.Start).ThenByDescending(e => e.End))
            text.Remove(start, end - start).Insert(start, replacement);
        var result = text.ToString().Trim('\n');
        if (cell.Tags.Contains(ParameterCell.Tag)) result += $"\n{RunVariable}.ParametersRead();";
        return result;
    }

    /// <summary>Each declaration of the parameters cell reads its value through <c>run.Parameter</c>, with the
    /// notebook's value as the default (so that defaults computed from <c>mode</c> follow the command line).</summary>
    static IEnumerable<(int, int, string)> Parameters(CompilationUnitSyntax unit)
    {
        // In a script, a top-level declaration parses as a field; as a statement, when it has a modifier it cannot.
        foreach (var member in unit.Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            if (declaration is null) continue;
            var type = declaration.Type;
            foreach (var variable in declaration.Variables)
            {
                if (variable.Initializer is not { Value: var value }) continue;
                // A collection expression has no type of its own: name the declared one.
                var typeArgument = type is ArrayTypeSyntax or GenericNameSyntax ? $"<{type}>" : "";
                yield return (value.Span.Start, value.Span.End,
                    $"{RunVariable}.Parameter{typeArgument}(\"{variable.Identifier.Text}\", {value})");
            }
        }
    }

    static string TrailingComment(SyntaxNode node) =>
        node.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)) is { } c && c != default
            ? " " + c.ToString()
            : "";

    /// <summary>Markdown as line comments, kept line for line.</summary>
    static string Comment(string markdown) => string.Join("\n",
        markdown.ReplaceLineEndings("\n").TrimEnd().Split('\n').Select(l => l.Length == 0 ? "//" : "// " + l.TrimEnd()));

    static string? AssignmentVersion(string notebook)
    {
        try
        {
            return (string?)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(notebook))?["metadata"]?["assignment"]?["version"];
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
