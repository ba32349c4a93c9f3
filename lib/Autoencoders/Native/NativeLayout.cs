using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Autoencoders.Native;

/// <summary>Where TorchSharp's native files are in this process: next to the program (a built console app or test
/// run) or in the NuGet package cache (a notebook kernel that restored TorchSharp with <c>#r "nuget: ..."</c>).</summary>
/// <param name="TorchSharpLibrary">Full path of libLibTorchSharp.</param>
/// <param name="LibTorchDirectory">Folder holding libtorch_cpu and its companions.</param>
sealed record NativeLayout(string TorchSharpLibrary, string LibTorchDirectory)
{
    const string TorchSharpFile = "libLibTorchSharp.so";
    const string LibTorchFile = "libtorch_cpu.so";

    static string Rid => RuntimeInformation.RuntimeIdentifier.StartsWith("linux-arm64", StringComparison.Ordinal)
        ? "linux-arm64" : "linux-x64";

    /// <summary>Finds both folders or throws an error that lists where it looked.</summary>
    public static NativeLayout Locate()
    {
        var torchSharp = typeof(TorchSharp.torch).Assembly;
        var managedDir = Path.GetDirectoryName(torchSharp.Location) ?? AppContext.BaseDirectory;
        var nativeSubdir = Path.Combine("runtimes", Rid, "native");

        // A built app has everything in its own folder; a NuGet-cache TorchSharp (lib/net*/TorchSharp.dll) keeps its
        // native file in the package's runtimes folder, and libtorch in a sibling package.
        var packageRoot = Path.GetFullPath(Path.Combine(managedDir, "..", ".."));
        var candidates = new List<string>
        {
            AppContext.BaseDirectory,
            Path.Combine(AppContext.BaseDirectory, nativeSubdir),
            managedDir,
            Path.Combine(packageRoot, nativeSubdir),
        };
        var torchSharpDir = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, TorchSharpFile)));

        var libTorchCandidates = new List<string>(candidates);
        libTorchCandidates.AddRange(PackageCacheCandidates(packageRoot, torchSharp, nativeSubdir));
        var libTorchDir = libTorchCandidates.FirstOrDefault(d => File.Exists(Path.Combine(d, LibTorchFile)));

        if (torchSharpDir is null || libTorchDir is null)
        {
            var missing = torchSharpDir is null ? TorchSharpFile : LibTorchFile;
            throw new DllNotFoundException(
                $"TorchSharp's native file {missing} was not found. Looked in: " +
                string.Join(", ", (torchSharpDir is null ? candidates : libTorchCandidates).Distinct()) +
                ". Reference the package TorchSharp-cpu (it brings libtorch-cpu) and restore it.");
        }
        return new NativeLayout(Path.Combine(torchSharpDir, TorchSharpFile), libTorchDir);
    }

    /// <summary>The libtorch-cpu-linux-* package folders in the NuGet cache that match this TorchSharp.</summary>
    static IEnumerable<string> PackageCacheCandidates(string torchSharpPackageRoot, Assembly torchSharp, string nativeSubdir)
    {
        var roots = new List<string> { Path.GetFullPath(Path.Combine(torchSharpPackageRoot, "..", "..")) };
        var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(configured)) roots.Add(configured);
        roots.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));

        var version = torchSharp.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0];
        foreach (var root in roots.Where(Directory.Exists).Distinct())
        {
            var libTorch = Path.Combine(root, $"libtorch-cpu-{Rid}");
            if (!Directory.Exists(libTorch)) continue;
            var wanted = version is null ? null : LibTorchVersionFor(root, version);
            var versions = wanted is not null
                ? [wanted]
                : Directory.GetDirectories(libTorch).Select(Path.GetFileName).OrderDescending().ToArray();
            foreach (var v in versions) yield return Path.Combine(libTorch, v!, nativeSubdir);
        }
    }

    /// <summary>The libtorch-cpu version that TorchSharp-cpu <paramref name="torchSharpVersion"/> depends on.</summary>
    static string? LibTorchVersionFor(string packagesRoot, string torchSharpVersion)
    {
        var nuspec = Path.Combine(packagesRoot, "torchsharp-cpu", torchSharpVersion, "torchsharp-cpu.nuspec");
        if (!File.Exists(nuspec)) return null;
        return XDocument.Load(nuspec).Descendants()
            .Where(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "libtorch-cpu")
            .Select(e => (string?)e.Attribute("version"))
            .FirstOrDefault();
    }
}
