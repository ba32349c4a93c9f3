namespace Autoencoders.Data;

/// <summary>Fashion-MNIST (Zalando Research, MIT licence): clothing images in MNIST's exact format, a harder drop-in
/// replacement. Not bundled: taken from Debian's <c>dataset-fashion-mnist</c> package when installed, else downloaded
/// once into the <see cref="DatasetCache"/>.</summary>
public static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    static readonly Uri Mirror = new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The dataset's files, checksums and locations.</summary>
    public static IdxImageDataset Dataset { get; } = new("fashion-mnist",
        File("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
        File("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
        File("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
        File("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
        KnownFolders);

    /// <summary>The 60,000 training images and labels.</summary>
    /// <param name="layout">Flat (N, 784) rows for dense models, or square (N, 28, 28) images.</param>
    /// <param name="folder">A folder holding the four original .gz files.</param>
    /// <param name="cache">The download cache; <see cref="DatasetCache.Default"/> if omitted.</param>
    public static LabeledImages Train(ImageLayout layout = ImageLayout.Flat, string? folder = null,
        DatasetCache? cache = null) => Dataset.Load(DatasetSplit.Train, layout, folder, cache);

    /// <summary>The 10,000 test images and labels.</summary>
    /// <param name="layout">Flat (N, 784) rows for dense models, or square (N, 28, 28) images.</param>
    /// <param name="folder">A folder holding the four original .gz files.</param>
    /// <param name="cache">The download cache; <see cref="DatasetCache.Default"/> if omitted.</param>
    public static LabeledImages Test(ImageLayout layout = ImageLayout.Flat, string? folder = null,
        DatasetCache? cache = null) => Dataset.Load(DatasetSplit.Test, layout, folder, cache);

    static IEnumerable<string> KnownFolders()
    {
        if (DataFolder.TryLocate() is { } data) yield return Path.Combine(data, "fashion-mnist");
        if (!OperatingSystem.IsWindows()) yield return DebianFolder;
    }

    static DatasetFile File(string name, string sha256) => new(name, sha256, null, new Uri(Mirror, name));
}
