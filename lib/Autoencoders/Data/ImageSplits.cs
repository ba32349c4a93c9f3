namespace Autoencoders.Data;

/// <summary>The training and test images a lesson works on, chosen by one notebook parameter: a dataset's name, or a
/// folder of MNIST-format files, so the same notebook runs on MNIST, Fashion-MNIST or any look-alike.</summary>
/// <param name="Train">Training images and labels.</param>
/// <param name="Test">Test images and labels.</param>
public sealed record ImageSplits(LabeledImages Train, LabeledImages Test)
{
    static readonly Dictionary<string, IdxImageDataset> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mnist"] = Mnist.Dataset,
        ["fashion-mnist"] = FashionMnist.Dataset,
    };

    /// <summary>Loads <paramref name="dataset"/> and keeps seeded random subsets of the given sizes (a quick run
    /// works on a few thousand images; null keeps a whole split).</summary>
    /// <param name="dataset">"mnist", "fashion-mnist", or a folder holding train-images-idx3-ubyte,
    /// train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each may end in .gz).</param>
    /// <param name="trainCount">Training images to keep.</param>
    /// <param name="testCount">Test images to keep.</param>
    /// <param name="seed">Seed of the subsets.</param>
    public static ImageSplits Load(string dataset = "mnist", int? trainCount = null, int? testCount = null, int seed = 42)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        LabeledImages train, test;
        if (Named.TryGetValue(dataset, out var known))
        {
            train = known.Load(DatasetSplit.Train);
            test = known.Load(DatasetSplit.Test);
        }
        else if (Directory.Exists(dataset))
        {
            train = IdxImageDataset.Read(Find(dataset, "train-images-idx3-ubyte"), Find(dataset, "train-labels-idx1-ubyte"));
            test = IdxImageDataset.Read(Find(dataset, "t10k-images-idx3-ubyte"), Find(dataset, "t10k-labels-idx1-ubyte"));
        }
        else
        {
            throw new ArgumentException(
                $"'{dataset}' is neither a dataset name ({string.Join(", ", Named.Keys)}) nor an existing folder.", nameof(dataset));
        }
        return new ImageSplits(Keep(train, trainCount, seed), Keep(test, testCount, seed));
    }

    static LabeledImages Keep(LabeledImages images, int? count, int seed)
    {
        if (count is not { } n || n >= images.Count) return images;
        var subset = images.Subset(n, seed);
        images.Dispose();
        return subset;
    }

    static string Find(string folder, string name)
    {
        foreach (var candidate in new[] { name, name + ".gz" })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new DatasetUnavailableException(
            $"{Path.GetFullPath(folder)} has no {name} (or {name}.gz): an MNIST-format folder holds the four files " +
            "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte.",
            Path.Combine(folder, name));
    }
}
