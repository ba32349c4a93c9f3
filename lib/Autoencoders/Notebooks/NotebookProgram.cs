using System.Diagnostics;
using System.Globalization;
using System.Text;
using Autoencoders.Charts;
using Autoencoders.Native;
using Course.Shared;
using Microsoft.Data.Analysis;
using Plotly.NET;
using TorchSharp;

namespace Autoencoders.Notebooks;

/// <summary>What a notebook needs from its surroundings when it runs as a C# program (<c>dotnet run lesson.cs</c>)
/// instead of in a notebook editor: its parameters from the command line, and somewhere to show what a cell's last
/// expression would have shown.</summary>
/// <remarks>
/// <para>The course's programs are generated from the notebooks (see <c>notebooks/programs/</c>), so that a learner
/// without a notebook tool runs the same lesson, with the same parameters and claims. The generated code calls this
/// class in four places: <see cref="Start"/> first, <see cref="Parameter{T}"/> for each line of the parameters cell,
/// <see cref="Show"/> where a cell ends with an expression, and <see cref="End"/> or <see cref="Stop"/> last.</para>
/// <para>The command line has the notebook runner's names: <c>--mode quick|full</c> and <c>--param name=value</c>, plus
/// <c>--out DIR</c> for the charts. A chart becomes a self-contained HTML file (plotly.js inlined, so it opens offline);
/// a table or any other value is printed as text.</para>
/// </remarks>
public sealed class NotebookProgram
{
    readonly string name;
    readonly string? mode;
    readonly Dictionary<string, string> values;
    readonly HashSet<string> declared = [];
    readonly List<string> charts = [];
    readonly TextWriter output;

    NotebookProgram(string name, string? mode, Dictionary<string, string> values, string outDirectory, TextWriter output)
    {
        this.name = name;
        this.mode = mode;
        this.values = values;
        OutDirectory = outDirectory;
        this.output = output;
    }

    /// <summary>The folder the charts are written to.</summary>
    public string OutDirectory { get; }

    /// <summary>The charts written so far, in order.</summary>
    public IReadOnlyList<string> Charts => charts;

    /// <summary>The command line's help.</summary>
    public static string Usage(string name) => $"""
        usage: dotnet run notebooks/programs/.../{name}.cs -- [options]
          --mode quick|full     quick: small subsets and few epochs, minutes in all; full: the lecture's settings
                                (default: the AUTOENCODERS_MODE environment variable, else full)
          --param name=value    set one of the parameters listed at the top of the program (repeatable)
          --out DIR             where the charts are written as HTML files
                                (default: artifacts/programs/{name} in the course folder)
          --help                this text
        Exit code: 0 when every cell ran and every claim held, 1 when one did not, 2 for a usage error.
        """;

