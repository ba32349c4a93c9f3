using System.Buffers.Binary;
using System.IO.Compression;

namespace Autoencoders.Tests.Data;

/// <summary>Builds small IDX files in memory.</summary>
static class IdxFiles
{
    public static byte[] Build(byte type, int[] shape, byte[] data)
    {
        using var stream = new MemoryStream();
        stream.Write([0, 0, type, (byte)shape.Length]);
        Span<byte> dim = stackalloc byte[4];
        foreach (var d in shape)
        {
            BinaryPrimitives.WriteInt32BigEndian(dim, d);
            stream.Write(dim);
        }
        stream.Write(data);
        return stream.ToArray();
    }

    public static byte[] Images(int count, int rows = 2, int cols = 3) =>
        Build(0x08, [count, rows, cols], Enumerable.Range(0, count * rows * cols).Select(i => (byte)(i * 7 % 256)).ToArray());

    public static byte[] Labels(params byte[] labels) => Build(0x08, [labels.Length], labels);

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(content);
        return output.ToArray();
    }
}
