using Autoencoders.Data;
using Autoencoders.Training;
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
        return Predict(model, batch => model.ForwardTo(batch, k), x, batchSize);
    }

    /// <summary>The codes (bottleneck outputs) of every row of a rating matrix, made dense one batch of rows at a time:
    /// item embeddings for a matrix whose dense form would not fit in memory.</summary>
    public static Tensor Encode(this DenseAutoencoder model, RatingMatrix ratings, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Predict(model, model.Encoder.call, new RatingBatches(ratings), batchSize);
    }

    /// <summary>The model's output for every batch of <paramref name="data"/>, in row order.</summary>
    public static Tensor Predict(this nn.Module<Tensor, Tensor> model, IBatchSource data, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Predict(model, model.call, data, batchSize);
    }

    /// <summary>Applies <paramref name="function"/> (a part of <paramref name="model"/>) to <paramref name="x"/> batch
    /// by batch and gathers the rows into one tensor.</summary>
    public static Tensor Predict(nn.Module model, Func<Tensor, Tensor> function, Tensor x, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.shape[0] == 0) return function(x); // no rows: the function itself gives the right empty shape
        return Predict(model, function, new DenseBatches(x, x), batchSize);
    }

    /// <summary>Applies <paramref name="function"/> (a part of <paramref name="model"/>) to the input of every batch of
    /// <paramref name="data"/> and gathers the rows, on the CPU, into one tensor.</summary>
    public static Tensor Predict(nn.Module model, Func<Tensor, Tensor> function, IBatchSource data, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var rows = data.Count;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            Tensor? result = null;
            long start = 0;
            foreach (var batch in BatchLoop.Over(data, batchSize, device: BatchLoop.DeviceOf(model)))
            {
                var output = function(batch.Input);
                if (result is null)
                {
                    var shape = output.shape.ToArray();
                    shape[0] = rows;
                    result = empty(shape, output.dtype, CPU).MoveToOuterDisposeScope();
                }
                result.narrow(0, start, batch.Rows).copy_(output);
                start += batch.Rows;
            }
            return result ?? throw new ArgumentException("There are no rows to predict.", nameof(data));
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
