using Course.Shared;

namespace Autoencoders.Data;

/// <summary>Finds the course's bundled <c>data/</c> folder from wherever the code runs.</summary>
/// <remarks>Notebooks run with their own folder as working directory (<c>notebooks/</c>, <c>notebooks/assignments/</c>),
/// tests from their <c>bin/</c> folder and console programs from anywhere, so no fixed relative path works for all.
/// The folder is found, in this order, from the <see cref="EnvironmentVariable"/>, then by walking up from the working
/// directory and from this library's location to the folder holding <c>Course.sln</c>.</remarks>
internal static class DataFolder
{
    /// <summary>Environment variable that points at a data folder explicitly (it overrides the search).</summary>
    public const string EnvironmentVariable = "AUTOENCODERS_DATA";

    /// <summary>The file that marks the repository root.</summary>
    public const string RootMarker = RepositoryRoot.Marker;

    /// <summary>The bundled data folder, or <c>null</c> when none can be found (for example when the library is used
    /// outside the course repository).</summary>
    public static string? TryLocate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        return FindAbove(Environment.CurrentDirectory, AppContext.BaseDirectory,
            Path.GetDirectoryName(typeof(DataFolder).Assembly.Location));
    }

    /// <summary>The <c>data</c> folder next to the first <see cref="RootMarker"/> above any of the start folders.</summary>
    internal static string? FindAbove(params string?[] starts) =>
        RepositoryRoot.Find(starts, root => Directory.Exists(Path.Combine(root, "data"))) is { } root
            ? Path.Combine(root, "data") : null;

    /// <summary>The bundled data folder; throws with instructions when it cannot be found.</summary>
    public static string Locate() => TryLocate() ?? throw new DirectoryNotFoundException(
        $"The course's data folder was not found: no folder above '{Environment.CurrentDirectory}' or " +
        $"'{AppContext.BaseDirectory}' holds {RootMarker} and data/. Run from inside the course repository, set the " +
        $"environment variable {EnvironmentVariable} to the data folder, or pass the dataset's folder explicitly.");
}
