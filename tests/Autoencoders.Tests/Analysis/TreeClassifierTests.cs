using Autoencoders.Analysis;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Analysis;

public class TreeClassifierTests
{
    [Fact]
    public void Boosted_trees_separate_blobs_and_a_decision_tree_learns_an_axis_split()
    {
        using var scope = NewDisposeScope();
        var (x, y) = ClassifierTests.Blobs(100, seed: 31, spread: 1.5f);
        using var boosted = TreeClassifier.FitBoostedTrees(x.narrow(0, 0, 200), y.narrow(0, 0, 200), rounds: 30);
        Assert.Equal(3, boosted.ClassCount);
        Assert.True(boosted.Accuracy(x.narrow(0, 200, 100), y.narrow(0, 200, 100)) > 0.9);

        // Class = which of three intervals the first feature falls in; the second feature is noise.
        var first = arange(0, 300, dtype: ScalarType.Float32) / 100;
        var features = stack([first, rand(300)], 1);
        var labels = first.floor().to_type(ScalarType.Int64);
        using var tree = TreeClassifier.FitDecisionTree(features, labels, leaves: 8);
        Assert.Equal(1, tree.Rounds);
        var predicted = tree.Predict(tensor(new float[,] { { 0.5f, 0.5f }, { 1.5f, 0.1f }, { 2.5f, 0.9f } }));
        Assert.Equal(new long[] { 0, 1, 2 }, predicted.data<long>().ToArray());
    }

    [Fact]
    public void Classes_keep_their_numbers_whatever_order_they_first_appear_in()
    {
        using var scope = NewDisposeScope();
        // Class 2 comes first in the data: predictions must still say 2 for it, not 0.
        var x = tensor(new float[,] { { 9 }, { 9.1f }, { 0 }, { 0.1f }, { 5 }, { 5.1f } }).repeat(10, 1);
        var y = tensor(new long[] { 2, 2, 0, 0, 1, 1 }).repeat(10);
        using var tree = TreeClassifier.FitDecisionTree(x, y, leaves: 4, minLeafSize: 2);
        Assert.Equal(new long[] { 2, 0, 1 }, tree.Predict(tensor(new float[,] { { 9 }, { 0 }, { 5 } })).data<long>().ToArray());
    }
}
