using System.Buffers.Binary;
using System.Diagnostics;
using Autoencoders.Native;
using Course.Shared;
using TorchSharp;

namespace Autoencoders.Tests.Native;

public class TorchNativeTests
{
    [Fact]
    public void TorchSharp_runs_a_matrix_product_after_the_fix()
    {
        var report = TorchNative.EnsureLoaded();
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 4);
        using var c = a.matmul(b);
        Assert.Equal(3f, c[1, 2].item<float>());
        if (OperatingSystem.IsLinux()) Assert.Contains(report.Preloaded, p => p.EndsWith("libtorch_cpu.so"));
    }

    /// <summary>The packaged LibTorchSharp as shipped, whatever a previous run did to the cached copy.</summary>
    static ElfLibrary Unpatched()
    {
        var bytes = File.ReadAllBytes(ElfLibraryTests.PackagedLibTorchSharp);
        var marker = ElfLibrary.Read(ElfLibraryTests.PackagedLibTorchSharp).Requirements.Single(r => r.Version == "GLIBCXX_3.4.32");
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(marker.FlagsOffset));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(marker.FlagsOffset), (ushort)(flags & ~ElfLibrary.VersionFlagWeak));
        var path = Path.Combine(Directory.CreateTempSubdirectory("elf-").FullName, "libLibTorchSharp.so");
        File.WriteAllBytes(path, bytes);
        return ElfLibrary.Read(path);
    }

    static IReadOnlySet<string> Versions(params string[] names) => names.ToHashSet();

    static readonly string[] Debian12Libstdcxx = Enumerable.Range(0, 31).Select(i => $"GLIBCXX_3.4.{i}")
        .Append("GLIBCXX_3.4").Concat(Enumerable.Range(0, 14).Select(i => $"CXXABI_1.3.{i}")).Append("CXXABI_1.3").ToArray();

    [Fact]
    public void Nothing_is_patched_where_the_system_has_every_version()
    {
        if (!OperatingSystem.IsLinux()) return;
        var elf = Unpatched();
        var plan = TorchNative.PlanPatch(elf, _ => Versions([.. Debian12Libstdcxx, "GLIBCXX_3.4.31", "GLIBCXX_3.4.32",
            .. elf.Requirements.Where(r => r.File != "libstdc++.so.6").Select(r => r.Version)]));
        Assert.Empty(plan);
    }

    [Fact]
    public void Only_the_marker_version_is_made_weak_on_a_Debian_12_libstdcxx()
    {
        if (!OperatingSystem.IsLinux()) return;
        var elf = Unpatched();
        var plan = TorchNative.PlanPatch(elf, file => file == "libstdc++.so.6" ? Versions(Debian12Libstdcxx) : null);
        var only = Assert.Single(plan);
        Assert.Equal("GLIBCXX_3.4.32", only.Version);
    }

    [Fact]
    public void A_missing_version_that_real_functions_need_is_an_error_not_a_patch()
    {
        if (!OperatingSystem.IsLinux()) return;
        var elf = Unpatched();
        var older = Debian12Libstdcxx.Where(v => v != "GLIBCXX_3.4.30").ToArray();
        var e = Assert.Throws<DllNotFoundException>(() =>
            TorchNative.PlanPatch(elf, file => file == "libstdc++.so.6" ? Versions(older) : null));
        Assert.Contains("GLIBCXX_3.4.30", e.Message);
        Assert.Contains("libstdc++", e.Message);
    }

    [Fact]
    public void Concurrent_atomic_replacements_leave_one_whole_file_and_no_temporaries()
    {
        var folder = Directory.CreateTempSubdirectory("atomic-").FullName;
        var target = Path.Combine(folder, "lib.so");
        File.WriteAllBytes(target, new byte[1000]);
        var content = Enumerable.Range(0, 2_000_000).Select(i => (byte)(i * 7)).ToArray();

        Parallel.For(0, 16, _ => AtomicFile.Replace(target, content));

        Assert.Equal(content, File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_system_libtorch_on_the_library_path_does_not_replace_the_packaged_one()
    {
        if (!OperatingSystem.IsLinux()) return;
        // Decoys named like libtorch's libraries (really zlib) that the dynamic loader would find first by name:
        // LD_LIBRARY_PATH is searched before a library's own RUNPATH.
        var decoys = Directory.CreateTempSubdirectory("system-libtorch-").FullName;
        var zlib = new[] { "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib64/libz.so.1" }
            .First(File.Exists);
        foreach (var name in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
            File.Copy(zlib, Path.Combine(decoys, name));
        if (Directory.Exists("/usr/lib/x86_64-linux-gnu") && File.Exists("/usr/lib/x86_64-linux-gnu/libtorch.so"))
            decoys += ":/usr/lib/x86_64-linux-gnu"; // Debian's own libtorch, when installed, joins the decoys.

        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TorchLoadCheck.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["LD_LIBRARY_PATH"] = decoys;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("sum: 24", output);
        var loaded = output.Split('\n').Where(l => l.StartsWith("loaded: ")).ToList();
        Assert.Contains(loaded, l => l.EndsWith("/libc10.so"));
        Assert.All(loaded, l => Assert.StartsWith("loaded: " + AppContext.BaseDirectory.TrimEnd('/'), l));
    }
}
