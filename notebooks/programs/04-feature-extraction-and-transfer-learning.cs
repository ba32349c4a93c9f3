#:project ../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
// Generated from notebooks/04-feature-extraction-and-transfer-learning.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/04-feature-extraction-and-transfer-learning.cs -- --mode quick
// (--mode full for the lecture's settings, --param name=value for any parameter, --help for more).

using TorchSharp;
using static TorchSharp.torch;
using Plotly.NET.CSharp;
using Microsoft.Data.Analysis;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using Autoencoders.Analysis;
using Autoencoders.Charts;
using Autoencoders.Notebooks;
using Autoencoders.Recommenders;

var run = NotebookProgram.Start(args, "04-feature-extraction-and-transfer-learning");
try
{
    // # 4. Codes as features, and transfer learning
    //
    // An autoencoder learns its codes without labels. Are they good features for a task that does have labels? This
    // notebook trains simple classifiers (multinomial logistic regression and 5-nearest-neighbours) on three versions of the
    // same images (MNIST digits unless the `dataset` parameter says otherwise): the raw 784 pixels, 32 PCA components, and the 32-number codes of the deep autoencoder. Then it
    // reuses an encoder learned on one task for another one with very few labels: **transfer learning**.

    // parameters
    string mode = run.Parameter("mode", Environment.GetEnvironmentVariable("AUTOENCODERS_MODE") ?? "full"); // "quick" or "full"
    string dataset = run.Parameter("dataset", "mnist");                              // "mnist", "fashion-mnist", or a folder of MNIST-format files
    int unlabelledCount = run.Parameter("unlabelledCount", mode == "quick" ? 20000 : 60000); // images the autoencoders learn from (labels unused)
    int labelledCount = run.Parameter("labelledCount", mode == "quick" ? 5000 : 10000);    // labelled training images for the classifiers
    int testCount = run.Parameter("testCount", mode == "quick" ? 2000 : 10000);
    int autoencoderEpochs = run.Parameter("autoencoderEpochs", mode == "quick" ? 10 : 30);     // unsupervised training, on every training image
    int[] labelBudgets = run.Parameter<int[]>("labelBudgets", mode == "quick" ? new[] { 1, 10 } : new[] { 1, 3, 10, 30, 100 }); // labelled images per class, new task
    int transferSeeds = run.Parameter("transferSeeds", mode == "quick" ? 2 : 3);           // repetitions: other labelled images, other initial weights
    int sourceEpochs = run.Parameter("sourceEpochs", mode == "quick" ? 3 : 10);           // the first task's classifier
    int transferEpochs = run.Parameter("transferEpochs", mode == "quick" ? 60 : 200);
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);
    var data = ImageSplits.Load(dataset, testCount: testCount, seed: seed);
    var (allTrain, test) = (data.Train, data.Test);
    var unlabelled = unlabelledCount < allTrain.Count ? allTrain.Subset(unlabelledCount, seed) : allTrain;
    var labelled = allTrain.Subset(labelledCount, seed + 1);
    Console.WriteLine($"{unlabelled.Count:N0} unlabelled training images, {labelled.Count:N0} labelled, {test.Count:N0} test images");

    // ## Three feature sets
    //
    // PCA and the autoencoder learn from all training images *without* their labels; the classifiers then see only the
    // labelled subset. The autoencoder is the lecture's 784-128-64-32-64-128-784 network.

    var pca = Pca.Fit(unlabelled.Images, 32);
    var autoencoder = DenseAutoencoder.Create([784, 128, 64, 32, 64, 128, 784], seed: seed);
    var history = autoencoder.Fit(unlabelled.Images, unlabelled.Images, epochs: autoencoderEpochs, batchSize: 256,
        validationData: (test.Images, test.Images), seed: seed);

    var features = new (string Name, Tensor Train, Tensor Test)[]
    {
        ("raw pixels (784)", labelled.Images, test.Images),
        ("PCA (32)", pca.Transform(labelled.Images), pca.Transform(test.Images)),
        ("autoencoder codes (32)", autoencoder.Encode(labelled.Images), autoencoder.Encode(test.Images)),
    };

    var results = new List<(string Features, string Classifier, double Accuracy, double Seconds)>();
    LogisticRegression? aeLogistic = null;
    foreach (var (name, train, testFeatures) in features)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var logistic = LogisticRegression.Fit(train, labelled.Labels, seed: seed);
        var logisticAccuracy = logistic.Accuracy(testFeatures, test.Labels);
        results.Add((name, "logistic regression", logisticAccuracy, clock.Elapsed.TotalSeconds));
        if (name.StartsWith("autoencoder")) aeLogistic = logistic;

        clock.Restart();
        using var knn = new KnnClassifier(train, labelled.Labels, 5);
        results.Add((name, "5-NN", knn.Accuracy(testFeatures, test.Labels), clock.Elapsed.TotalSeconds));
    }
    run.Show(Table.Of(results, "features", "classifier", "test accuracy", "seconds (fit + predict)"));

    double AccuracyOf(string features, string classifier) => results.Single(r => r.Features == features && r.Classifier == classifier).Accuracy;
    var aeAccuracy = AccuracyOf("autoencoder codes (32)", "logistic regression");
    var rawAccuracy = AccuracyOf("raw pixels (784)", "logistic regression");
    var pcaAccuracy = AccuracyOf("PCA (32)", "logistic regression");
    // Measured against guessing: the share of the pixels' lead over chance that 32 numbers keep.
    var chance = 1.0 / data.ClassNames.Count;
    var kept = (aeAccuracy - chance) / (rawAccuracy - chance);
    Console.WriteLine($"logistic regression: pixels {rawAccuracy:P1}, PCA codes {pcaAccuracy:P1}, autoencoder codes {aeAccuracy:P1} (chance {chance:P0}); " +
                      $"the codes lose {100 * (rawAccuracy - aeAccuracy):F1} points against pixels and keep {kept:P0} of their lead over chance");
    Claim.AtLeast(kept, 0.8, "32 autoencoder numbers keep most of what a linear classifier finds in 784 pixels");
    run.Show(ConfusionMatrixChart.Create(ConfusionMatrix.From(test.Labels, aeLogistic!.Predict(features[2].Test)),
        title: $"{data.Name}, logistic regression on autoencoder codes: actual (rows) against predicted (columns)"));

    // The 32-number codes keep most of what a linear classifier can use from 784 pixels, at a 24th of the size, and k-NN
    // gets much faster on them (its cost grows with the number of features). The autoencoder never saw a label: its only
    // goal was to rebuild images, and that required keeping much of what makes one class differ from another. How much is
    // lost depends on the data, as the line above says: on digits the codes come close to the pixels; on clothing
    // (`dataset = "fashion-mnist"`), where classes such as shirts and pullovers differ in details a 32-number
    // reconstruction blurs, they lose several points, and PCA's codes, chosen for the largest variations, can do better.

    // ## Transfer learning: a network trained for one task, reused for another
    //
    // The lecture's scenario: somebody trained a network for one task, with plenty of labels and compute; you have a new,
    // related question and only a handful of labelled examples. Instead of training a network from scratch, start from the
    // trained network's intermediate layer.
    //
    // Here the first task is telling the classes apart, learned from the labelled images of one half of the training set.
    // The new question is whether an image's class number is even (for digits: *is it an even digit?*). It is asked about
    // the other half, which the first network never saw, with only `k` labelled images per class, for every `k` in
    // `labelBudgets` and `transferSeeds` times (other labelled images, other initial weights). The model is always the same
    // 784-128-64-32 encoder with a two-way linear head; what changes is where the encoder starts:
    //
    // - **from scratch**: random weights;
    // - **autoencoder**: the encoder of the autoencoder above, which learned from images without any label;
    // - **classifier**: the encoder of the network trained on the first task.
    //
    // A pretrained encoder is either **frozen** (only the head learns: its codes are fixed features) or **fine-tuned** (it
    // keeps learning from the new labels).

    // The first task learns from one half of the training images; the new question takes its few labels from the other.
    var (firstHalf, secondHalf) = allTrain.Split(allTrain.Count / 2, seed + 2);
    var source = firstHalf.Subset(Math.Min(unlabelledCount / 2, firstHalf.Count), seed);
    LabeledImages EvenOrOdd(LabeledImages images) => new(images.Images, images.Labels.remainder(2)); // 0 even, 1 odd
    var newTest = EvenOrOdd(test);

    int[] sizes = [784, 128, 64, 32, 64, 128, 784];
    var sourceNetwork = DenseAutoencoder.Create(sizes, seed: seed);        // only its encoder is used
    var sourceClassifier = new EncoderClassifier(sourceNetwork.Encoder, 32, data.ClassNames.Count, freezeEncoder: false, seed: seed);
    sourceClassifier.Fit(source.Images, source.Labels, epochs: sourceEpochs, batchSize: 256,
        loss: Losses.CategoricalCrossEntropy, seed: seed, progress: TrainingProgress.Silent);
    Console.WriteLine($"first task: {data.ClassNames.Count} classes learned from {source.Count:N0} labelled images, " +
                      $"test accuracy {Accuracy.Of(test.Labels, sourceClassifier.PredictClasses(test.Images)):P1}");

    // Every run trains its own copy, so no run changes the starting point of the next.
    var starts = new (string Name, Func<int, EncoderClassifier> Build)[]
    {
        ("from scratch", s => new EncoderClassifier(DenseAutoencoder.Create(sizes, seed: s + 1000).Encoder, 32, 2, freezeEncoder: false, seed: s)),
        ("autoencoder, frozen", s => new EncoderClassifier(autoencoder.Copy().Encoder, 32, 2, freezeEncoder: true, seed: s)),
        ("autoencoder, fine-tuned", s => new EncoderClassifier(autoencoder.Copy().Encoder, 32, 2, freezeEncoder: false, seed: s)),
        ("classifier, frozen", s => new EncoderClassifier(sourceNetwork.Copy().Encoder, 32, 2, freezeEncoder: true, seed: s)),
        ("classifier, fine-tuned", s => new EncoderClassifier(sourceNetwork.Copy().Encoder, 32, 2, freezeEncoder: false, seed: s)),
    };
    var transfer = new List<(string Start, double PerClass, double Accuracy)>();
    foreach (var perClass in labelBudgets)
        for (var s = seed; s < seed + transferSeeds; s++)
        {
            using var few = EvenOrOdd(secondHalf.PerClass(perClass, s));
            foreach (var (name, build) in starts)
            {
                using var model = build(s);
                model.Fit(few.Images, few.Labels, epochs: transferEpochs, batchSize: 25, loss: Losses.CategoricalCrossEntropy,
                    learningRate: 3e-3, seed: s, progress: TrainingProgress.Silent);
                transfer.Add((name, perClass, Accuracy.Of(newTest.Labels, model.PredictClasses(newTest.Images))));
            }
        }
    run.Show(SweepChart.Create(transfer, xTitle: "labelled images per class", yTitle: "test accuracy: even or odd class number",
        title: $"{data.Name}: a new question from few labels (lines: mean over {transferSeeds} seeds; dots: each seed)"));

    double Mean(string start, int perClass) => transfer.Where(t => t.Start == start && t.PerClass == perClass).Average(t => t.Accuracy);
    string BestStart(int perClass) => starts.Skip(1).Select(s => s.Name).MaxBy(name => Mean(name, perClass))!;
    double Lead(int perClass) => Mean(BestStart(perClass), perClass) - Mean("from scratch", perClass);
    var (fewest, most) = (labelBudgets.Min(), labelBudgets.Max());
    var caughtUp = labelBudgets.Where(k => Lead(k) < 0.01).Cast<int?>().FirstOrDefault();
    Console.WriteLine(caughtUp is { } k0
        ? $"from {k0} labelled images per class on, training from scratch comes within a point of the best pretrained start"
        : $"up to {most} labelled images per class, the best pretrained start stays more than a point ahead of training from scratch");
    Claim.AtLeast(Lead(fewest), 0.01, $"with {fewest} labelled image(s) per class, a pretrained start beats training from scratch");
    Claim.AtMost(Lead(most), Lead(fewest) - 0.01, "the lead of pretraining shrinks as labels grow");
    run.Show(Table.Of(labelBudgets.Select(k => (k, Mean("from scratch", k), BestStart(k), Mean(BestStart(k), k), Lead(k))),
        "labelled images per class", "from scratch", "best pretrained start", "its accuracy", "lead"));

    // ## What we saw

    foreach (var r in results) Console.WriteLine($"{r.Features,-24} {r.Classifier,-20} accuracy {r.Accuracy:F4} in {r.Seconds:F2} s");
    foreach (var k in labelBudgets)
        Console.WriteLine($"new question, {k,3} labels per class: " + string.Join(", ", starts.Select(s => $"{s.Name} {Mean(s.Name, k):P1}")));

    // Codes learned without labels make compact, useful features. Transfer learning pays where labels are scarce: with a
    // single labelled image per class, the encoder of a network trained for the first task answers the new question better
    // than anything trained from scratch, because its code already separates the classes the question is about. As labels
    // grow, training from scratch catches up (the table says from where), and the pretrained start stops mattering. Compare the
    // autoencoder's lines with them: its encoder never saw a label, and its code keeps what rebuilds the pixels, which is
    // not the same as what answers a question about them. How much a pretrained start helps depends on how close the first
    // task is to the new one: ask another question in `EvenOrOdd` (for example `images.Labels.lt(5)`) and see.
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
