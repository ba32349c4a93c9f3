using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Analysis;

namespace Autoencoders.Data;

/// <summary>Converts between arrays and DataFrame columns without going value by value through the column's
/// indexer, which costs seconds for ml-25m's 25 million ratings.</summary>
static class ColumnBuffers
{
    /// <summary>Collects values straight into the byte buffer a column is made from, so a 25-million-row column is
    /// never held twice.</summary>
    public sealed class Builder<T>(int capacity = 1024) where T : unmanaged, INumber<T>
    {
        byte[] bytes = new byte[Math.Max(1, capacity) * Unsafe.SizeOf<T>()];

        public int Count { get; private set; }

        public void Add(T value)
        {
            var size = Unsafe.SizeOf<T>();
            if ((Count + 1) * (long)size > bytes.Length)
                Array.Resize(ref bytes, (int)Math.Min((long)bytes.Length * 2, Array.MaxLength / size * (long)size));
            MemoryMarshal.Write(bytes.AsSpan(Count * size), in value);
            Count++;
        }

        public PrimitiveDataFrameColumn<T> ToColumn(string name)
        {
            var valid = new byte[(Count + 7) / 8];
            Array.Fill(valid, (byte)0xFF);
            return new PrimitiveDataFrameColumn<T>(name, bytes.AsMemory(0, Count * Unsafe.SizeOf<T>()), valid, Count, 0);
        }
    }

    public static PrimitiveDataFrameColumn<T> ToColumn<T>(string name, ReadOnlySpan<T> values)
        where T : unmanaged, INumber<T>
    {
        // The buffer constructor takes raw little-endian bytes and a validity bitmap (all set: no missing values).
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        var valid = new byte[(values.Length + 7) / 8];
        Array.Fill(valid, (byte)0xFF);
        return new PrimitiveDataFrameColumn<T>(name, bytes, valid, values.Length, 0);
    }

    /// <summary>Copies a numeric column to an array, converting its element type; names the column when a value is
    /// missing or the column does not exist.</summary>
    public static T[] ToArray<T>(DataFrame frame, string name) where T : unmanaged, INumber<T>
    {
        if (!frame.Columns.Any(c => c.Name == name))
            throw new ArgumentException(
                $"The DataFrame has no column '{name}'; it has {string.Join(", ", frame.Columns.Select(c => c.Name))}.");
        var column = frame.Columns[name];
        var result = new T[column.Length];
        switch (column)
        {
            case PrimitiveDataFrameColumn<int> ints: Fill(ints, result, name); break;
            case PrimitiveDataFrameColumn<long> longs: Fill(longs, result, name); break;
            case PrimitiveDataFrameColumn<float> floats: Fill(floats, result, name); break;
            case PrimitiveDataFrameColumn<double> doubles: Fill(doubles, result, name); break;
            default:
                throw new ArgumentException($"Column '{name}' holds {column.DataType.Name}, not numbers.");
        }
        return result;
    }

    static void Fill<TSource, T>(PrimitiveDataFrameColumn<TSource> column, T[] result, string name)
        where TSource : unmanaged, INumber<TSource> where T : unmanaged, INumber<T>
    {
        if (column.NullCount > 0)
            throw new ArgumentException($"Column '{name}' has {column.NullCount} missing values; drop those rows first.");
        long offset = 0;
        foreach (var buffer in column.GetReadOnlyDataBuffers())
        {
            var span = buffer.Span;
            for (var i = 0; i < span.Length; i++) result[offset + i] = T.CreateChecked(span[i]);
            offset += span.Length;
        }
    }
}
