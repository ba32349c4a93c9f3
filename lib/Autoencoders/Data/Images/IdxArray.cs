using System.Runtime.InteropServices;
using Autoencoders.Native;
using TorchSharp;

namespace Autoencoders.Data;

/// <summary>The element types an IDX file can declare (the third byte of its magic number).</summary>
internal enum IdxElementType : byte
{
    /// <summary>Unsigned byte: every MNIST-family file.</summary>
    UInt8 = 0x08,
    /// <summary>Signed byte.</summary>
    Int8 = 0x09,
    /// <summary>Big-endian 16-bit integer.</summary>
    Int16 = 0x0B,
    /// <summary>Big-endian 32-bit integer.</summary>
    Int32 = 0x0C,
    /// <summary>Big-endian 32-bit float.</summary>
    Float32 = 0x0D,
    /// <summary>Big-endian 64-bit float.</summary>
    Float64 = 0x0E,
}

/// <summary>The content of one IDX file: its element type, its dimensions and the elements (already converted from
/// the file's big-endian order to this machine's order).</summary>
/// <remarks>Kept separate from tensors so that the format can be checked (and reported on) before any native memory is
/// allocated, and so that images and labels get the conversions the course needs: pixels to floats in [0, 1], labels to
/// int64 as loss functions expect.</remarks>
internal sealed class IdxArray
{
    internal IdxArray(string source, IdxElementType elementType, int[] shape, byte[] data)
    {
        Source = source;
        ElementType = elementType;
        Shape = shape;
        Data = data;
    }

    /// <summary>The file this was read from, for error messages.</summary>
    public string Source { get; }

    /// <summary>The element type declared in the file.</summary>
    public IdxElementType ElementType { get; }

    /// <summary>The dimensions declared in the file, outermost first (60000, 28, 28 for MNIST training images).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of items: the first dimension.</summary>
    public int Count => Shape.Count == 0 ? 0 : Shape[0];

    /// <summary>The raw elements in this machine's byte order.</summary>
    internal byte[] Data { get; }

    /// <summary>A tensor with the file's own element type and shape (uint8 for MNIST), for uses the helpers below do
    /// not cover.</summary>
    public torch.Tensor ToTensor()
    {
        TorchNative.EnsureLoaded();
        var dims = Shape.Select(d => (long)d).ToArray();
        // torch.tensor copies typed arrays element by element, so the raw bytes are first viewed as the file's type.
        return ElementType switch
        {
            IdxElementType.UInt8 => torch.tensor(Data, dims, torch.ScalarType.Byte),
            IdxElementType.Int8 => torch.tensor(MemoryMarshal.Cast<byte, sbyte>(Data).ToArray(), dims),
            IdxElementType.Int16 => torch.tensor(MemoryMarshal.Cast<byte, short>(Data).ToArray(), dims),
            IdxElementType.Int32 => torch.tensor(MemoryMarshal.Cast<byte, int>(Data).ToArray(), dims),
            IdxElementType.Float32 => torch.tensor(MemoryMarshal.Cast<byte, float>(Data).ToArray(), dims),
            _ => torch.tensor(MemoryMarshal.Cast<byte, double>(Data).ToArray(), dims),
        };
    }

    /// <summary>Images as float32 in [0, 1] (pixel / 255): shape (N, H·W) when <paramref name="layout"/> is
    /// <see cref="ImageLayout.Flat"/> (what dense layers take), else (N, H, W).</summary>
    public torch.Tensor ToImages(ImageLayout layout = ImageLayout.Flat)
    {
        if (ElementType != IdxElementType.UInt8 || Shape.Count != 3)
            throw new DataFormatException(Source,
                $"expected images (unsigned bytes, 3 dimensions) but the file holds {ElementType} with dimensions " +
                $"({string.Join(", ", Shape)}); is this a label file?");
        using var scope = torch.NewDisposeScope();
        using var bytes = ToTensor();
        var images = bytes.to_type(torch.ScalarType.Float32).div_(255f);
        if (layout == ImageLayout.Flat) images = images.reshape(Count, (long)Shape[1] * Shape[2]);
        return images.MoveToOuterDisposeScope();
    }

    /// <summary>Labels as int64, shape (N), the type classification losses and indexing expect.</summary>
    public torch.Tensor ToLabels()
    {
        if (Shape.Count != 1)
            throw new DataFormatException(Source,
                $"expected labels (1 dimension) but the file has dimensions ({string.Join(", ", Shape)}); is this an " +
                "image file?");
        using var raw = ToTensor();
        return raw.to_type(torch.ScalarType.Int64);
    }
}
