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

public class MaskedLossTests
{
    [Fact]
    public void Masked_mse_with_a_mask_counts_exactly_the_marked_entries()
    {
        using var scope = NewDisposeScope();
        using var model = new Identity();
        var target = tensor(new float[,] { { 0, 2, 4 }, { 3, 0, 1 } });
        var input = tensor(new float[,] { { 1, 1, 1 }, { 1, 1, 1 } });
        // The mask marks a rating of 0 as observed and leaves out the 4: only the mask decides.
        var mask = tensor(new[,] { { true, true, false }, { true, false, false } });
        var batch = new Batch(input, target, mask);

        var loss = Losses.MaskedMeanSquaredError.Evaluate(model, batch).item<float>();

        Assert.Equal((1f + 1f + 4f) / 3f, loss, 6);   // (1-0)² + (1-2)² + (1-3)², over 3 entries
        Assert.Equal(3.0, Losses.MaskedMeanSquaredError.Terms(batch));
        Assert.Equal(4.0, Losses.MaskedMeanSquaredError.Terms(target));   // without the mask: the non-zero targets
    }

    [Fact]
    public void An_l2_penalty_adds_half_lambda_times_the_squared_weights_only_while_training()
    {
        using var scope = NewDisposeScope();
        using var model = DenseAutoencoder.Create([3, 2, 3], hidden: Activation.Sigmoid, output: Activation.Linear, seed: 1);
        var x = tensor(new float[,] { { 1, 0, 2 } });
        var batch = new Batch(x, x);
        var loss = new L2Penalty(Losses.MaskedMeanSquaredError, 0.5);
        var plain = Losses.MaskedMeanSquaredError.Evaluate(model, batch).item<float>();
        var weights = model.Layer(1).Weight.square().sum().item<float>() + model.Layer(2).Weight.square().sum().item<float>();

        model.train();
        Assert.Equal(plain + 0.25f * weights, loss.Evaluate(model, batch).item<float>(), 5);
        model.eval();
        Assert.Equal(plain, loss.Evaluate(model, batch).item<float>(), 6);
    }

    private sealed class Identity() : nn.Module<Tensor, Tensor>("identity")
    {
        public override Tensor forward(Tensor x) => x.alias();
    }
}
