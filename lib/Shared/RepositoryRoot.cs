namespace Course.Shared;

/// <summary>Finds the course repository's root folder (the one holding <see cref="Marker"/>) from wherever code runs.
/// </summary>
/// <remarks>Notebooks run in their own folder, tests in their <c>bin/</c> folder, programs from anywhere: no fixed
/// relative path works for all, so the folders above each start are searched. One source file, compiled into the
/// course library (for its data folder) and the notebook host (for the grader's data and package feed).</remarks>
static class RepositoryRoot
{
    /// <summary>The file that marks the repository root.</summary>
    public const string Marker = "Course.sln";

    /// <summary>The first folder holding <see cref="Marker"/> at or above any of <paramref name="starts"/> (tried in
    /// order; null or empty entries are skipped) that also satisfies <paramref name="accept"/>, or null.</summary>
    public static string? Find(IEnumerable<string?> starts, Func<string, bool>? accept = null)
    {
        foreach (var start in starts)
        {
            if (string.IsNullOrEmpty(start)) continue;
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, Marker)) && (accept is null || accept(dir.FullName)))
                    return dir.FullName;
        }
        return null;
    }

    /// <summary>The root above this program or the working directory; throws with what was searched.</summary>
    public static string Locate() =>
        Find([AppContext.BaseDirectory, Environment.CurrentDirectory])
        ?? throw new DirectoryNotFoundException(
            $"The course repository (a folder holding {Marker}) was not found above '{AppContext.BaseDirectory}' " +
            $"or '{Environment.CurrentDirectory}'. Run the course's programs from inside a clone of the repository.");
}
