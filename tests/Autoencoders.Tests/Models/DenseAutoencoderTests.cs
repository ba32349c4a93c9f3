using System.Globalization;
using Autoencoders.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Models;

public class DenseAutoencoderTests
{
    [Theory]
    [InlineData(new[] { 784, 128, 64, 32, 64, 128, 784 }, 222_384)]
    [InlineData(new[] { 784, 128, 64, 32, 16, 8, 4, 2, 4, 8, 16, 32, 64, 128, 784 }, 223_834)]
    [InlineData(new[] { 668, 512, 256, 128, 256, 512, 668 }, 1_014_044)]
    public void Parameter_counts_equal_the_lectures_keras_summaries(int[] sizes, long expected)
    {
        using var model = DenseAutoencoder.Create(sizes, seed: 1);
        var summary = model.Summary();
        Assert.Equal(expected, summary.TotalParameters);
        Assert.Equal(expected, summary.TrainableParameters);
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
        Assert.Contains("Total params: " + expected.ToString("N0", CultureInfo.InvariantCulture), summary.ToString());
    }

    [Fact]
    public void Summary_lists_every_layer_with_its_output_shape_and_marks_the_code()
    {
        using var model = DenseAutoencoder.Create([784, 128, 64, 32, 64, 128, 784], seed: 1);
        var rows = model.Summary().Rows;
        Assert.Equal(["input", "dense_1", "dense_2", "dense_3", "dense_4", "dense_5", "dense_6"], rows.Select(r => r.Name));
        Assert.Equal([0L, 100_480, 8_256, 2_080, 2_112, 8_320, 101_136], rows.Select(r => r.Parameters));
        Assert.Equal("(None, 32)", rows[3].OutputShape);
        Assert.True(rows[3].IsCode);
        Assert.Single(rows, r => r.IsCode);
        Assert.Equal("sigmoid", rows[^1].Activation);
    }

    [Fact]
    public void Encoder_equals_the_first_half_of_the_forward_pass_computed_by_hand()
    {
        using var model = DenseAutoencoder.Create([20, 12, 6, 3, 6, 12, 20], seed: 3);
        using var x = rand(5, 20, generator: new Generator(7, CPU));
        using var scope = NewDisposeScope();

        var h = x;
        for (var k = 1; k <= 3; k++) h = nn.functional.relu(h.matmul(model.Layer(k).Weight.t()) + model.Layer(k).Bias);
        var code = model.Encoder.call(x);
        Assert.Equal([5L, 3], code.shape);
        Assert.True(code.allclose(h, rtol: 1e-5, atol: 1e-6));
        Assert.True(model.ForwardTo(x, model.CodeLayer).allclose(code, rtol: 0, atol: 0));

        var output = model.call(x);
        Assert.True(model.Decoder.call(code).allclose(output, rtol: 0, atol: 0));
        Assert.True(model.ForwardTo(x, 6).allclose(output, rtol: 0, atol: 0));
        Assert.True(model.Logits(x).sigmoid().allclose(output, rtol: 1e-5, atol: 1e-6));
        Assert.True(model.ForwardTo(x, 0).allclose(x, rtol: 0, atol: 0));
    }

