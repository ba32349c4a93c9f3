namespace Autoencoders.Data;

/// <summary>A data file exists but cannot be used: wrong format, truncated, corrupt or inconsistent.</summary>
/// <remarks>Learners meet this far from the code that opened the file, so the message always names the file (and the
/// line, for text formats) and says what to do; <see cref="FilePath"/> and <see cref="Line"/> let code react too.</remarks>
public sealed class DataFormatException : IOException
{
    /// <summary>Creates the exception; the message is prefixed with the file (and line) so it is never lost.</summary>
    public DataFormatException(string filePath, string problem, long? line = null, Exception? inner = null)
        : base(Compose(filePath, problem, line), inner)
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line of a text file where the problem was found, if it applies.</summary>
    public long? Line { get; }

    static string Compose(string filePath, string problem, long? line) =>
        line is { } l ? $"{filePath}, line {l}: {problem}" : $"{filePath}: {problem}";
}
