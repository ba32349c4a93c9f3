namespace Autoencoders.Data;

/// <summary>A dataset file is neither on disk nor downloadable right now (offline, server error, downloads
/// disabled).</summary>
/// <remarks>The message always says which file to put where, because on a classroom machine without internet copying
/// the file by hand is the fix. <see cref="ExpectedPath"/> is that place.</remarks>
public sealed class DatasetUnavailableException : IOException
{
    /// <summary>Creates the exception with a message that already contains the remedy.</summary>
    public DatasetUnavailableException(string message, string expectedPath, Exception? inner = null)
        : base(message, inner) => ExpectedPath = expectedPath;

    /// <summary>Where the missing file is expected; putting it there by hand makes the next load work.</summary>
    public string ExpectedPath { get; }
}
