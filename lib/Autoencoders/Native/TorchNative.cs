using System.Runtime.InteropServices;
using Course.Shared;

namespace Autoencoders.Native;

/// <summary>
/// Makes TorchSharp's native libraries load on every machine the course supports, with no manual step.
/// </summary>
/// <remarks>
/// <para>Two things go wrong on some Linux systems, and both are fixed here before TorchSharp first touches native
/// code:</para>
/// <list type="number">
/// <item><c>libLibTorchSharp.so</c> is linked against a newer libstdc++ than, for example, Debian 12 ships. The only
/// thing it takes from that newer version is a link-time marker symbol with no code behind it, so the requirement
/// is marked optional ("weak") in the file, which the dynamic loader honours. Any other missing version is reported
/// as an error rather than patched, because it would be a real missing function.</item>
/// <item>When a system copy of libtorch (Debian's <c>libtorch-dev</c>) is on the loader's search path, or when
/// TorchSharp runs from the NuGet cache inside a notebook kernel, the wrong or no libtorch is found. Loading the
/// package's own libraries by absolute path, dependencies first, makes every later lookup by name resolve to them.</item>
/// </list>
/// <para>On Windows and macOS, and on Linux systems with a current libstdc++, nothing is patched; the preloading is
/// harmless. The patch is written to a temporary file and renamed over the original, so concurrent processes and
/// interrupted runs never see a half-written library.</para>
/// </remarks>
public static class TorchNative
{
    /// <summary>Symbols that only mark a libstdc++ version and carry no code, so their version may be made weak.</summary>
    static readonly HashSet<string> MarkerSymbols = ["_ZSt21ios_base_library_initv"];

    static readonly Lock Gate = new();
    static TorchNativeReport? loaded;

    /// <summary>Prepares and loads TorchSharp's native libraries once per process; later calls return the same
    /// report. Call it before the first TorchSharp operation (the course library and its notebook set-up do).</summary>
    public static TorchNativeReport EnsureLoaded()
    {
        lock (Gate)
        {
            return loaded ??= Load();
        }
    }

    static TorchNativeReport Load()
    {
        if (!OperatingSystem.IsLinux())
            return new TorchNativeReport(null, null, [], "TorchSharp's own loader is used on this platform.");

        var layout = NativeLayout.Locate();
        var notes = new List<string>();
        var library = PrepareLibTorchSharp(layout.TorchSharpLibrary, notes);

        var preloaded = new List<string>();
        foreach (var path in DependencyOrder(layout.LibTorchDirectory, ElfLibrary.Read(library).Needed))
        {
            Load(path);
            preloaded.Add(path);
        }
        Load(library);
        preloaded.Add(library);
        return new TorchNativeReport(layout.TorchSharpLibrary, layout.LibTorchDirectory, preloaded,
            notes.Count == 0 ? "No patch was needed." : string.Join(" ", notes));
    }

    /// <summary>Returns the path of a LibTorchSharp that can load here: the original, patched in place if needed, or
    /// a patched copy in the user's cache when the original's folder is read-only.</summary>
    static string PrepareLibTorchSharp(string path, List<string> notes)
    {
        var elf = ElfLibrary.Read(path);
        var toWeaken = PlanPatch(elf, SystemVersions);
        if (toWeaken.Count == 0) return path;

        var patched = elf.WithWeakRequirements(toWeaken);
        var what = string.Join(", ", toWeaken.Select(r => $"{r.Version} of {r.File}"));
        try
        {
            AtomicFile.Replace(path, patched);
            notes.Add($"Made {what} optional in {path}.");
            return path;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            var copy = Path.Combine(CacheDirectory(), Convert.ToHexString(
                System.Security.Cryptography.SHA256.HashData(patched))[..16], Path.GetFileName(path));
            if (!File.Exists(copy)) AtomicFile.Replace(copy, patched);
            notes.Add($"{Path.GetDirectoryName(path)} is read-only; using a copy with {what} made optional: {copy}.");
            return copy;
        }
    }

    /// <summary>Decides which version requirements of <paramref name="elf"/> must be made weak for it to load,
    /// given the versions each needed library defines on this system (null when unknown).</summary>
    /// <exception cref="DllNotFoundException">A missing version is used by real functions: no patch can help.</exception>
    internal static IReadOnlyList<VersionRequirement> PlanPatch(ElfLibrary elf, Func<string, IReadOnlySet<string>?> versionsOf)
    {
        var missing = new List<VersionRequirement>();
        foreach (var group in elf.Requirements.Where(r => !r.IsWeak).GroupBy(r => r.File))
        {
            var available = versionsOf(group.Key);
            if (available is null) continue;
            missing.AddRange(group.Where(r => !available.Contains(r.Version)));
        }
        var blocking = missing.Where(r => r.Symbols.Any(s => !MarkerSymbols.Contains(s))).ToList();
        if (blocking.Count > 0)
        {
            var detail = string.Join("; ", blocking.Select(r =>
                $"{r.Version} from {r.File} (used by {string.Join(", ", r.Symbols.Take(3))})"));
            throw new DllNotFoundException(
                $"{elf.Path} needs symbol versions this system does not provide: {detail}. " +
                "Update the system's C++ runtime (libstdc++ from GCC 13 or newer) or use a newer Linux distribution.");
        }
        return missing;
    }

    /// <summary>The versions defined by the copy of <paramref name="soname"/> this process loads, or null.</summary>
    static IReadOnlySet<string>? SystemVersions(string soname)
    {
        if (!NativeLibrary.TryLoad(soname, out _)) return null;
        var path = LoadedPath(soname);
        return path is null ? null : ElfLibrary.Read(path).DefinedVersions;
    }

    /// <summary>The file behind an already-loaded library, read from the process's memory map.</summary>
    static string? LoadedPath(string soname)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/');
            if (slash < 0) continue;
            var file = line[slash..];
            if (Path.GetFileName(file).StartsWith(soname, StringComparison.Ordinal) && File.Exists(file)) return file;
        }
        return null;
    }

    /// <summary>The libraries of <paramref name="directory"/> reachable from <paramref name="roots"/>, each after
    /// the libraries it needs, so that loading them in this order never lets the loader search for one by name.</summary>
    static List<string> DependencyOrder(string directory, IEnumerable<string> roots)
    {
        var order = new List<string>();
        var seen = new HashSet<string>();
        void Visit(string name)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path) || !seen.Add(name)) return;
            foreach (var dep in ElfLibrary.Read(path).Needed) Visit(dep);
            order.Add(path);
        }
        foreach (var root in roots) Visit(root);
        return order;
    }

    static void Load(string path)
    {
        try
        {
            NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException($"Could not load {path}: {e.Message}", e);
        }
    }

    static string CacheDirectory()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "autoencoders-course", "native");
    }
}

/// <summary>What <see cref="TorchNative.EnsureLoaded"/> found and did.</summary>
/// <param name="TorchSharpLibrary">The LibTorchSharp file TorchSharp was prepared to use (null off Linux).</param>
/// <param name="LibTorchDirectory">The folder libtorch was loaded from (null off Linux).</param>
/// <param name="Preloaded">Libraries loaded by absolute path, in load order.</param>
/// <param name="Summary">One line for a learner: what, if anything, was patched.</param>
public sealed record TorchNativeReport(string? TorchSharpLibrary, string? LibTorchDirectory,
    IReadOnlyList<string> Preloaded, string Summary);
