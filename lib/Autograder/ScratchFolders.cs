using System.Diagnostics;

namespace Autograder;

/// <summary>The folders submissions run in: one per batch under the system's temporary folder, one per submission
/// inside it, all removed at the end, and what a killed batch left behind removed at the next start.</summary>
/// <remarks>A batch holds an exclusive lock on a file beside its folder for as long as it runs; a folder whose lock
/// nobody holds belongs to a batch that was killed, so the next batch deletes it (batches that run at the same time
/// keep theirs). A file made undeletable (<c>chattr +i</c>, possible for code running as root outside a sandbox) is
/// made deletable again first.</remarks>
sealed class ScratchFolders : IDisposable
{
    const string Prefix = "run-";

    readonly FileStream lockFile;
    int next;

    ScratchFolders(string root, string folder, FileStream lockFile)
    {
        Root = root;
        Folder = folder;
        this.lockFile = lockFile;
    }

    /// <summary>Where every batch's folder lives.</summary>
    public string Root { get; }

    /// <summary>This batch's folder.</summary>
    public string Folder { get; }

    /// <summary>The folders left by killed batches that were removed when this one started.</summary>
    public List<string> Removed { get; } = [];

    public static ScratchFolders Open(string? root = null)
    {
        root ??= Path.Combine(Path.GetTempPath(), "autograder");
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                       | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var id = $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}";
        var folder = Path.Combine(root, id);
        var held = new FileStream(folder + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        Directory.CreateDirectory(folder);
        var scratch = new ScratchFolders(root, folder, held);
        scratch.RemoveStale();
        return scratch;
    }

    /// <summary>A new empty folder for one submission.</summary>
    public string NewFolder()
    {
        var path = Path.Combine(Folder, Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(path);
        return path;
    }

    void RemoveStale()
    {
        foreach (var dir in Directory.EnumerateDirectories(Root, Prefix + "*"))
        {
            if (dir == Folder) continue;
            var lockPath = dir + ".lock";
            try
            {
                // Opening the lock exclusively succeeds only when the batch that held it has ended.
                using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)) { }
            }
            catch (IOException)
            {
                continue;
            }
            if (Delete(dir)) Removed.Add(dir);
            try { File.Delete(lockPath); } catch (IOException) { }
        }
    }

    /// <summary>Deletes a folder and everything in it, without following links; true when it is gone.</summary>
    public static bool Delete(string path)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (attempt == 0 && OperatingSystem.IsLinux()) ClearImmutable(path);
            }
        }
        return !Directory.Exists(path);
    }

    /// <summary>Removes the immutable and append-only attributes, which block deletion even for root.</summary>
    static void ClearImmutable(string path)
    {
        try
        {
            using var chattr = Process.Start(new ProcessStartInfo("chattr", ["-R", "-f", "-i", "-a", path])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            });
            chattr?.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no chattr: nothing could have set the attributes either
        }
    }

    public void Dispose()
    {
        Delete(Folder);
        lockFile.Dispose();
        try { File.Delete(Folder + ".lock"); } catch (IOException) { }
    }
}
