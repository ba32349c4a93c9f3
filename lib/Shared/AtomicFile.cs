namespace Course.Shared;

/// <summary>Replaces a file so that readers see either the old or the new content, never a mix.</summary>
/// <remarks>The new content goes to a uniquely named file in the same folder, is flushed to disk, and is then renamed
/// over the target (atomic on every file system the course supports). Concurrent writers each rename a complete file;
/// a crash leaves at most a stray temporary file, never a truncated target. One source file, compiled into the course
/// library and the notebook host (which must not load the course library into its own process).</remarks>
static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically, creating its folder.</summary>
    public static void Replace(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows() && File.Exists(path))
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void Replace(string path, string text) => Replace(path, new System.Text.UTF8Encoding(false).GetBytes(text));
}
