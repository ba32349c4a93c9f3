using System.Diagnostics;
using System.Globalization;

namespace Autograder;

/// <summary>Runs a grading worker inside bubblewrap (Linux): a private view of the file system in which only the
/// system, the .NET runtime, the grader and the NuGet cache are visible, all read-only, plus the submission's own
/// empty scratch folder and a private /tmp; no network, its own process and user namespaces, and (as root) an
/// unprivileged user.</summary>
/// <remarks>Inside, the scratch folder is <see cref="ScratchInside"/> and the NuGet cache <see cref="CacheInside"/>:
/// the worker sees no host path of the instructor's, so neither the instructor's sources, the output folder, other
/// students' submissions nor the repository exist for it. The cache is a read-only fallback folder: packages the
/// worker restores (the course package, from the feed copy in its scratch folder) are extracted into its scratch
/// folder, never into the shared cache. <c>--die-with-parent</c> and the PID namespace end every process the
/// submission started, double-forked or not, when the worker is ended.</remarks>
sealed class Sandbox
{
    /// <summary>Where the submission's scratch folder appears inside the sandbox.</summary>
    public const string ScratchInside = "/grading";

    /// <summary>Where the NuGet cache appears inside the sandbox (read-only).</summary>
    public const string CacheInside = "/packages";

    /// <summary>Where the grader's folder appears inside the sandbox (read-only).</summary>
    public const string GraderInside = "/grader";

    /// <summary>The user the worker runs as when the grader runs as root (nobody).</summary>
    const int UnprivilegedId = 65534;

    readonly string bwrap;

    Sandbox(string bwrap, string packages)
    {
        this.bwrap = bwrap;
        Packages = packages;
    }

    /// <summary>The host's NuGet cache, mounted read-only.</summary>
    public string Packages { get; }

    /// <summary>Whether the grader runs as root, in which case the worker is started as an unprivileged user.</summary>
    [System.Runtime.Versioning.SupportedOSPlatformGuard("linux")]
    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>A description for feedback and the gradebook.</summary>
    public string Description => IsRoot ? "bubblewrap, as user nobody" : "bubblewrap";

