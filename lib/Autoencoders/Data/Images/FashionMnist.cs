namespace Autoencoders.Data;

/// <summary>Fashion-MNIST (Zalando Research, MIT licence): clothing images in MNIST's exact format, a harder drop-in
/// replacement. Not bundled: taken from Debian's <c>dataset-fashion-mnist</c> package when installed, else downloaded
/// once into the <see cref="DatasetCache"/>.</summary>
internal static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    static readonly Uri Mirror = new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The dataset's files, checksums and locations.</summary>
    public static IdxImageDataset Dataset { get; } = new("fashion-mnist",
        File("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", 26421880,
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        File("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", 29515,
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        File("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", 4422102,
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        File("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", 5148,
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        KnownFolders);

    /// <inheritdoc cref="IdxImageDataset.Train"/>
    public static LabeledImages Train(ImageLayout layout = ImageLayout.Flat, string? folder = null,
        DatasetCache? cache = null) => Dataset.Train(layout, folder, cache);

    /// <inheritdoc cref="IdxImageDataset.Test"/>
    public static LabeledImages Test(ImageLayout layout = ImageLayout.Flat, string? folder = null,
        DatasetCache? cache = null) => Dataset.Test(layout, folder, cache);

    static IEnumerable<string> KnownFolders()
    {
        if (DataFolder.TryLocate() is { } data) yield return Path.Combine(data, "fashion-mnist");
        if (!OperatingSystem.IsWindows()) yield return DebianFolder;
    }

    static DatasetFile File(string name, string sha256, long size, string contentSha256) =>
        new(name, sha256, size, new Uri(Mirror, name), ContentSha256: contentSha256);
}