    /// <summary>Reads the command line and prepares TorchSharp. A usage error prints the usage and ends the process
    /// with exit code 2; <c>--help</c> prints it and ends with 0.</summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="name">The notebook's name, for the usage and the default chart folder.</param>
    public static NotebookProgram Start(string[] args, string name)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? mode = null, outDirectory = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : UsageError(name, $"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--mode":
                    mode = Value();
                    if (mode is not ("quick" or "full")) UsageError(name, $"--mode is quick or full, not '{mode}'.");
                    break;
                case "--param":
                    var pair = Value();
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) UsageError(name, $"--param expects name=value, got '{pair}'.");
                    values[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--out":
                    outDirectory = Path.GetFullPath(Value());
                    break;
                case "--help" or "-h":
                    Console.WriteLine(Usage(name));
                    Environment.Exit(0);
                    break;
                default:
                    UsageError(name, $"unknown argument '{args[i]}'.");
                    break;
            }
        }
        outDirectory ??= Path.Combine(RepositoryRoot.Find([Environment.CurrentDirectory]) ?? Environment.CurrentDirectory,
            "artifacts", "programs", name);
        TorchNative.EnsureLoaded();
        Console.OutputEncoding = Encoding.UTF8;
        return new NotebookProgram(name, mode, values, outDirectory, Console.Out);
    }

    /// <summary>A parameter's value: the one given on the command line (<c>--mode</c> for <c>mode</c>,
    /// <c>--param name=value</c> for any), else <paramref name="value"/>, the notebook's default.</summary>
    /// <remarks>Strings, numbers, booleans, enums and arrays of those (comma-separated: <c>--param sizes=2,8,32</c>)
    /// can be given. A value that does not fit the type is a usage error.</remarks>
    public T Parameter<T>(string name, T value)
    {
        declared.Add(name);
        var text = name == "mode" && mode is not null && !values.ContainsKey(name) ? mode
            : values.TryGetValue(name, out var given) ? given : null;
        if (text is null) return value;
        try
        {
            return (T)Parse(typeof(T), text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return UsageError<T>(this.name, $"parameter '{name}' is a {TypeName(typeof(T))}; '{text}' is not one.");
        }
    }

    /// <summary>Called after the parameters: a <c>--param</c> that names no parameter is a usage error that lists the
    /// parameters there are.</summary>
    public void ParametersRead()
    {
        var unknown = values.Keys.Where(k => !declared.Contains(k)).ToList();
        if (unknown.Count > 0)
            UsageError(name, $"no parameter named {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                $"the parameters are: {string.Join(", ", declared)}.");
    }

    /// <summary>Shows what a notebook shows for a cell's last expression: a chart is written to
    /// <see cref="OutDirectory"/> as an HTML file, a table is printed as aligned text, anything else as its text.</summary>
    public void Show(object? value)
    {
        switch (value)
        {
            case null:
                return;
            case GenericChart chart:
                var title = ChartTitle(chart);
                var file = Path.Combine(OutDirectory, $"{charts.Count + 1:00}-{Slug(title ?? "chart")}.html");
                AtomicFile.Replace(file, Encoding.UTF8.GetBytes(ChartExport.ToSelfContainedHtml(chart)));
                charts.Add(file);
                output.WriteLine($"[chart {charts.Count}: {title ?? "untitled"} → {file}]");
                return;
            case DataFrame table:
                output.WriteLine(TableText(table));
                return;
            case torch.Tensor tensor:
                output.WriteLine($"Tensor [{string.Join(", ", tensor.shape)}], {tensor.dtype}");
                if (tensor.numel() <= 10_000) output.WriteLine(tensor.ToString(torch.numpy));
                return;
            default:
                output.WriteLine(value);
                return;
        }
    }

    /// <summary>Ends a run that stopped at an exception: says where and why, and returns exit code 1.</summary>
    public int Stop(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var line = new StackTrace(error, fNeedFileInfo: true).GetFrames()
            .Where(f => f.GetFileName() is { } file && Path.GetFileNameWithoutExtension(file) == name)
            .Select(f => f.GetFileLineNumber()).FirstOrDefault();
        var where = line > 0 ? $" at line {line} of {name}.cs" : "";
        Console.Error.WriteLine();
        Console.Error.WriteLine(error is ClaimFailedException
            ? $"Stopped{where}: a claim of the lesson does not hold. {error.Message}"
            : $"Stopped{where}: {error.GetType().Name}: {error.Message}");
        if (error is NotImplementedException)
            Console.Error.WriteLine("This answer is not written yet: write your code where the program says " +
                "// YOUR ANSWER HERE, then run it again.");
        else if (error is not ClaimFailedException)
            Console.Error.WriteLine(error.StackTrace);
        ListCharts();
        return 1;
    }

    /// <summary>Ends a run in which every cell ran: lists the charts written and returns exit code 0.</summary>
    public int End()
    {
        ListCharts();
        output.WriteLine($"{name}: done.");
        return 0;
    }

    void ListCharts()
    {
        if (charts.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"{charts.Count} chart(s) written to {OutDirectory}; open them in a browser:");
        foreach (var chart in charts) output.WriteLine("  " + Path.GetFileName(chart));
    }

    static object Parse(Type type, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var array = Array.CreateInstance(element, parts.Length);
            for (var i = 0; i < parts.Length; i++) array.SetValue(Parse(element, parts[i]), i);
            return array;
        }
        if (type == typeof(string)) return text;
        if (type.IsEnum) return Enum.Parse(type, text, ignoreCase: true);
        if (type == typeof(bool)) return bool.Parse(text);
        return Convert.ChangeType(text, type, invariant);
    }

    static string TypeName(Type type) => type.IsArray ? $"list of {TypeName(type.GetElementType()!)} (comma-separated)"
        : Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 or TypeCode.Int64 => "whole number",
            TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "number",
            TypeCode.Boolean => "true or false",
            _ => type.Name,
        };

    static string? ChartTitle(GenericChart chart)
    {
        var layout = System.Text.Json.Nodes.JsonNode.Parse(GenericChart.toFigureJson(chart))?["layout"];
        var title = layout?["title"];
        return (title?["text"] ?? title) is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= 50) break;
        }
        return slug.ToString().Trim('-') is { Length: > 0 } s ? s : "chart";
    }

    /// <summary>A table as aligned text: numbers right-aligned, text left-aligned, every row (lessons' tables are
    /// short; DataFrame's own text stops at 25 rows and pads every column to the same width).</summary>
    internal static string TableText(DataFrame table)
    {
        var columns = table.Columns.ToList();
        var rows = new List<string[]>();
        for (long r = 0; r < table.Rows.Count; r++)
            rows.Add(columns.Select(c => Format(c[r])).ToArray());
        var widths = columns.Select((c, i) => Math.Max(c.Name.Length, rows.Count == 0 ? 0 : rows.Max(row => row[i].Length)))
            .ToArray();
        var numeric = columns.Select(c => c.DataType != typeof(string) && c.DataType != typeof(bool)).ToArray();
        string Line(IEnumerable<string> cells) => string.Join("  ",
            cells.Select((text, i) => numeric[i] ? text.PadLeft(widths[i]) : text.PadRight(widths[i]))).TrimEnd();
        var text = new StringBuilder();
        text.AppendLine(Line(columns.Select(c => c.Name)));
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) text.AppendLine(Line(row));
        return text.ToString().TrimEnd();
    }

    static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    static string UsageError(string name, string message) => UsageError<string>(name, message);

    static T UsageError<T>(string name, string message)
    {
        Console.Error.WriteLine($"{name}: {message}");
        Console.Error.WriteLine(Usage(name));
        Environment.Exit(2);
        return default!;
    }
}
