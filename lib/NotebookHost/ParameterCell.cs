using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookHost;

/// <summary>Overrides a notebook's parameters, papermill-style: the cell tagged <c>parameters</c> declares them with
/// their defaults, and the runner replaces the values it is given.</summary>
/// <remarks>Unlike papermill, which appends a cell of overrides after the parameters cell, the declarations are
/// rewritten in place. That way defaults computed from other parameters in the same cell
/// (<c>int epochs = mode == "quick" ? 2 : 50;</c>) follow the injected <c>mode</c>.</remarks>
public static partial class ParameterCell
{
    /// <summary>The Jupyter cell tag that marks the parameters cell.</summary>
    public const string Tag = "parameters";

    /// <summary>The parameter that the programs' <c>--mode quick|full</c> sets, where a notebook declares it.</summary>
    public const string ModeParameter = "mode";

    /// <summary>Rewrites the parameters cell of <paramref name="cells"/> with <paramref name="values"/>.</summary>
    /// <param name="cells">The notebook's cells; the parameters cell is replaced.</param>
    /// <param name="values">Parameter values by name.</param>
    /// <param name="optional">Names that are set only where the notebook declares them (the run mode applies to a
    /// whole folder of notebooks, some of which may have nothing to choose).</param>
    /// <returns>The names that were set.</returns>
    /// <exception cref="ArgumentException">A value names no parameter, does not fit its type, or the notebook has no
    /// parameters cell. The message lists the parameters the notebook does have.</exception>
    public static IReadOnlyList<string> Inject(List<Cell> cells, IReadOnlyDictionary<string, string> values,
        IReadOnlySet<string>? optional = null)
    {
        optional ??= new HashSet<string>();
        var index = cells.FindIndex(c => c.Kind == CellKind.Code && c.Tags.Contains(Tag));
        var required = values.Keys.Where(k => !optional.Contains(k)).ToList();
        if (index < 0)
        {
            if (required.Count == 0) return [];
            throw new ArgumentException(
                $"the notebook has no parameters cell (a code cell tagged \"{Tag}\"), so {string.Join(", ", required)} cannot be set.");
        }

        var cell = cells[index];
        var declared = Declarations().Matches(cell.Source).ToDictionary(m => m.Groups["name"].Value);
        var source = cell.Source;
        var set = new List<string>();
        foreach (var (name, value) in values)
        {
            if (!declared.TryGetValue(name, out var match) && optional.Contains(name)) continue;
            if (match is null)
                throw new ArgumentException(
                    $"the notebook has no parameter '{name}'; its parameters are: {string.Join(", ", declared.Keys)}.");
            var literal = Literal(match.Groups["type"].Value, match.Groups["value"].Value.Trim(), name, value);
            source = Declaration(name).Replace(source, m => m.Groups["head"].Value + literal + ";", 1);
            set.Add(name);
        }
        cells[index] = cell with { Source = source };
        return set;
    }

    /// <summary>The C# literal for <paramref name="value"/> given the declared type (or, for <c>var</c>, the type
    /// of the default it replaces).</summary>
    static string Literal(string type, string defaultValue, string name, string value)
    {
        var kind = type switch
        {
            "string" => "string",
            "bool" => "bool",
            "int" or "long" or "double" or "float" or "decimal" => type,
            "var" when defaultValue.StartsWith('"') => "string",
            "var" when defaultValue is "true" or "false" => "bool",
            "var" when defaultValue.Contains('.') || defaultValue.Contains('e') => "double",
            "var" => "int",
            _ => "string",
        };
        var invariant = CultureInfo.InvariantCulture;
        return kind switch
        {
            "string" => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            "bool" when bool.TryParse(value, out var b) => b ? "true" : "false",
            "int" or "long" when long.TryParse(value, NumberStyles.Integer, invariant, out var l) => l.ToString(invariant),
            "double" or "decimal" when double.TryParse(value, NumberStyles.Float, invariant, out var d) =>
                d.ToString("R", invariant) + (kind == "decimal" ? "m" : ""),
            "float" when float.TryParse(value, NumberStyles.Float, invariant, out var f) => f.ToString("R", invariant) + "f",
            _ => throw new ArgumentException($"parameter '{name}' is a {kind}; '{value}' is not a valid {kind}."),
        };
    }

    [GeneratedRegex(@"^[ \t]*(?<type>[A-Za-z_][\w.<>\[\]?]*)[ \t]+(?<name>[A-Za-z_]\w*)[ \t]*=[ \t]*(?<value>[^;\r\n]*);", RegexOptions.Multiline)]
    private static partial Regex Declarations();

    static Regex Declaration(string name) =>
        new($@"^(?<head>[ \t]*[A-Za-z_][\w.<>\[\]?]*[ \t]+{Regex.Escape(name)}[ \t]*=[ \t]*)[^;\r\n]*;", RegexOptions.Multiline);
}
