using System.Globalization;

namespace Autograder;

/// <summary>Limits on a submission's whole process tree through Linux control groups: memory (swap included) and the
/// number of tasks, with the peak memory and out-of-memory kills read back, and every process in the group ended at the
/// end.</summary>
/// <remarks>Watching the worker's own resident size misses what its child processes hold; a cgroup counts them all,
/// and the kernel enforces the limit. Both cgroup layouts are handled: v2 (one tree, <c>memory.max</c>) and v1
/// (a tree per controller, <c>memory.limit_in_bytes</c>). Creating groups needs root (or a delegated tree);
/// <see cref="TryCreate"/> returns null where that is not possible, and the caller falls back to watching the worker.
/// </remarks>
sealed class ProcessLimits : IDisposable
{
    const string Root = "/sys/fs/cgroup";

    readonly string? memory;
    readonly string? pids;
    readonly bool v2;

    ProcessLimits(string? memory, string? pids, bool v2)
    {
        this.memory = memory;
        this.pids = pids;
        this.v2 = v2;
    }

    /// <summary>The folders the worker is moved into.</summary>
    public IReadOnlyList<string> Folders => new[] { memory, pids }.OfType<string>().Distinct().ToList();

    /// <summary>Whether memory is limited here (otherwise only the worker's resident size can be watched).</summary>
    public bool LimitsMemory => memory is not null;

    /// <summary>Whether the number of tasks is limited here.</summary>
    public bool LimitsTasks => pids is not null;

    /// <summary>Groups for one submission with the given limits, or null when this system offers none.</summary>
    public static ProcessLimits? TryCreate(string name, long memoryBytes, int tasks)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(Root)) return null;
        try
        {
            if (File.Exists(Path.Combine(Root, "cgroup.controllers")))
            {
                var controllers = File.ReadAllText(Path.Combine(Root, "cgroup.subtree_control"));
                if (!controllers.Contains("memory") || !controllers.Contains("pids")) return null;
                var folder = Path.Combine(Root, name);
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "memory.max"), Number(memoryBytes));
                TryWrite(Path.Combine(folder, "memory.swap.max"), "0");
                File.WriteAllText(Path.Combine(folder, "pids.max"), Number(tasks));
                return new ProcessLimits(folder, folder, v2: true);
            }
            string? memory = null, pids = null;
            if (Directory.Exists(Path.Combine(Root, "memory")))
            {
                memory = Path.Combine(Root, "memory", name);
                Directory.CreateDirectory(memory);
                File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), Number(memoryBytes));
                TryWrite(Path.Combine(memory, "memory.memsw.limit_in_bytes"), Number(memoryBytes));
            }
            if (Directory.Exists(Path.Combine(Root, "pids")))
            {
                pids = Path.Combine(Root, "pids", name);
                Directory.CreateDirectory(pids);
                File.WriteAllText(Path.Combine(pids, "pids.max"), Number(tasks));
            }
            return memory is null && pids is null ? null : new ProcessLimits(memory, pids, v2: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes the groups of grading runs that were killed (named <c>autograder-PID-N</c> after a grader
    /// process that no longer exists), ending what is left in them.</summary>
    public static void RemoveStale()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(Root)) return;
        var parents = new[] { Root, Path.Combine(Root, "memory"), Path.Combine(Root, "pids") }.Where(Directory.Exists);
        foreach (var parent in parents)
        {
            IEnumerable<string> groups;
            try { groups = Directory.EnumerateDirectories(parent, "autograder-*").ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var group in groups)
            {
                var parts = Path.GetFileName(group).Split('-');
                if (parts.Length < 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var owner) || Alive(owner)) continue;
                using var stale = new ProcessLimits(group, null, v2: parent == Root);
                stale.Dispose();
            }
        }
    }

    static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>The most memory the whole tree used so far, in MB.</summary>
    public double PeakMegabytes
    {
        get
        {
            if (memory is null) return 0;
            var text = Read(v2 ? "memory.peak" : "memory.max_usage_in_bytes") ?? Read(v2 ? "memory.current" : "memory.usage_in_bytes");
            return long.TryParse(text?.Trim(), CultureInfo.InvariantCulture, out var bytes) ? bytes / (1024.0 * 1024.0) : 0;
        }
    }

    /// <summary>How many processes the kernel ended for running out of the group's memory.</summary>
    public int OutOfMemoryKills
    {
        get
        {
            var text = Read(v2 ? "memory.events" : "memory.oom_control") ?? "";
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal));
            return line is not null && int.TryParse(line[9..].Trim(), CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
    }

    /// <summary>Whether the group ever refused a new task for being at its limit.</summary>
    public bool HitTaskLimit
    {
        get
        {
            if (pids is null) return false;
            var text = File.Exists(Path.Combine(pids, "pids.events")) ? File.ReadAllText(Path.Combine(pids, "pids.events")) : "";
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("max ", StringComparison.Ordinal));
            return line is not null && int.TryParse(line[4..].Trim(), CultureInfo.InvariantCulture, out var n) && n > 0;
        }
    }

    /// <summary>The processes left in the groups.</summary>
    public List<int> Processes() => Folders
        .SelectMany(f => File.Exists(Path.Combine(f, "cgroup.procs")) ? File.ReadAllLines(Path.Combine(f, "cgroup.procs")) : [])
        .Select(l => int.TryParse(l, CultureInfo.InvariantCulture, out var pid) ? pid : 0).Where(p => p > 0).Distinct().ToList();

    /// <summary>Ends every process in the groups and removes them.</summary>
    public void Dispose()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var left = Processes();
            if (left.Count == 0) break;
            if (v2) TryWrite(Path.Combine(memory!, "cgroup.kill"), "1");
            foreach (var pid in left)
            {
                try { System.Diagnostics.Process.GetProcessById(pid).Kill(); }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
            }
            Thread.Sleep(100);
        }
        foreach (var folder in Folders)
        {
            try { Directory.Delete(folder); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    string? Read(string file)
    {
        var path = Path.Combine(memory!, file);
        try { return File.Exists(path) ? File.ReadAllText(path) : null; }
        catch (IOException) { return null; }
    }

    static void TryWrite(string path, string text)
    {
        try { if (File.Exists(path)) File.WriteAllText(path, text); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
