using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Notebooks;

/// <summary>The values a graded test reads from a student's work, kept as plain data: numbers, characters, strings,
/// arrays, tensors' bytes and shapes, a model's architecture and weights, each with the exact type it had.</summary>
/// <remarks>
/// <para>An assignment's test cell has two parts, split by a <c>// CHECK</c> line. The part above it (the probe) runs
/// the student's code on inputs the test chooses and puts what came out into a <see cref="Reply"/> named
/// <c>reply</c>; the part below it (the check) compares those values with the expected ones and makes the claims.
/// In a notebook both parts run one after the other in the same kernel. Grading runs only the probe in the
/// student's process and the check elsewhere, on the reply as sent (<see cref="ToJson"/>, <see cref="FromJson"/>):
/// code in the student's process can change anything there, but it cannot make a check pass without sending the
/// values that a correct answer gives.</para>
/// <para>Values are encoded when they are added, so a check sees in a notebook exactly what it sees in grading. Each
/// read names the type it expects, and a value of any other runtime type fails the check with both names: an object
/// whose <c>==</c> always holds, sent where an <c>int</c> belongs, is not an <c>int</c>.</para>
/// </remarks>
public sealed class Reply
{
    /// <summary>The most array elements or tensor bytes a reply carries, so that a reply always fits the message that
    /// carries it; the course's largest (a 222,384-parameter model) is well below.</summary>
    public const int MaxBytes = 1536 * 1024;

    readonly JsonObject values;

    /// <summary>An empty reply, for <see cref="Add"/>.</summary>
    public Reply() => values = [];

    Reply(JsonObject values) => this.values = values;

