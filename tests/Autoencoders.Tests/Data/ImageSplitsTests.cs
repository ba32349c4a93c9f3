using Autoencoders.Data;

namespace Autoencoders.Tests.Data;

public class ImageSplitsTests
{
    [Fact]
    public void A_named_dataset_loads_with_seeded_subsets()
    {
        var a = ImageSplits.Load("mnist", 100, 50, seed: 7);
        var b = ImageSplits.Load("MNIST", 100, 50, seed: 7);
        Assert.Equal(100, a.Train.Count);
        Assert.Equal(50, a.Test.Count);
        Assert.Equal(a.Train.Labels.data<long>().ToArray(), b.Train.Labels.data<long>().ToArray());
        Assert.Equal(10_000, ImageSplits.Load("mnist", 100).Test.Count);
    }

    [Fact]
    public void A_folder_of_MNIST_format_files_loads_without_checksums()
    {
        var source = Path.Combine(DataFolder.Locate(), "mnist");
        var folder = Directory.CreateTempSubdirectory("idx-folder-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(source, "*.gz")) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            var splits = ImageSplits.Load(folder, 20, 10);
            Assert.Equal((20, 10), (splits.Train.Count, splits.Test.Count));
            Assert.Equal(784, splits.Train.Images.shape[1]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_name_or_an_incomplete_folder_says_what_is_expected()
    {
        var e = Assert.Throws<ArgumentException>(() => ImageSplits.Load("mnsit"));
        Assert.Contains("fashion-mnist", e.Message);
        var empty = Directory.CreateTempSubdirectory("idx-empty-").FullName;
        var missing = Assert.Throws<DatasetUnavailableException>(() => ImageSplits.Load(empty));
        Assert.Contains("train-images-idx3-ubyte", missing.Message);
        Directory.Delete(empty);
    }
}