    /// <summary>The sandbox, when bubblewrap is installed and works here (it needs user namespaces); null with the
    /// reason otherwise.</summary>
    public static Sandbox? Find(out string why)
    {
        why = "";
        if (!OperatingSystem.IsLinux())
        {
            why = $"grading in a sandbox needs Linux with bubblewrap; this is {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
            return null;
        }
        var bwrap = new[] { "/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap" }.FirstOrDefault(File.Exists);
        if (bwrap is null)
        {
            why = "bubblewrap is not installed (on Debian or Ubuntu: apt-get install bubblewrap)";
            return null;
        }
        var sandbox = new Sandbox(bwrap, NuGetCache());
        var folder = Directory.CreateTempSubdirectory("autograder-trial-").FullName;
        var trial = sandbox.Wrap(new ProcessStartInfo("/bin/true"), folder);
        trial.RedirectStandardError = true;
        trial.RedirectStandardOutput = true;
        try
        {
            using var process = Process.Start(trial)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) why = $"bubblewrap does not work here ({error.Trim()}); user namespaces may be disabled";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            why = $"bubblewrap could not start ({e.Message})";
        }
        finally
        {
            ScratchFolders.Delete(folder);
        }
        return why.Length == 0 ? sandbox : null;
    }

    /// <summary>The NuGet cache the grader's own restores used.</summary>
    public static string NuGetCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? Path.GetFullPath(set)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The command that runs <paramref name="worker"/> in the sandbox, with <paramref name="scratch"/> as
    /// its writable working folder. The worker's environment is replaced by a minimal one (plus the variables
    /// <paramref name="worker"/> sets).</summary>
    /// <param name="worker">The worker's command, as it would run outside.</param>
    /// <param name="scratch">The submission's own folder, writable inside.</param>
    /// <param name="cgroups">Cgroup folders to move the process into before it starts (see <see cref="ProcessLimits"/>).</param>
    /// <param name="tasks">The number of processes and threads allowed when no cgroup limits them.</param>
    public ProcessStartInfo Wrap(ProcessStartInfo worker, string scratch, IReadOnlyList<string>? cgroups = null, int? tasks = null)
    {
        // The worker writes its own files as another user: its folder must be writable for it.
        if (IsRoot) File.SetUnixFileMode(scratch, (UnixFileMode)0x1FF);
        var args = new List<string>();
        // 1. Into the submission's cgroups (if any), so that every process it starts is counted and can be ended.
        var script = string.Concat((cgroups ?? []).Select(c => $"echo $$ > '{c}/cgroup.procs' || exit 125; ")) + "exec \"$@\"";
        args.AddRange(["-c", script, "sandbox"]);
        if (tasks is { } n) args.AddRange(["/usr/bin/prlimit", $"--nproc={n}", "--"]);
        // 2. Its own view of the system: bubblewrap sets it up with the grader's rights (as root it can read the NuGet
        //    cache under /root), then, as root, hands over to an unprivileged user without any capability, so that
        //    nothing can be made undeletable, read with root's rights or signalled outside.
        args.AddRange([bwrap, "--die-with-parent", "--new-session", "--unshare-ipc", "--unshare-pid", "--unshare-net",
            "--unshare-uts", "--unshare-cgroup-try", "--hostname", "grading"]);
        if (!IsRoot) args.Add("--unshare-user");
        args.AddRange(["--ro-bind", "/usr", "/usr", "--ro-bind-try", "/etc", "/etc", "--dev", "/dev", "--proc", "/proc",
            "--perms", "1777", "--tmpfs", "/tmp"]);
        foreach (var top in new[] { "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32" })
        {
            var info = new FileInfo(top);
            if (info.LinkTarget is { } target) args.AddRange(["--symlink", target, top]);
            else if (Directory.Exists(top)) args.AddRange(["--ro-bind", top, top]);
        }
        var dotnetRoot = DotnetRoot();
        if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal))
            args.AddRange(["--perms", "0755", "--dir", dotnetRoot, "--ro-bind", dotnetRoot, dotnetRoot]);
        var grader = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        args.AddRange(["--ro-bind", grader, GraderInside]);
        if (Directory.Exists(Packages)) args.AddRange(["--ro-bind", Packages, CacheInside]);
        args.AddRange(["--bind", scratch, ScratchInside, "--chdir", ScratchInside]);
        // 3. A minimal environment: nothing of the instructor's; home and caches inside the scratch folder.
        args.Add("--clearenv");
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = $"{ScratchInside}/home",
            ["DOTNET_CLI_HOME"] = $"{ScratchInside}/home",
            ["NUGET_PACKAGES"] = $"{ScratchInside}/packages",
            ["TMPDIR"] = "/tmp",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_ROOT"] = dotnetRoot,
        };
        if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal)) environment["PATH"] = $"{dotnetRoot}:{environment["PATH"]}";
        foreach (var (key, value) in worker.Environment)
            if (value is not null && (key.StartsWith("DOTNET_GC", StringComparison.Ordinal) || key is "OMP_WAIT_POLICY" or "AUTOENCODERS_DATA" or "AUTOENCODERS_MODE"))
                environment[key] = value;
        foreach (var (key, value) in environment) args.AddRange(["--setenv", key, value]);
        if (IsRoot)
            args.AddRange(["--cap-add", "CAP_SETUID,CAP_SETGID", "--", "/usr/bin/setpriv", $"--reuid={UnprivilegedId}",
                $"--regid={UnprivilegedId}", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"]);
        args.Add("--");
        args.Add(Remap(worker.FileName, grader));
        args.AddRange(worker.ArgumentList.Select(a => Remap(a, grader)));

        var wrapped = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = worker.RedirectStandardInput,
            RedirectStandardOutput = worker.RedirectStandardOutput,
            RedirectStandardError = worker.RedirectStandardError,
            UseShellExecute = false,
            WorkingDirectory = scratch,
        };
        foreach (var arg in args) wrapped.ArgumentList.Add(arg);
        return wrapped;
    }

    /// <summary>A path in the grader's folder as the worker sees it (the grader's own program, its entry assembly).</summary>
    static string Remap(string path, string grader) =>
        path.StartsWith(grader + "/", StringComparison.Ordinal) ? GraderInside + path[grader.Length..] : path;

    /// <summary>The .NET installation: three folders above the runtime's (<c>shared/Microsoft.NETCore.App/10.x</c>).</summary>
    static string DotnetRoot() => Path.TrimEndingDirectorySeparator(Path.GetFullPath(
        Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")));

    /// <summary>The scratch folder's path as the worker sees it.</summary>
    public static string Inside(string scratch, string path) =>
        Path.Combine(ScratchInside, Path.GetRelativePath(scratch, path)).Replace('\\', '/');

    /// <summary>Bytes as a number for a limits file.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
