using System.Buffers.Binary;
using System.Text;

namespace Autoencoders.Native;

/// <summary>
/// The few facts the native loader needs from a 64-bit little-endian ELF shared library: its soname, the libraries it
/// needs, the symbol versions it requires from each of them and the versions it defines itself.
/// </summary>
/// <remarks>
/// Reading these directly (instead of shelling out to <c>readelf</c>) lets the loader decide, before anything is
/// loaded, whether a library can load on this system, and lets it flip one flag in a copy of the file.
/// </remarks>
internal sealed class ElfLibrary
{
    const uint ShtDynamic = 6, ShtDynsym = 11;
    const uint ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    const long DtNeeded = 1, DtSoname = 14;

    /// <summary>Set in a version requirement that the dynamic loader may ignore when the version is absent.</summary>
    public const ushort VersionFlagWeak = 0x2;

    readonly byte[] bytes;

    ElfLibrary(string path, byte[] bytes)
    {
        Path = path;
        this.bytes = bytes;
    }

    /// <summary>The file this was read from.</summary>
    public string Path { get; }

    /// <summary>The library's DT_SONAME, the name other libraries' DT_NEEDED entries match.</summary>
    public string? Soname { get; private set; }

    /// <summary>The DT_NEEDED entries, in file order.</summary>
    public IReadOnlyList<string> Needed { get; private set; } = [];

    /// <summary>Symbol versions required from other libraries (the .gnu.version_r section).</summary>
    public IReadOnlyList<VersionRequirement> Requirements { get; private set; } = [];

    /// <summary>Symbol versions this library defines (the .gnu.version_d section), e.g. GLIBCXX_3.4.30.</summary>
    public IReadOnlySet<string> DefinedVersions { get; private set; } = new HashSet<string>();

    /// <summary>Reads the library at <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the
    /// file when it is not a 64-bit little-endian ELF file.</summary>
    public static ElfLibrary Read(string path)
    {
        var lib = new ElfLibrary(path, File.ReadAllBytes(path));
        lib.Parse();
        return lib;
    }

    /// <summary>Returns the file's bytes with the weak flag set on the given requirements; nothing else changes.</summary>
    public byte[] WithWeakRequirements(IEnumerable<VersionRequirement> requirements)
    {
        var copy = (byte[])bytes.Clone();
        foreach (var r in requirements)
        {
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(r.FlagsOffset));
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(r.FlagsOffset), (ushort)(flags | VersionFlagWeak));
        }
        return copy;
    }

    void Parse()
    {
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F')
            throw new InvalidDataException($"{Path}: not an ELF file.");
        if (bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException($"{Path}: only 64-bit little-endian ELF files are supported.");

        var shoff = (long)U64(0x28);
        int shentsize = U16(0x3A), shnum = U16(0x3C);
        var sections = new List<Section>(shnum);
        for (var i = 0; i < shnum; i++)
        {
            var o = shoff + (long)i * shentsize;
            sections.Add(new Section(U32(o + 4), (long)U64(o + 24), (long)U64(o + 32), (int)U32(o + 40), (long)U64(o + 56)));
        }

        var needed = new List<string>();
        foreach (var dyn in sections.Where(s => s.Type == ShtDynamic))
        {
            var strtab = sections[dyn.Link];
            for (var o = dyn.Offset; o + 16 <= dyn.Offset + dyn.Size; o += 16)
            {
                var tag = (long)U64(o);
                if (tag == 0) break;
                var val = (long)U64(o + 8);
                if (tag == DtNeeded) needed.Add(Str(strtab, val));
                else if (tag == DtSoname) Soname = Str(strtab, val);
            }
        }
        Needed = needed;

        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vd in sections.Where(s => s.Type == ShtGnuVerdef))
        {
            var strtab = sections[vd.Link];
            var o = vd.Offset;
            while (true)
            {
                var aux = o + U32(o + 12);
                defined.Add(Str(strtab, U32(aux)));
                var next = U32(o + 16);
                if (next == 0) break;
                o += next;
            }
        }
        DefinedVersions = defined;

        var users = SymbolsByVersionIndex(sections);
        var requirements = new List<VersionRequirement>();
        foreach (var vn in sections.Where(s => s.Type == ShtGnuVerneed))
        {
            var strtab = sections[vn.Link];
            var o = vn.Offset;
            while (true)
            {
                int count = U16(o + 2);
                var file = Str(strtab, U32(o + 4));
                var a = o + U32(o + 8);
                for (var i = 0; i < count; i++)
                {
                    var flags = U16(a + 4);
                    var index = U16(a + 6);
                    var name = Str(strtab, U32(a + 8));
                    requirements.Add(new VersionRequirement(file, name, (flags & VersionFlagWeak) != 0, (int)(a + 4),
                        users.TryGetValue(index, out var s) ? s : []));
                    a += U32(a + 12);
                }
                var next = U32(o + 12);
                if (next == 0) break;
                o += next;
            }
        }
        Requirements = requirements;
    }

    /// <summary>Undefined dynamic symbols grouped by the version index they are bound to.</summary>
    Dictionary<int, List<string>> SymbolsByVersionIndex(List<Section> sections)
    {
        var result = new Dictionary<int, List<string>>();
        var dynsym = sections.FirstOrDefault(s => s.Type == ShtDynsym);
        var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        if (dynsym is null || versym is null) return result;
        var strtab = sections[dynsym.Link];
        var count = dynsym.Size / 24;
        for (long i = 1; i < count; i++)
        {
            var sym = dynsym.Offset + i * 24;
            if (U16(sym + 6) != 0) continue; // defined here, not a requirement
            var index = U16(versym.Offset + i * 2) & 0x7fff;
            if (index < 2) continue;
            if (!result.TryGetValue(index, out var list)) result[index] = list = [];
            list.Add(Str(strtab, U32(sym)));
        }
        return result;
    }

    string Str(Section strtab, long offset)
    {
        var start = strtab.Offset + offset;
        var end = start;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
    }

    ushort U16(long o) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)o, 2));
    uint U32(long o) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)o, 4));
    ulong U64(long o) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)o, 8));

    sealed record Section(uint Type, long Offset, long Size, int Link, long EntrySize);
}

/// <summary>One symbol version a library needs from another, e.g. GLIBCXX_3.4.32 from libstdc++.so.6.</summary>
/// <param name="File">The library the version must come from (a DT_NEEDED name).</param>
/// <param name="Version">The version name.</param>
/// <param name="IsWeak">Whether the dynamic loader tolerates the version being absent.</param>
/// <param name="FlagsOffset">Where the requirement's flags live in the file.</param>
/// <param name="Symbols">The undefined symbols bound to this version.</param>
internal sealed record VersionRequirement(string File, string Version, bool IsWeak, int FlagsOffset, IReadOnlyList<string> Symbols);
