using System.Globalization;

namespace Autoencoders.Data;

/// <summary>The training and test images a lesson works on, chosen by one notebook parameter: a dataset's name, or a
/// folder of MNIST-format files, so the same notebook runs on MNIST, Fashion-MNIST or any look-alike.</summary>
/// <param name="Train">Training images and labels.</param>
/// <param name="Test">Test images and labels.</param>
public sealed record ImageSplits(LabeledImages Train, LabeledImages Test)
{
    /// <summary>The dataset's name for titles and prose: "MNIST", "Fashion-MNIST", or the folder's name.</summary>
    public string Name { get; init; } = "images";

    /// <summary>The name of every class, indexed by label: the digits for MNIST, the garments for Fashion-MNIST,
    /// "class 0" … for a folder whose classes the course does not know.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>The name of class <paramref name="label"/> (its number when the label is beyond <see cref="ClassNames"/>).</summary>
    public string ClassName(long label) =>
        label >= 0 && label < ClassNames.Count ? ClassNames[(int)label] : $"class {label}";

    static readonly Dictionary<string, (IdxImageDataset Files, string Name, IReadOnlyList<string> Classes)> Named =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["mnist"] = (Mnist.Dataset, "MNIST", Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray()),
            ["fashion-mnist"] = (FashionMnist.Dataset, "Fashion-MNIST", FashionMnist.ClassNames),
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
        string name;
        IReadOnlyList<string>? classes = null;
        if (Named.TryGetValue(dataset, out var known))
        {
            train = known.Files.Load(DatasetSplit.Train);
            test = known.Files.Load(DatasetSplit.Test);
            (name, classes) = (known.Name, known.Classes);
        }
        else if (Directory.Exists(dataset))
        {
            train = IdxImageDataset.Read(Find(dataset, "train-images-idx3-ubyte"), Find(dataset, "train-labels-idx1-ubyte"));
            test = IdxImageDataset.Read(Find(dataset, "t10k-images-idx3-ubyte"), Find(dataset, "t10k-labels-idx1-ubyte"));
            name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataset)));
        }
        else
        {
            throw new ArgumentException(
                $"'{dataset}' is neither a dataset name ({string.Join(", ", Named.Keys)}) nor an existing folder.", nameof(dataset));
        }
        classes ??= Enumerable.Range(0, (int)train.Labels.max().item<long>() + 1).Select(c => $"class {c}").ToArray();
        return new ImageSplits(Keep(train, trainCount, seed), Keep(test, testCount, seed)) { Name = name, ClassNames = classes };
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
