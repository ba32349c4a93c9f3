using Autoencoders.Data;
using TorchSharp;

namespace Autoencoders.Tests.Data;

public class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_images_and_labels_plain_or_gzipped(bool gzipped)
    {
        using var temp = new TempFolder();
        Func<byte[], byte[]> wrap = gzipped ? IdxFiles.Gzip : b => b;
        var images = temp.Write("img", wrap(IdxFiles.Images(4)));
        var labels = temp.Write("lbl", wrap(IdxFiles.Labels(3, 1, 4, 1)));

        using var set = IdxImageDataset.Read(images, labels);
        Assert.Equal(new long[] { 4, 6 }, set.Images.shape);
        Assert.Equal(torch.ScalarType.Float32, set.Images.dtype);
        Assert.Equal(torch.ScalarType.Int64, set.Labels.dtype);
        Assert.Equal(new long[] { 3, 1, 4, 1 }, set.Labels.data<long>().ToArray());
        // pixel 5 of image 1 is byte (11 * 7) % 256 = 77
        Assert.Equal(77f / 255f, set.Images[1, 5].item<float>(), 6);
    }

    [Fact]
    public void Square_layout_keeps_rows_and_columns()
    {
        using var temp = new TempFolder();
        var path = temp.Write("img", IdxFiles.Images(2, rows: 2, cols: 3));
        using var images = IdxReader.Read(path).ToImages(ImageLayout.Square);
        Assert.Equal(new long[] { 2, 2, 3 }, images.shape);
    }

    [Fact]
    public void Converts_big_endian_integers()
    {
        using var temp = new TempFolder();
        var path = temp.Write("ints", IdxFiles.Build(0x0C, [2], [0, 0, 1, 2, 0xFF, 0xFF, 0xFF, 0xFE]));
        using var tensor = IdxReader.Read(path).ToTensor();
        Assert.Equal(new[] { 258, -2 }, tensor.data<int>().ToArray());
    }

    [Fact]
    public void Wrong_magic_number_names_the_file()
    {
        using var temp = new TempFolder();
        var path = temp.Write("not-idx.gz", "PK\u0003\u0004 zip, not idx"u8.ToArray());
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("not an IDX file", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        using var temp = new TempFolder();
        var path = temp.Write("empty", []);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Contains("empty", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_is_reported_not_zero_filled(bool gzipped)
    {
        using var temp = new TempFolder();
        var full = IdxFiles.Images(10);
        var bytes = gzipped ? IdxFiles.Gzip(full)[..^12] : full[..^5];
        var path = temp.Write("cut", bytes);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Matches("truncated|corrupt", e.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_reported()
    {
        using var temp = new TempFolder();
        var bytes = IdxFiles.Gzip(IdxFiles.Images(50));
        for (var i = 12; i < bytes.Length - 8; i++) bytes[i] ^= 0x5A;
        var path = temp.Write("garbled.gz", bytes);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Image_and_label_count_mismatch_is_reported()
    {
        using var temp = new TempFolder();
        var images = temp.Write("img", IdxFiles.Images(3));
        var labels = temp.Write("lbl", IdxFiles.Labels(1, 2));
        var e = Assert.Throws<DataFormatException>(() => IdxImageDataset.Read(images, labels));
        Assert.Contains("2 labels", e.Message);
        Assert.Contains("3 images", e.Message);
    }

    [Fact]
    public void Labels_file_passed_as_images_is_reported()
    {
        using var temp = new TempFolder();
        var labels = temp.Write("lbl", IdxFiles.Labels(1, 2));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(labels).ToImages());
        Assert.Contains("label file", e.Message);
    }
}
