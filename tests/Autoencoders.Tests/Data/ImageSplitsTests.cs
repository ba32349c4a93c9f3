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
        Assert.Equal("MNIST", a.Name);
        Assert.Equal("7", a.ClassName(7));
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
            Assert.Equal(Path.GetFileName(folder), splits.Name);
            Assert.Equal("class 3", splits.ClassNames[3]);
            Assert.Equal(10, splits.ClassNames.Count);
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

    [Fact]
    public void Images_of_chosen_classes_are_relabelled_in_the_order_given()
    {
        using var images = new LabeledImages(TorchSharp.torch.arange(6).reshape(6, 1).to_type(TorchSharp.torch.ScalarType.Float32),
            TorchSharp.torch.tensor(new long[] { 5, 1, 7, 5, 0, 7 }));

        using var target = images.OfClasses(5, 7);

        Assert.Equal([0f, 2f, 3f, 5f], target.Images.flatten().data<float>().ToArray());
        Assert.Equal([0L, 1L, 0L, 1L], target.Labels.data<long>().ToArray());
        Assert.Throws<ArgumentException>(() => images.OfClasses(5, 5));
    }

    [Fact]
    public void Per_class_picks_k_of_every_class_the_same_way_for_the_same_seed()
    {
        using var splits = ImageSplits.Load("mnist", 2000, 10).Train;

        using var few = splits.PerClass(3, seed: 1);
        using var again = splits.PerClass(3, seed: 1);

        Assert.Equal(30, few.Count);
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(c => Enumerable.Repeat((long)c, 3)), few.Labels.data<long>().ToArray());
        Assert.True(few.Images.allclose(again.Images));
    }

    [Fact]
    public void Split_gives_two_disjoint_parts_that_together_hold_every_image()
    {
        using var images = new LabeledImages(TorchSharp.torch.arange(10).reshape(10, 1).to_type(TorchSharp.torch.ScalarType.Float32),
            TorchSharp.torch.arange(10).remainder(3));

        var (first, others) = images.Split(4, seed: 3);

        var a = first.Images.flatten().data<float>().ToArray();
        var b = others.Images.flatten().data<float>().ToArray();
        Assert.Equal(4, a.Length);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), a.Concat(b).Order());
        Assert.Equal(a.Select(v => (long)v % 3), first.Labels.data<long>().ToArray());
        Assert.Equal(a, images.Split(4, seed: 3).First.Images.flatten().data<float>().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => images.Split(10));
    }
}
