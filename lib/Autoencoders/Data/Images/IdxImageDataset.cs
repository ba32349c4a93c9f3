namespace Autoencoders.Data;

/// <summary>A dataset published as four IDX files (train/test × images/labels), as MNIST and Fashion-MNIST are, and
/// where to find them.</summary>
/// <remarks>Files are looked for, in order: in the folder passed to <see cref="Load"/>; in the folders known to hold
/// the dataset (the course's bundled <c>data/</c>, a system package); in the download cache, downloading them there
/// if missing. Every file is checked against its published SHA-256 before it is read.</remarks>
internal sealed class IdxImageDataset
{
    readonly Func<IEnumerable<string>> knownFolders;

    /// <summary>Describes a dataset.</summary>
    /// <param name="name">Short name, also the cache sub-folder.</param>
    /// <param name="trainImages">Training images file.</param>
    /// <param name="trainLabels">Training labels file.</param>
    /// <param name="testImages">Test images file.</param>
    /// <param name="testLabels">Test labels file.</param>
    /// <param name="knownFolders">Folders that may already hold the files, probed in order at each load.</param>
    public IdxImageDataset(string name, DatasetFile trainImages, DatasetFile trainLabels, DatasetFile testImages,
        DatasetFile testLabels, Func<IEnumerable<string>> knownFolders)
    {
        Name = name;
        TrainImages = trainImages;
        TrainLabels = trainLabels;
        TestImages = testImages;
        TestLabels = testLabels;
        this.knownFolders = knownFolders;
    }

    /// <summary>Short name, also the cache sub-folder.</summary>
    public string Name { get; }

    /// <summary>Training images file.</summary>
    public DatasetFile TrainImages { get; }

    /// <summary>Training labels file.</summary>
    public DatasetFile TrainLabels { get; }

    /// <summary>Test images file.</summary>
    public DatasetFile TestImages { get; }

    /// <summary>Test labels file.</summary>
    public DatasetFile TestLabels { get; }

    /// <summary>The 60,000 training images and labels.</summary>
    /// <param name="layout">Flat (N, 784) rows for dense models, or square (N, 28, 28) images.</param>
    /// <param name="folder">A folder holding the four original .gz files, instead of the known folders.</param>
    /// <param name="cache">Where the files are downloaded to if no known folder holds them.</param>
    public LabeledImages Train(ImageLayout layout = ImageLayout.Flat, string? folder = null, DatasetCache? cache = null) =>
        Load(DatasetSplit.Train, layout, folder, cache);

    /// <summary>The 10,000 test images and labels.</summary>
    /// <inheritdoc cref="Train" path="/param"/>
    public LabeledImages Test(ImageLayout layout = ImageLayout.Flat, string? folder = null, DatasetCache? cache = null) =>
        Load(DatasetSplit.Test, layout, folder, cache);

    /// <summary>Loads one split as float images in [0, 1] and int64 labels.</summary>
    /// <param name="split">Train or test.</param>
    /// <param name="layout">Flat (N, 784) rows for dense models, or square (N, 28, 28) images.</param>
    /// <param name="folder">A folder holding the four files; when given, only it is used.</param>
    /// <param name="cache">The download cache; <see cref="DatasetCache.Default"/> if omitted.</param>
    /// <exception cref="DataFormatException">A file is corrupt, truncated, or images and labels do not match.</exception>
    /// <exception cref="DatasetUnavailableException">The files are nowhere and cannot be downloaded.</exception>
    public LabeledImages Load(DatasetSplit split, ImageLayout layout = ImageLayout.Flat, string? folder = null,
        DatasetCache? cache = null)
    {
        var (imagesFile, labelsFile) = split == DatasetSplit.Train ? (TrainImages, TrainLabels) : (TestImages, TestLabels);
        var imagesPath = Locate(imagesFile, folder, cache);
        var labelsPath = Locate(labelsFile, folder, cache);
        return Read(imagesPath, labelsPath, layout);
    }

    /// <summary>Reads a pair of IDX files (any MNIST-like dataset, no checksum) and checks that they match.</summary>
    public static LabeledImages Read(string imagesPath, string labelsPath, ImageLayout layout = ImageLayout.Flat)
    {
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        if (images.Count != labels.Count)
            throw new DataFormatException(labelsPath,
                $"holds {labels.Count:N0} labels but {Path.GetFileName(imagesPath)} holds {images.Count:N0} images; " +
                "the two files come from different splits or releases.");
        var imageTensor = images.ToImages(layout);
        try
        {
            return new LabeledImages(imageTensor, labels.ToLabels());
        }
        catch
        {
            imageTensor.Dispose();
            throw;
        }
    }

    /// <summary>The verified path of one file, from the explicit folder, a known folder, or the cache.</summary>
    internal string Locate(DatasetFile file, string? folder = null, DatasetCache? cache = null)
    {
        if (folder is not null)
        {
            var path = Path.Combine(folder, file.Name);
            if (!File.Exists(path))
                throw new DatasetUnavailableException(
                    $"{file.Name} is not in {Path.GetFullPath(folder)}. " + Downloader.PlacementAdvice(file, path), path);
            Checksum.Verify(path, file);
            return path;
        }
        foreach (var known in knownFolders())
        {
            var path = Path.Combine(known, file.Name);
            if (File.Exists(path))
            {
                Checksum.Verify(path, file);
                return path;
            }
        }
        return (cache ?? DatasetCache.Default).Obtain(Name, file);
    }
}
