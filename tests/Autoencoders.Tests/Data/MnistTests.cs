using Autoencoders.Data;
using TorchSharp;

namespace Autoencoders.Tests.Data;

public class MnistTests
{
    [Fact]
    public void Loads_the_bundled_training_set()
    {
        using var train = Mnist.Train();
        Assert.Equal(new long[] { 60000, 784 }, train.Images.shape);
        Assert.Equal(new long[] { 60000 }, train.Labels.shape);
        Assert.Equal(new long[] { 5, 0, 4, 1, 9 }, train.Labels[..5].data<long>().ToArray());
        Assert.Equal(0f, train.Images.min().item<float>());
        Assert.Equal(1f, train.Images.max().item<float>());
        using var counts = train.Labels.bincount(weights: null, minlength: 10);
        Assert.Equal(5923, counts[0].item<long>()); // the published class count of zeros in the training set
    }

    [Fact]
    public void Loads_the_bundled_test_set_square()
    {
        using var test = Mnist.Test(ImageLayout.Square);
        Assert.Equal(new long[] { 10000, 28, 28 }, test.Images.shape);
        Assert.Equal(new long[] { 7, 2, 1, 0, 4 }, test.Labels[..5].data<long>().ToArray());
    }

    [Fact]
    public void Subset_is_seeded_and_keeps_labels_with_images()
    {
        using var test = Mnist.Test();
        using var a = test.Subset(100, seed: 7);
        using var b = test.Subset(100, seed: 7);
        using var c = test.Subset(100, seed: 8);
        Assert.Equal(new long[] { 100, 784 }, a.Images.shape);
        Assert.True(a.Images.allclose(b.Images, rtol: 0, atol: 0));
        Assert.False(a.Labels.allclose(c.Labels, rtol: 0, atol: 0) && a.Images.allclose(c.Images, rtol: 0, atol: 0));
        var index = RandomSubset.Indices(test.Count, 100, seed: 7);
        Assert.Equal(test.Labels[index[3]].item<long>(), a.Labels[3].item<long>());
    }

    [Fact]
    public void Explicit_folder_is_used_and_a_corrupt_copy_is_caught()
    {
        using var temp = new TempFolder();
        var bundled = Path.Combine(DataFolder.Locate(), "mnist");
        foreach (var f in Directory.GetFiles(bundled)) File.Copy(f, temp.File(Path.GetFileName(f)));
        using (var test = Mnist.Test(folder: temp.Path)) Assert.Equal(10000, test.Count);

        var labels = temp.File("t10k-labels-idx1-ubyte.gz");
        var bytes = File.ReadAllBytes(labels);
        bytes[100] ^= 1;
        File.WriteAllBytes(labels, bytes);
        var e = Assert.Throws<DataFormatException>(() => Mnist.Test(folder: temp.Path));
        Assert.Equal(labels, e.FilePath);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void Missing_file_in_explicit_folder_says_where_to_put_it()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<DatasetUnavailableException>(() => Mnist.Train(folder: temp.Path));
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        Assert.Equal(temp.File("train-images-idx3-ubyte.gz"), e.ExpectedPath);
    }

    [Fact]
    public void Noise_is_clipped_seeded_and_leaves_the_input_alone()
    {
        using var x = torch.full(1000, 0.5f);
        using var a = Noise.Gaussian(x, 0.5, seed: 1);
        using var b = Noise.Gaussian(x, 0.5, seed: 1);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
        Assert.True(a.min().item<float>() >= 0f && a.max().item<float>() <= 1f);
        Assert.Equal(0f, a.min().item<float>()); // 0.5 + 0.5·N(0,1) falls below 0 for ~2 % of 1000 draws
        Assert.Equal(0.5f, x.max().item<float>());
        using var std = (a - x).std();
        Assert.InRange(std.item<float>(), 0.3f, 0.5f);
    }
}

public class DataFolderTests
{
    [Fact]
    public void Data_folder_is_found_from_nested_notebook_folders()
    {
        using var temp = new TempFolder();
        temp.WriteText("Course.sln", "");
        Directory.CreateDirectory(temp.File("data"));
        var assignments = temp.File(Path.Combine("notebooks", "assignments"));
        Directory.CreateDirectory(assignments);
        Assert.Equal(temp.File("data"), DataFolder.FindAbove(assignments));
        Assert.Equal(temp.File("data"), DataFolder.FindAbove(null, "", temp.Path));
        Assert.Null(DataFolder.FindAbove(Path.GetTempPath()));
    }

    [Fact]
    public void Data_folder_is_found_from_the_test_bin_folder()
    {
        var data = DataFolder.Locate();
        Assert.True(File.Exists(Path.Combine(data, "..", "Course.sln")));
        Assert.True(File.Exists(Path.Combine(data, "mnist", "t10k-labels-idx1-ubyte.gz")));
    }
}
