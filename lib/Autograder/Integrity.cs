using System.Security.Cryptography;
using System.Text;

namespace Autograder;

/// <summary>Fingerprints of everything one submission could change for the next: the grader's own files, the course
/// package handed to workers (in the feed and, if already extracted, in the NuGet cache), and the instructor version
/// as read at the start (kept in memory, never read again). Taken at the start and compared before each submission.
/// </summary>
/// <remarks>A difference means that something outside grading's control changed a shared file (a submission that got
/// out of its sandbox, or a run without one); grading the rest of the batch would then score them with altered code, so
/// the batch stops with the file's name instead.</remarks>
sealed class Integrity
{
    readonly Dictionary<string, string> hashes;
    readonly IReadOnlyList<(string Folder, string Name)> folders;
    readonly Func<string> assignment;

    Integrity(IReadOnlyList<(string Folder, string Name)> folders, Func<string> assignment)
    {
        this.folders = folders;
        this.assignment = assignment;
        hashes = Take();
    }

    /// <summary>Fingerprints the grader's folder, the course package's files and the assignment.</summary>
    /// <param name="repoRoot">The repository, whose <c>artifacts/feed</c> holds the course package.</param>
    /// <param name="packages">The NuGet cache.</param>
    /// <param name="assignment">The instructor version in memory.</param>
    public static Integrity Take(string repoRoot, string packages, Assignment assignment)
    {
        var list = new List<(string, string)>
        {
            (Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), "the grader's folder"),
            (Path.Combine(repoRoot, "artifacts", "feed"), "the course package feed"),
        };
        var feed = Path.Combine(repoRoot, "artifacts", "feed");
        if (Directory.Exists(feed))
        {
            foreach (var nupkg in Directory.EnumerateFiles(feed, "*.nupkg"))
            {
                // Autoencoders.1.0.0-local.123.nupkg is extracted to <cache>/autoencoders/1.0.0-local.123/.
                var name = Path.GetFileNameWithoutExtension(nupkg);
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                if (dot <= 0) continue;
                var extracted = Path.Combine(packages, name[..dot].ToLowerInvariant(), name[(dot + 1)..].ToLowerInvariant());
                if (Directory.Exists(extracted)) list.Add((extracted, "the course package in the NuGet cache"));
            }
        }
        return new Integrity(list, () => assignment.Notebook.ToJsonString());
    }

    /// <summary>The first file that differs from the start (changed, added or removed), in words; null when none.</summary>
    public string? FirstDifference()
    {
        var now = Take();
        foreach (var (file, hash) in hashes)
        {
            if (!now.TryGetValue(file, out var current)) return $"{file} was removed";
            if (current != hash) return $"{file} was changed";
        }
        var added = now.Keys.FirstOrDefault(k => !hashes.ContainsKey(k));
        return added is null ? null : $"{added} was added";
    }

    Dictionary<string, string> Take()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["the instructor version read at the start"] = Hash(Encoding.UTF8.GetBytes(assignment())),
        };
        foreach (var (folder, _) in folders)
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions
            {
                RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false,
            }))
            {
                if (new FileInfo(file).LinkTarget is not null)
                {
                    result[file] = "link:" + new FileInfo(file).LinkTarget;
                    continue;
                }
                try
                {
                    using var stream = File.OpenRead(file);
                    result[file] = Convert.ToHexString(SHA256.HashData(stream));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    result[file] = "unreadable";
                }
            }
        }
        return result;
    }

    static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