    /// <summary>A reply holding the given named values.</summary>
    public static Reply Of(params (string Name, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var reply = new Reply();
        foreach (var (name, value) in values) reply.Add(name, value);
        return reply;
    }

    /// <summary>Adds (or replaces) a value under <paramref name="name"/>, encoded at once.</summary>
    /// <returns>This reply, to chain further adds.</returns>
    public Reply Add(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        values[name] = Encode(value);
        return this;
    }

    /// <summary>The reply as one line of JSON: what grading sends from the student's process to the check.</summary>
    public string ToJson() => values.ToJsonString();

    /// <inheritdoc/>
    public override string ToString() => ToJson();

    /// <summary>Reads a reply sent by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a reply.</exception>
    public static Reply FromJson(string json)
    {
        try
        {
            return new Reply(JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A reply is a JSON object."));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException($"Not a reply: {e.Message}", e);
        }
    }

    /// <summary>The names of the values, in the order they were added.</summary>
    public IReadOnlyList<string> Names => [.. values.Select(p => p.Key)];

    /// <summary>The full name of the runtime type the value had (<c>System.Int32</c>), or "null".</summary>
    public string TypeOf(string name) => (string?)Entry(name)["type"] ?? "null";

    /// <summary>Whether the value was null.</summary>
    public bool IsNull(string name) => Entry(name)["type"] is null;

    /// <summary>An <c>int</c> value.</summary>
    public int Int(string name) => int.Parse(Scalar(name, "an int", typeof(int)), CultureInfo.InvariantCulture);

    /// <summary>A <c>long</c> value.</summary>
    public long Long(string name) => long.Parse(Scalar(name, "a long", typeof(long)), CultureInfo.InvariantCulture);

    /// <summary>A <c>double</c> value.</summary>
    public double Double(string name) => double.Parse(Scalar(name, "a double", typeof(double)), CultureInfo.InvariantCulture);

    /// <summary>A <c>float</c> value.</summary>
    public float Float(string name) => float.Parse(Scalar(name, "a float", typeof(float)), CultureInfo.InvariantCulture);

    /// <summary>A <c>bool</c> value.</summary>
    public bool Bool(string name) => Scalar(name, "a bool", typeof(bool)) == "True";

    /// <summary>A <c>char</c> value.</summary>
    public char Char(string name) => Scalar(name, "a char", typeof(char))[0];

    /// <summary>A <c>string</c> value, or null when the value was null.</summary>
    public string? String(string name) => IsNull(name) ? null : Scalar(name, "a string", typeof(string));

    /// <summary>The elements of a sequence of numbers (an array, list or any other enumerable of <c>double</c>,
    /// <c>float</c>, <c>int</c> or <c>long</c>), as doubles.</summary>
    public double[] Numbers(string name)
    {
        var entry = Expect(name, "a sequence of numbers", e => e["numbers"] is not null);
        var bytes = Convert.FromBase64String((string)entry["numbers"]!);
        return (string?)entry["element"] switch
        {
            "System.Double" => MemoryMarshal.Cast<byte, double>(bytes).ToArray(),
            "System.Single" => [.. MemoryMarshal.Cast<byte, float>(bytes).ToArray().Select(v => (double)v)],
            "System.Int32" => [.. MemoryMarshal.Cast<byte, int>(bytes).ToArray().Select(v => (double)v)],
            _ => [.. MemoryMarshal.Cast<byte, long>(bytes).ToArray().Select(v => (double)v)],
        };
    }

    /// <summary>The elements of a sequence of <c>int</c> values.</summary>
    public int[] Ints(string name)
    {
        var entry = Expect(name, "a sequence of int", e => (string?)e["element"] == "System.Int32");
        return MemoryMarshal.Cast<byte, int>(Convert.FromBase64String((string)entry["numbers"]!)).ToArray();
    }

    /// <summary>The elements of a sequence of <c>long</c> values (a tensor's shape, for example).</summary>
    public long[] Longs(string name)
    {
        var entry = Expect(name, "a sequence of long", e => (string?)e["element"] == "System.Int64");
        return MemoryMarshal.Cast<byte, long>(Convert.FromBase64String((string)entry["numbers"]!)).ToArray();
    }

    /// <summary>A tensor, rebuilt on the CPU with the dtype, shape and bytes it had.</summary>
    public Tensor Tensor(string name)
    {
        var entry = Expect(name, "a tensor", e => e["dtype"] is not null);
        var dtype = Enum.Parse<ScalarType>((string)entry["dtype"]!);
        var shape = entry["shape"]!.AsArray().Select(d => (long)d!).ToArray();
        var bytes = Convert.FromBase64String((string)entry["data"]!);
        return dtype switch
        {
            ScalarType.Float32 => tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape),
            ScalarType.Float64 => tensor(MemoryMarshal.Cast<byte, double>(bytes).ToArray(), shape),
            ScalarType.Int32 => tensor(MemoryMarshal.Cast<byte, int>(bytes).ToArray(), shape),
            ScalarType.Int64 => tensor(MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape),
            ScalarType.Bool => tensor(bytes.Select(b => b != 0).ToArray(), shape),
            _ => throw new ClaimFailedException($"`{name}` is a tensor of {dtype}, which grading does not read."),
        };
    }

    /// <summary>A <see cref="DenseAutoencoder"/>, rebuilt with the architecture and weights it had.</summary>
    public DenseAutoencoder Autoencoder(string name)
    {
        var entry = Expect(name, "a DenseAutoencoder", e => e["sizes"] is not null);
        var sizes = entry["sizes"]!.AsArray().Select(s => (int)s!).ToArray();
        var activations = entry["activations"]!.AsArray().Select(a => Enum.Parse<Activation>((string)a!)).ToArray();
        var codeLayer = (int)entry["codeLayer"]!;
        var hidden = activations.Where((_, i) => i + 1 != codeLayer && i + 1 != activations.Length).DefaultIfEmpty(activations[codeLayer - 1]).First();
        if (activations.Where((_, i) => i + 1 != codeLayer && i + 1 != activations.Length).Any(a => a != hidden))
            throw new ClaimFailedException($"`{name}` mixes activations in its hidden layers ({string.Join(", ", activations)}), which no DenseAutoencoder.Create call builds.");
        var model = DenseAutoencoder.Create(sizes, hidden, activations[^1], activations[codeLayer - 1], codeLayer, (bool)entry["tied"]!);
        using var stream = new MemoryStream(Convert.FromBase64String((string)entry["weights"]!));
        model.load(stream);
        return model;
    }

    JsonObject Entry(string name) =>
        values[name] as JsonObject ?? throw new KeyNotFoundException($"The test's probe sent no value named `{name}`.");

    JsonObject Expect(string name, string what, Func<JsonObject, bool> fits)
    {
        var entry = Entry(name);
        if (!fits(entry))
            throw new ClaimFailedException($"`{name}` should be {what}, but your code gave {Shown(entry)}.");
        return entry;
    }

    string Scalar(string name, string what, Type type)
    {
        var entry = Entry(name);
        if ((string?)entry["type"] != type.FullName || entry["value"] is null)
            throw new ClaimFailedException($"`{name}` should be {what} ({type.FullName}), but your code gave {Shown(entry)}.");
        return (string)entry["value"]!;
    }

    static string Shown(JsonObject entry) => (string?)entry["type"] is { } type ? $"a {type}" : "null";

    static JsonObject Encode(object? value)
    {
        var entry = new JsonObject { ["type"] = value?.GetType().FullName };
        switch (value)
        {
            case null:
                break;
            case string s:
                entry["value"] = s.Length <= MaxBytes ? s : throw new ArgumentException($"A string of {s.Length:N0} characters is more than a reply carries.");
                break;
            case bool or char or int or long or double or float:
                entry["value"] = Convert.ToString(value, CultureInfo.InvariantCulture);
                break;
            case Tensor t:
                using (var cpu = t.detach().cpu().contiguous())
                {
                    entry["dtype"] = cpu.dtype.ToString();
                    entry["shape"] = new JsonArray([.. cpu.shape.Select(d => (JsonNode)d)]);
                    entry["data"] = Convert.ToBase64String(Bytes(cpu));
                }
                break;
            case DenseAutoencoder model:
                entry["sizes"] = new JsonArray([.. model.LayerSizes.Select(s => (JsonNode)s)]);
                entry["codeLayer"] = model.CodeLayer;
                entry["activations"] = new JsonArray([.. Enumerable.Range(1, model.LayerCount).Select(k => (JsonNode)model.Layer(k).Activation.ToString())]);
                entry["tied"] = model.TiedWeights;
                var buffer = new MemoryStream();
                model.save(buffer);
                var weights = buffer.ToArray();
                if (weights.Length > MaxBytes) throw new ArgumentException($"A model of {weights.Length:N0} bytes is more than a reply carries.");
                entry["weights"] = Convert.ToBase64String(weights);
                break;
            case IEnumerable<double> or IEnumerable<float> or IEnumerable<int> or IEnumerable<long>:
                var (element, bytes) = value switch
                {
                    IEnumerable<double> d => ("System.Double", MemoryMarshal.AsBytes(Capped(d).AsSpan()).ToArray()),
                    IEnumerable<float> f => ("System.Single", MemoryMarshal.AsBytes(Capped(f).AsSpan()).ToArray()),
                    IEnumerable<int> i => ("System.Int32", MemoryMarshal.AsBytes(Capped(i).AsSpan()).ToArray()),
                    _ => ("System.Int64", MemoryMarshal.AsBytes(Capped((IEnumerable<long>)value).AsSpan()).ToArray()),
                };
                entry["element"] = element;
                entry["numbers"] = Convert.ToBase64String(bytes);
                break;
            default:
                // Anything else is sent by type alone: a check can tell what it got, never read a value from it.
                break;
        }
        return entry;
    }

    static T[] Capped<T>(IEnumerable<T> items) where T : struct
    {
        var array = items.Take(MaxBytes / Marshal.SizeOf<T>() + 1).ToArray();
        return array.Length * Marshal.SizeOf<T>() <= MaxBytes ? array
            : throw new ArgumentException($"A sequence of more than {MaxBytes / Marshal.SizeOf<T>():N0} numbers is more than a reply carries.");
    }

    static byte[] Bytes(Tensor t)
    {
        if (t.NumberOfElements * t.ElementSize > MaxBytes)
            throw new ArgumentException($"A tensor of {t.NumberOfElements:N0} elements is more than a reply carries.");
        return t.dtype switch
        {
            ScalarType.Float32 => MemoryMarshal.AsBytes(t.data<float>().ToArray().AsSpan()).ToArray(),
            ScalarType.Float64 => MemoryMarshal.AsBytes(t.data<double>().ToArray().AsSpan()).ToArray(),
            ScalarType.Int32 => MemoryMarshal.AsBytes(t.data<int>().ToArray().AsSpan()).ToArray(),
            ScalarType.Int64 => MemoryMarshal.AsBytes(t.data<long>().ToArray().AsSpan()).ToArray(),
            ScalarType.Bool => [.. t.data<bool>().ToArray().Select(b => b ? (byte)1 : (byte)0)],
            _ => [],
        };
    }
}
