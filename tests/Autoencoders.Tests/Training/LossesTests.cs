using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Training;

public class LossesTests
{
    [Fact]
    public void Masked_mse_scores_only_the_observed_entries()
    {
        using var target = tensor(new float[,] { { 0, 2 }, { 3, 0 } });
        using var output = tensor(new float[,] { { 5, 1 }, { 4, 7 } });
        using var masked = Losses.MaskedMeanSquaredError.Compute(output, target);
        using var plain = Losses.MeanSquaredError.Compute(output, target);
        Assert.Equal(1.0f, masked.item<float>(), 6);          // ((1-2)² + (4-3)²) / 2
        Assert.Equal(19.0f, plain.item<float>(), 5);          // (25 + 1 + 1 + 49) / 4
        Assert.Equal(2.0, Losses.MaskedMeanSquaredError.Terms(target));
    }

    [Fact]
    public void Bce_from_logits_equals_bce_on_the_sigmoid_output()
    {
        using var model = DenseAutoencoder.Create([10, 4, 10], seed: 1);
        using var x = rand(8, 10);
        using var fused = Losses.BinaryCrossEntropy.Evaluate(model, x, x);
        using var output = model.call(x);
        using var plain = nn.functional.binary_cross_entropy(output, x);
        Assert.Equal(plain.item<float>(), fused.item<float>(), 5);
    }

    [Fact]
    public void Bce_refuses_a_model_without_a_sigmoid_output()
    {
        using var model = DenseAutoencoder.Create([10, 4, 10], output: Activation.Linear, seed: 1);
        using var x = rand(8, 10);
        var error = Assert.Throws<InvalidOperationException>(() => Losses.BinaryCrossEntropy.Evaluate(model, x, x));
        Assert.Contains("MeanSquaredError", error.Message);
    }

    [Fact]
    public void Epoch_line_looks_like_keras()
    {
        var result = new EpochResult(3, 100, 235, TimeSpan.FromSeconds(1.13), 0.12923, 0.12271);
        Assert.Equal("Epoch 3/100 - 235/235 - 1.1s 5ms/step - loss: 0.1292 - val_loss: 0.1227", result.ToString());
    }
}
