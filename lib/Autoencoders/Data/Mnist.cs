namespace Autoencoders.Data;

/// <summary>MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0), bundled with the course in
/// <c>data/mnist</c>: 60,000 training and 10,000 test images of 28 × 28 pixels.</summary>
/// <example><code>
/// using var train = Mnist.Train();   // Images (60000, 784) float in [0, 1], Labels (60000) int64
/// using var test = Mnist.Test();
/// </code></example>
public static class Mnist
{
    static readonly Uri Mirror = new("https://ossci-datasets.s3.amazonaws.com/mnist/");

    /// <summary>The dataset's files, checksums and locations.</summary>
    public static IdxImageDataset Dataset { get; } = new("mnist",
        File("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", 9912422),
        File("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", 28881),
        File("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", 1648877),
        File("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", 4542),
        KnownFolders);

    /// <summary>The 60,000 training images and labels.</summary>
    /// <param name="layout">Flat (N, 784) rows for dense models, or square (N, 28, 28) images.</param>
    /// <param name="folder">A folder holding the four original .gz files, instead of the bundled copy.</param>
    /// <param name="cache">Where the files are downloaded to if the bundled copy is missing.</param>
    public static LabeledImages Train(ImageLayout layout = ImageLayout.Flat, string? folder = null,
        DatasetCache? cache = null) => Dataset.Load(DatasetSplit.Train, layout, folder, cache);

    /// <summary>The 10,000 test images and labels.</summary>
    /// <param name="layout">Flat (N, 784) rows for dense models, or square (N, 28, 28) images.</param>
    /// <param name="folder">A folder holding the four original .gz files, instead of the bundled copy.</param>
    /// <param name="cache">Where the files are downloaded to if the bundled copy is missing.</param>
    public static LabeledImages Test(ImageLayout layout = ImageLayout.Flat, string? folder = null,
        DatasetCache? cache = null) => Dataset.Load(DatasetSplit.Test, layout, folder, cache);

    static IEnumerable<string> KnownFolders()
    {
        if (DataFolder.TryLocate() is { } data) yield return Path.Combine(data, "mnist");
    }

    static DatasetFile File(string name, string sha256, long size) => new(name, sha256, size, new Uri(Mirror, name));
}
