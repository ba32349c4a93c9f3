using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>Running a trained model over many rows in batches, Keras' <c>predict</c>.</summary>
/// <remarks>One forward pass over 60,000 images at once would hold every intermediate activation of every layer at the
/// same time; in batches only one batch's activations are alive, and the results are written straight into one
/// preallocated output tensor. Gradients are off and the model is in evaluation mode while it runs.</remarks>
public static class Inference
{
    /// <summary>The model's output for every row of <paramref name="x"/> (e.g. reconstructions).</summary>
    public static Tensor Predict(this nn.Module<Tensor, Tensor> model, Tensor x, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Predict(model, model.call, x, batchSize);
    }

    /// <summary>The codes (bottleneck outputs) of every row of <paramref name="x"/>.</summary>
    public static Tensor Encode(this DenseAutoencoder model, Tensor x, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Predict(model, model.Encoder.call, x, batchSize);
    }

    /// <summary>The reconstructions of every row of <paramref name="x"/> (the decoded codes).</summary>
    public static Tensor Reconstruct(this DenseAutoencoder model, Tensor x, int batchSize = 1024) =>
        Predict(model, x, batchSize);

    /// <summary>The decoder's output for every code in <paramref name="codes"/>, e.g. a grid over a 2-D code space.</summary>
    public static Tensor Decode(this DenseAutoencoder model, Tensor codes, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Predict(model, model.Decoder.call, codes, batchSize);
    }

    /// <summary>The output of layer <paramref name="k"/> (Keras numbering) for every row of <paramref name="x"/>.</summary>
    public static Tensor PredictLayer(this DenseAutoencoder model, Tensor x, int k, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Predict(model, batch => model.LayerOutput(batch, k), x, batchSize);
    }

    /// <summary>Applies <paramref name="function"/> (a part of <paramref name="model"/>) to <paramref name="x"/> batch
    /// by batch and gathers the rows into one tensor.</summary>
    public static Tensor Predict(nn.Module model, Func<Tensor, Tensor> function, Tensor x, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var rows = x.shape[0];
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            Tensor? result = null;
            for (long start = 0; start < rows; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var length = Math.Min(batchSize, rows - start);
                var output = function(x.narrow(0, start, length));
                if (result is null)
                {
                    var shape = output.shape.ToArray();
                    shape[0] = rows;
                    result = empty(shape, output.dtype, output.device).MoveToOuterDisposeScope();
                }
                result.narrow(0, start, length).copy_(output);
            }
            return result ?? function(x); // no rows: the function itself gives the right empty shape
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
