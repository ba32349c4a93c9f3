using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Models;

public class InferenceTests
{
    [Fact]
    public void Batched_prediction_equals_one_big_forward_pass()
    {
        using var model = DenseAutoencoder.Create([16, 8, 2, 8, 16], seed: 1);
        using var x = rand(53, 16);   // 53 = 7 full batches of 7 and a partial one
        using var whole = model.call(x);
        using var codes = model.Encoder.call(x);
        using var layer1 = model.ForwardTo(x, 1);

        using var predicted = model.Predict(x, batchSize: 7);
        using var encoded = model.Encode(x, batchSize: 7);
        using var decoded = model.Decode(encoded, batchSize: 7);
        using var layer = model.PredictLayer(x, 1, batchSize: 7);

        // Equal up to float rounding: a matrix product may sum in another order for another number of rows.
        Assert.True(predicted.allclose(whole, rtol: 1e-5, atol: 1e-6));
        Assert.True(encoded.allclose(codes, rtol: 1e-5, atol: 1e-6));
        Assert.True(decoded.allclose(whole, rtol: 1e-5, atol: 1e-6));
        Assert.True(layer.allclose(layer1, rtol: 1e-5, atol: 1e-6));
        Assert.False(predicted.requires_grad);
        Assert.True(model.training);  // evaluation mode is only for the duration of the call
    }
}
