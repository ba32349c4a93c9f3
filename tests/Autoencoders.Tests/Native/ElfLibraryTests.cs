using Autoencoders.Native;

namespace Autoencoders.Tests.Native;

public class ElfLibraryTests
{
    /// <summary>The LibTorchSharp shipped with the TorchSharp package, as restored for this test run.</summary>
    internal static string PackagedLibTorchSharp
    {
        get
        {
            var version = typeof(TorchSharp.torch).Assembly.GetName().Version!;
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(root, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}", "runtimes",
                "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    [Fact]
    public void Reads_soname_needed_libraries_and_version_requirements_of_LibTorchSharp()
    {
        if (!OperatingSystem.IsLinux()) return;
        var elf = ElfLibrary.Read(PackagedLibTorchSharp);

        Assert.Equal("libLibTorchSharp.so", elf.Soname);
        Assert.Equal(["libtorch.so", "libc10.so", "libtorch_cpu.so", "libstdc++.so.6"], elf.Needed.Take(4));
        var marker = Assert.Single(elf.Requirements, r => r.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", marker.File);
        Assert.Equal(["_ZSt21ios_base_library_initv"], marker.Symbols);
        Assert.Contains(elf.Requirements, r => r is { File: "libc.so.6", Version: "GLIBC_2.2.5" });
    }

    [Fact]
    public void Making_a_requirement_weak_changes_only_its_flag_bytes()
    {
        if (!OperatingSystem.IsLinux()) return;
        var elf = ElfLibrary.Read(PackagedLibTorchSharp);
        var marker = elf.Requirements.Single(r => r.Version == "GLIBCXX_3.4.32");
        var original = File.ReadAllBytes(PackagedLibTorchSharp);

        var patched = elf.WithWeakRequirements([marker]);

        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.True(changed.All(i => i == marker.FlagsOffset || i == marker.FlagsOffset + 1));
        var copy = Path.Combine(Path.GetTempPath(), $"elf-{Guid.NewGuid():N}.so");
        try
        {
            File.WriteAllBytes(copy, patched);
            Assert.True(ElfLibrary.Read(copy).Requirements.Single(r => r.Version == "GLIBCXX_3.4.32").IsWeak);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void Non_elf_files_are_refused_with_the_file_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-elf-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "just text, not a library");
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => ElfLibrary.Read(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
