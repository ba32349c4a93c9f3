using System.Text;

namespace Autoencoders.Data;

/// <summary>Line-by-line reading of delimited text with the file and line number at hand for error messages.</summary>
/// <remarks>Hand-written rather than <c>DataFrame.LoadCsv</c> because the loaders must (a) read formats LoadCsv does not
/// (<c>::</c> separators, Latin-1), (b) fix column types instead of guessing them, and (c) say on which line a bad
/// value is, and because ml-25m's 25 million lines need a parser that does not allocate per field.</remarks>
sealed class TextRecords : IDisposable
{
    readonly StreamReader reader;

    public TextRecords(string path, Encoding encoding)
    {
        Path = path;
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path} does not exist.", path);
        if (info.Length == 0) throw new DataFormatException(path, "the file is empty; copy or download it again.");
        reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, 1 << 16);
    }

    public string Path { get; }

    /// <summary>1-based number of the line last returned.</summary>
    public long Line { get; private set; }

    /// <summary>The next non-blank line, or null at the end.</summary>
    public string? Next()
    {
        string? line;
        do
        {
            line = reader.ReadLine();
            Line++;
        } while (line is not null && line.Length == 0);
        return line;
    }

    public DataFormatException Error(string problem) => new(Path, problem, Line);

    /// <summary>Splits one CSV line (RFC 4180 quoting: <c>"a, b"</c>, doubled quotes inside) into fields.</summary>
    public List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw Error("a quoted field is not closed (missing \"); the file is damaged.");
        fields.Add(field.ToString());
        return fields;
    }

    public int ParseInt(ReadOnlySpan<char> text, string what)
    {
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
        throw Error($"{what} '{text}' is not a whole number.");
    }

    public long ParseLong(ReadOnlySpan<char> text, string what)
    {
        if (long.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
        throw Error($"{what} '{text}' is not a whole number.");
    }

    public float ParseRating(ReadOnlySpan<char> text)
    {
        if (float.TryParse(text.Trim(), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var value) && float.IsFinite(value))
            return value;
        throw Error($"rating '{text}' is not a number.");
    }

    public void Dispose() => reader.Dispose();
}
