namespace Autoencoders.Data;

/// <summary>MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0), bundled with the course in
/// <c>data/mnist</c>: 60,000 training and 10,000 test images of 28 × 28 pixels.</summary>
/// <example><code>
/// using var train = Mnist.Train();   // Images (60000, 784) float in [0, 1], Labels (60000) int64
/// using var test = Mnist.Test();
/// </code></example>
internal static class Mnist
{
    static readonly Uri Mirror = new("https://ossci-datasets.s3.amazonaws.com/mnist/");

    /// <summary>The dataset's files, checksums and locations.</summary>
    public static IdxImageDataset Dataset { get; } = new("mnist",
        File("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9912422),
        File("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28881),
        File("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1648877),
        File("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4542),
        KnownFolders);

    /// <inheritdoc cref="IdxImageDataset.Train"/>
    public static LabeledImages Train(ImageLayout layout = ImageLayout.Flat, string? folder = null,
        DatasetCache? cache = null) => Dataset.Train(layout, folder, cache);

    /// <inheritdoc cref="IdxImageDataset.Test"/>
    public static LabeledImages Test(ImageLayout layout = ImageLayout.Flat, string? folder = null,
        DatasetCache? cache = null) => Dataset.Test(layout, folder, cache);

    static IEnumerable<string> KnownFolders()
    {
        if (DataFolder.TryLocate() is { } data) yield return Path.Combine(data, "mnist");
    }

    static DatasetFile File(string name, string sha256, long size) => new(name, sha256, size, new Uri(Mirror, name));
}