    [Fact]
    public void Layer_seven_of_the_deep_2d_net_is_its_two_dimensional_code()
    {
        using var model = DenseAutoencoder.Create([784, 128, 64, 32, 16, 8, 4, 2, 4, 8, 16, 32, 64, 128, 784], seed: 1);
        using var x = rand(4, 784);
        using var layer7 = model.ForwardTo(x, 7);
        Assert.Equal(7, model.CodeLayer);
        Assert.Equal([4L, 2], layer7.shape);
        Assert.Equal("dense_7", model.Layer(7).GetName());
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ForwardTo(x, 15));
    }

    [Theory]
    [InlineData(new[] { 784, 128, 64, 32, 64, 128, 784 }, 3)]
    [InlineData(new[] { 784, 1024, 784 }, 1)]           // overcomplete
    [InlineData(new[] { 784, 256, 32, 128, 784 }, 2)]   // asymmetric: the narrowest hidden layer
    public void The_code_layer_defaults_to_the_middle_or_the_narrowest_layer(int[] sizes, int expected)
    {
        using var model = DenseAutoencoder.Create(sizes, seed: 1);
        Assert.Equal(expected, model.CodeLayer);
        Assert.Equal(sizes[expected], model.CodeSize);
    }

    [Fact]
    public void Tied_decoder_layers_share_the_encoders_weight_storage()
    {
        using var model = DenseAutoencoder.Create([10, 6, 3, 6, 10], tiedWeights: true, seed: 2);
        Assert.Same(model.Layer(2), model.Layer(3).TiedTo);
        Assert.Same(model.Layer(1), model.Layer(4).TiedTo);
        Assert.Same(model.Layer(1).Weight, model.Layer(4).Weight);
        // Encoder weights counted once, decoder layers bring only biases.
        Assert.Equal(10 * 6 + 6 + 6 * 3 + 3 + 6 + 10, model.Summary().TotalParameters);
        Assert.Equal(model.Summary().TotalParameters, model.parameters().Sum(p => p.numel()));

        using var x = rand(4, 10);
        using var code = model.Encoder.call(x);
        using var before = model.Decoder.call(code);
        using (no_grad()) model.Layer(1).Weight.mul_(2);   // change the encoder's matrix only ...
        using var after = model.Decoder.call(code);
        Assert.False(after.allclose(before));               // ... and the decoder sees it
        using var expected = model.Layer(4).Activation == Activation.Sigmoid
            ? (model.ForwardTo(x, 3).matmul(model.Layer(1).Weight) + model.Layer(4).Bias).sigmoid()
            : throw new InvalidOperationException();
        using var actual = model.ForwardTo(x, 4);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Tied_weights_need_a_symmetric_net()
    {
        Assert.Throws<ArgumentException>(() => DenseAutoencoder.Create([784, 256, 32, 128, 784], tiedWeights: true));
    }

    [Fact]
    public void Linear_autoencoder_is_an_affine_map()
    {
        using var model = DenseAutoencoder.Create([8, 3, 8], hidden: Activation.Linear, output: Activation.Linear, seed: 4);
        using var a = randn(2, 8);
        using var b = randn(2, 8);
        using var zero = zeros(1, 8);
        using var scope = NewDisposeScope();
        // f(a) + f(b) - f(0) == f(a + b) holds only when no layer is non-linear.
        var lhs = model.call(a) + model.call(b) - model.call(zero);
        Assert.True(lhs.allclose(model.call(a + b), rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_does_not()
    {
        using var a = DenseAutoencoder.Create([30, 10, 4, 10, 30], seed: 42);
        using var b = DenseAutoencoder.Create([30, 10, 4, 10, 30], seed: 42);
        using var c = DenseAutoencoder.Create([30, 10, 4, 10, 30], seed: 43);
        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        var pc = c.parameters().ToList();
        Assert.All(pa.Zip(pb), p => Assert.True(p.First.allclose(p.Second, rtol: 0, atol: 0)));
        Assert.False(pa[0].allclose(pc[0]));
    }

    [Fact]
    public void Glorot_initialisation_draws_within_keras_limits_with_zero_biases()
    {
        using var model = DenseAutoencoder.Create([784, 128, 784], seed: 5);
        var limit = Math.Sqrt(6.0 / (784 + 128));
        var w = model.Layer(1).Weight;
        Assert.True(w.abs().max().item<float>() <= limit);
        Assert.True(w.abs().max().item<float>() > 0.9 * limit);
        Assert.Equal(0f, model.Layer(1).Bias.abs().sum().item<float>());
    }

    [Fact]
    public void Square_images_or_doubles_are_refused_with_a_hint()
    {
        using var model = DenseAutoencoder.Create([784, 32, 784], seed: 1);
        using var square = rand(2, 28, 28);
        using var doubles = rand(2, 784, dtype: ScalarType.Float64);
        Assert.Contains("reshape(-1, 784)", Assert.Throws<ArgumentException>(() => model.call(square)).Message);
        Assert.Contains("Float32", Assert.Throws<ArgumentException>(() => model.call(doubles)).Message);
    }
}
