using TorchSharp;

namespace Autoencoders.Data;

/// <summary>Images and their labels, as tensors that belong together.</summary>
/// <remarks>Owns both tensors: dispose it (or keep it for the notebook's lifetime) rather than the tensors
/// individually. Keeping the pair in one object is what makes <see cref="Subset"/> pick matching labels.</remarks>
public sealed class LabeledImages : IDisposable
{
    /// <summary>Wraps existing tensors; the new object owns them.</summary>
    public LabeledImages(torch.Tensor images, torch.Tensor labels)
    {
        if (images.shape[0] != labels.shape[0])
            throw new ArgumentException(
                $"{images.shape[0]} images but {labels.shape[0]} labels: they must be paired one to one.");
        Images = images;
        Labels = labels;
    }

    /// <summary>float32 pixels in [0, 1]: (N, 784) or (N, 28, 28) depending on the layout asked for.</summary>
    public torch.Tensor Images { get; }

    /// <summary>int64 class labels, (N).</summary>
    public torch.Tensor Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>A random subset of <paramref name="count"/> images with their labels, the same for the same seed on
    /// every machine (t-SNE and plots use a few thousand of the 60,000 images).</summary>
    public LabeledImages Subset(int count, int seed = 42)
    {
        var indices = RandomSubset.Indices(Count, count, seed);
        using var index = torch.tensor(indices.Select(i => (long)i).ToArray());
        return new LabeledImages(Images.index_select(0, index), Labels.index_select(0, index));
    }

    /// <summary>Two disjoint random parts, the first of <paramref name="count"/> images and the second of all the others:
    /// a network pretrained on the first part's labels is then tested on a task learned from images it never saw.
    /// The same for the same seed.</summary>
    public (LabeledImages First, LabeledImages Others) Split(int count, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(count, Count);
        var first = RandomSubset.Indices(Count, count, seed).Select(i => (long)i).ToArray();
        var chosen = first.ToHashSet();
        var rest = Enumerable.Range(0, Count).Select(i => (long)i).Where(i => !chosen.Contains(i)).ToArray();
        var labels = Labels.data<long>().ToArray();
        return (Take(first, first.Select(r => labels[r]).ToArray()), Take(rest, rest.Select(r => labels[r]).ToArray()));
    }

    /// <summary>The images whose label is one of <paramref name="classes"/>, relabelled 0, 1, … in the order given:
    /// the target task of transfer learning ("classes 5–9 as 0–4") without index plumbing in the lesson.</summary>
    /// <exception cref="ArgumentException">No class given, or a class given twice.</exception>
    public LabeledImages OfClasses(params long[] classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Length == 0) throw new ArgumentException("Name at least one class.", nameof(classes));
        if (classes.Distinct().Count() != classes.Length)
            throw new ArgumentException($"A class appears twice in [{string.Join(", ", classes)}].", nameof(classes));
        var labels = Labels.data<long>().ToArray();
        var position = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (long)p.i);
        var rows = Enumerable.Range(0, labels.Length).Where(r => position.ContainsKey(labels[r])).Select(r => (long)r).ToArray();
        return Take(rows, rows.Select(r => position[labels[r]]).ToArray());
    }

    /// <summary><paramref name="count"/> randomly chosen images of every class present (fewer where a class has
    /// fewer), in class order: a labelled set of "k examples per class", the same for the same seed.</summary>
    public LabeledImages PerClass(int count, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var labels = Labels.data<long>().ToArray();
        var random = new Random(seed);
        var rows = Enumerable.Range(0, labels.Length).GroupBy(r => labels[r]).OrderBy(g => g.Key)
            .SelectMany(g => g.OrderBy(_ => random.Next()).Take(count)).Select(r => (long)r).ToArray();
        return Take(rows, rows.Select(r => labels[r]).ToArray());
    }

    LabeledImages Take(long[] rows, long[] labels)
    {
        using var index = torch.tensor(rows);
        return new LabeledImages(Images.index_select(0, index), torch.tensor(labels));
    }

    /// <summary>Disposes both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
