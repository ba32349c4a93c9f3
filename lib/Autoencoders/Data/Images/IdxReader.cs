using System.Buffers.Binary;
using System.IO.Compression;

namespace Autoencoders.Data;

/// <summary>Reads IDX files, the format of MNIST, Fashion-MNIST and EMNIST, gzipped or not.</summary>
/// <remarks>Compression is recognised from the content (the gzip magic bytes), not the file name, because these files
/// are often unpacked by browsers or tools that keep or drop the <c>.gz</c> ending inconsistently. The header is
/// checked strictly and the data length must match it exactly, so a truncated download is reported rather than
/// turned into a tensor with zeros at the end.</remarks>
internal static class IdxReader
{
    /// <summary>Reads a whole IDX file.</summary>
    /// <exception cref="DataFormatException">The file is empty, not IDX, truncated, or a corrupt gzip stream.</exception>
    public static IdxArray Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (file.Length == 0)
            throw new DataFormatException(path, "the file is empty; download or copy it again.");
        var gzipped = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(stream, path, gzipped);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path,
                $"the gzip data is corrupt ({e.Message}); download or copy the file again.", inner: e);
        }
    }

    static IdxArray Read(Stream stream, string path, bool gzipped)
    {
        Span<byte> magic = stackalloc byte[4];
        if (ReadFully(stream, magic) < 4)
            throw Truncated(path, gzipped, "in the header");
        if (magic[0] != 0 || magic[1] != 0 || !Enum.IsDefined((IdxElementType)magic[2]) || magic[3] is 0 or > 8)
            throw new DataFormatException(path,
                $"this is not an IDX file: its magic number is {Convert.ToHexString(magic)}, expected 0000 followed by " +
                "a type byte (08 for unsigned bytes) and the number of dimensions (01 for labels, 03 for images).");
        var type = (IdxElementType)magic[2];
        var shape = new int[magic[3]];
        Span<byte> dimension = stackalloc byte[4];
        long count = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (ReadFully(stream, dimension) < 4) throw Truncated(path, gzipped, "in the header");
            var size = BinaryPrimitives.ReadInt32BigEndian(dimension);
            if (size < 0)
                throw new DataFormatException(path, $"dimension {i} is negative ({size}); the file is corrupt.");
            shape[i] = size;
            count *= size;
        }
        var elementSize = ElementSize(type);
        if (count * elementSize > Array.MaxLength)
            throw new DataFormatException(path,
                $"the header declares {count:N0} elements of {elementSize} bytes, more than one array can hold.");
        var data = new byte[count * elementSize];
        var read = ReadFully(stream, data);
        if (read < data.Length)
            throw Truncated(path, gzipped,
                $": the header ({string.Join(" × ", shape)}) needs {data.Length:N0} bytes of data but only {read:N0} follow");
        if (stream.ReadByte() >= 0)
            throw new DataFormatException(path,
                $"the file is longer than its header ({string.Join(" × ", shape)}) says; it is corrupt or not IDX.");
        if (elementSize > 1 && BitConverter.IsLittleEndian) SwapEndianness(data, elementSize);
        return new IdxArray(path, type, shape, data);
    }

    static DataFormatException Truncated(string path, bool gzipped, string where) => new(path,
        $"the file ends early{(where.StartsWith(':') ? where : " " + where)}; it is truncated" +
        (gzipped ? " (incomplete gzip download?)" : "") + ". Download or copy it again.");

    static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UInt8 or IdxElementType.Int8 => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Float32 => 4,
        _ => 8,
    };

    static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    static void SwapEndianness(byte[] data, int elementSize)
    {
        for (var i = 0; i < data.Length; i += elementSize)
            data.AsSpan(i, elementSize).Reverse();
    }
}
