using Autoencoders.Models;
using Autoencoders.Notebooks;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Notebooks;

public class ReplyTests
{
    /// <summary>A type whose comparisons always hold: what a student might return where a number belongs.</summary>
    sealed class Yes
    {
        public static bool operator ==(Yes a, int b) => true;
        public static bool operator !=(Yes a, int b) => false;
        public override bool Equals(object? obj) => true;
        public override int GetHashCode() => 0;
    }

    static Reply RoundTrip(Reply reply) => Reply.FromJson(reply.ToJson());

    [Fact]
    public void Scalars_arrays_and_tensors_come_back_with_their_types_and_values()
    {
        var reply = RoundTrip(Reply.Of(("n", 7), ("big", 1L << 40), ("x", 0.1 + 0.2), ("f", 1.5f), ("ok", true), ("c", 'B'),
            ("s", "héllo"), ("none", null), ("losses", new[] { 0.3, 0.2 }), ("shape", new long[] { 2, 3 }), ("best", new List<int> { 1, 4 }),
            ("t", arange(6, dtype: ScalarType.Float32).reshape(2, 3))));

        Assert.Equal(["n", "big", "x", "f", "ok", "c", "s", "none", "losses", "shape", "best", "t"], reply.Names);
        Assert.Equal(7, reply.Int("n"));
        Assert.Equal(1L << 40, reply.Long("big"));
        Assert.Equal(0.1 + 0.2, reply.Double("x"));   // every bit of a double survives
        Assert.Equal(1.5f, reply.Float("f"));
        Assert.True(reply.Bool("ok"));
        Assert.Equal('B', reply.Char("c"));
        Assert.Equal("héllo", reply.String("s"));
        Assert.True(reply.IsNull("none"));
        Assert.Null(reply.String("none"));
        Assert.Equal([0.3, 0.2], reply.Numbers("losses"));
        Assert.Equal([2L, 3L], reply.Longs("shape"));
        Assert.Equal([1, 4], reply.Ints("best"));
        using var t = reply.Tensor("t");
        Assert.Equal(ScalarType.Float32, t.dtype);
        Assert.Equal([2L, 3L], t.shape);
        Assert.Equal(5f, t[1, 2].item<float>());
    }

    [Fact]
    public void A_value_of_another_runtime_type_fails_the_check_with_both_names()
    {
        var reply = RoundTrip(Reply.Of(("n", new Yes()), ("m", 2.0), ("c", "B")));

        var e = Assert.Throws<ClaimFailedException>(() => reply.Int("n"));
        Assert.Contains("should be an int (System.Int32)", e.Message);
        Assert.Contains("ReplyTests+Yes", e.Message);
        Assert.Throws<ClaimFailedException>(() => reply.Int("m"));       // a double is not an int either
        Assert.Throws<ClaimFailedException>(() => reply.Char("c"));      // nor a string a char
        Assert.Throws<ClaimFailedException>(() => reply.Tensor("m"));
        Assert.Throws<KeyNotFoundException>(() => reply.Int("missing"));
    }

    [Fact]
    public void A_model_comes_back_with_its_architecture_and_weights()
    {
        using var model = DenseAutoencoder.Create([12, 6, 3, 6, 12], hidden: Activation.ReLU, output: Activation.Sigmoid, seed: 5);
        using var x = rand(4, 12, generator: new Generator(3));

        using var back = RoundTrip(Reply.Of(("model", model))).Autoencoder("model");

        Assert.Equal(model.LayerSizes, back.LayerSizes);
        Assert.Equal(model.CodeLayer, back.CodeLayer);
        Assert.Equal(Activation.ReLU, back.Layer(1).Activation);
        Assert.Equal(Activation.Sigmoid, back.OutputActivation);
        Assert.True(model.Reconstruct(x).allclose(back.Reconstruct(x)));
    }

    [Fact]
    public void Text_that_is_not_a_reply_is_refused()
    {
        Assert.Throws<FormatException>(() => Reply.FromJson("[1, 2]"));
        Assert.Throws<FormatException>(() => Reply.FromJson("{ not json"));
        var forged = Reply.FromJson("""{"n":{"type":"System.Int32"}}""");
        Assert.Throws<ClaimFailedException>(() => forged.Int("n"));   // a type without a value
    }
}
