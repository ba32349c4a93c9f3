using Course.Shared;
using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>Saving and loading a model's weights, Keras' <c>save_weights</c> / <c>load_weights</c>.</summary>
/// <remarks>The file is TorchSharp's own format (not PyTorch's <c>.pt</c>) and holds weights only: to reload, build a
/// model with the same architecture (same <see cref="DenseAutoencoder.Create"/> arguments) and load into it. The
/// round trip is bit-exact. Files are replaced atomically, so an interrupted save never leaves a truncated file where
/// a good one was.</remarks>
public static class ModelWeights
{
    /// <summary>Writes every parameter and buffer of <paramref name="model"/> to <paramref name="path"/>.</summary>
    public static void SaveWeights(this nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var buffer = new MemoryStream();
        model.save(buffer);   // closes the stream; ToArray still works on a closed MemoryStream
        AtomicFile.Replace(path, buffer.ToArray());
    }

    /// <summary>Overwrites <paramref name="model"/>'s weights with those saved in <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file was saved from a model with other layers or sizes.</exception>
    public static void LoadWeights(this nn.Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = File.OpenRead(path);
        try
        {
            model.load(stream);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(
                $"'{path}' holds weights of a different architecture than {model.GetName()}: build the model with the same layer sizes and options it was saved from. ({e.Message})", e);
        }
    }
}
