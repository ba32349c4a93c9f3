#:project ../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
// Generated from notebooks/07-embeddings-at-work.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/07-embeddings-at-work.cs -- --mode quick
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

var run = NotebookProgram.Start(args, "07-embeddings-at-work");
try
{
    // # 7. Embeddings at work: trees, clusters, search
    //
    // The lecture lists what an autoencoder's codes are for once it is trained: run k-NN, logistic regression *or a
    // tree-based model* on them, *cluster* them, and *search* images by them. This notebook does all three with the 32-number
    // codes of the lecture's deep autoencoder (MNIST digits unless the `dataset` parameter says otherwise), each time beside
    // the same method on the raw 784 pixels and on 32 PCA components, and each time with the figure that says how well it
    // worked. The classic machine-learning parts (trees, k-means) come from ML.NET, .NET's machine-learning library.

    // parameters
    string mode = run.Parameter("mode", Environment.GetEnvironmentVariable("AUTOENCODERS_MODE") ?? "full"); // "quick" or "full"
    string dataset = run.Parameter("dataset", "mnist");                              // "mnist", "fashion-mnist", or a folder of MNIST-format files
    int unlabelledCount = run.Parameter("unlabelledCount", mode == "quick" ? 20000 : 60000); // images PCA and the autoencoder learn from (labels unused)
    int labelledCount = run.Parameter("labelledCount", mode == "quick" ? 2000 : 10000);    // labelled training images for the classifiers
    int testCount = run.Parameter("testCount", mode == "quick" ? 1000 : 10000);        // test images: classified, clustered, used as search queries
    int autoencoderEpochs = run.Parameter("autoencoderEpochs", mode == "quick" ? 10 : 30);
    int boostingRounds = run.Parameter("boostingRounds", mode == "quick" ? 15 : 100);       // trees per class in the gradient-boosted model
    double boostingStep = run.Parameter("boostingStep", mode == "quick" ? 0.3 : 0.2);     // how much of each new tree's correction is added
    int queryCount = run.Parameter("queryCount", mode == "quick" ? 200 : 1000);         // search queries, searched among the unlabelled images
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);
    var data = ImageSplits.Load(dataset, testCount: testCount, seed: seed);
    var (allTrain, test) = (data.Train, data.Test);
    var unlabelled = unlabelledCount < allTrain.Count ? allTrain.Subset(unlabelledCount, seed) : allTrain;
    var labelled = allTrain.Subset(labelledCount, seed + 1);
    var classCount = data.ClassNames.Count;
    var chance = 1.0 / classCount;
    Console.WriteLine($"{data.Name}: {unlabelled.Count:N0} unlabelled training images, {labelled.Count:N0} labelled, {test.Count:N0} test images, {classCount} classes");

    // ## Three ways to describe an image
    //
    // The same three descriptions as in lesson 4: the raw pixels, 32 PCA components, and the 32-number code of the
    // lecture's 784-128-64-32-64-128-784 autoencoder, with one change: its code layer is linear, lesson 3's fix. A ReLU
    // code is 0 wherever its unit is off, and a unit that is off for every image carries nothing; k-means and search
    // measure distances between codes, and a linear code uses all 32 numbers for them. PCA and the autoencoder learn from
    // the unlabelled images only.

    var pca = Pca.Fit(unlabelled.Images, 32);
    var autoencoder = DenseAutoencoder.Create([784, 128, 64, 32, 64, 128, 784], code: Activation.Linear, seed: seed);
    var history = autoencoder.Fit(unlabelled.Images, unlabelled.Images, epochs: autoencoderEpochs, batchSize: 256,
        validationData: (test.Images, test.Images), seed: seed, progress: TrainingProgress.Silent);
    Console.WriteLine($"autoencoder: validation loss {history.LastValLoss:F4} after {autoencoderEpochs} epochs");

    var features = new (string Name, Func<Tensor, Tensor> Describe)[]
    {
        ("raw pixels (784)", images => images),
        ("PCA (32)", images => pca.Transform(images)),
        ("autoencoder codes (32)", images => autoencoder.Encode(images)),
    };

    // ## Trees on images
    //
    // A **decision tree** asks one question at a time about one feature ("is pixel 350 brighter than 0.3?") and follows
    // the answer down to a leaf that names a class. **Gradient-boosted trees** add up many small trees, each one trained on
    // what the trees before it still get wrong. Both come from ML.NET's LightGBM trainer: the "single tree" is one tree per
    // class (a single boosting round), the boosted model `boostingRounds` rounds of them. Beside them, the course's
    // logistic regression and 5-nearest-neighbours, so all four see the same training images and the same test images.
    // The time, in seconds, is the fit and the predictions for the test images (for k-NN, which only stores the training
    // images, it is all prediction).

    var trees = new List<(string Features, string Classifier, double Accuracy, double Seconds)>();
    foreach (var (name, describe) in features)
    {
        var (train, testFeatures) = (describe(labelled.Images), describe(test.Images));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var logistic = LogisticRegression.Fit(train, labelled.Labels, seed: seed);
        trees.Add((name, "logistic regression", logistic.Accuracy(testFeatures, test.Labels), clock.Elapsed.TotalSeconds));

        clock.Restart();
        using var knn = new KnnClassifier(train, labelled.Labels, 5);
        trees.Add((name, "5-NN", knn.Accuracy(testFeatures, test.Labels), clock.Elapsed.TotalSeconds));

        clock.Restart();
        using var tree = TreeClassifier.FitDecisionTree(train, labelled.Labels, seed: seed);
        trees.Add((name, "decision tree (one per class)", tree.Accuracy(testFeatures, test.Labels), clock.Elapsed.TotalSeconds));

        clock.Restart();
        using var boosted = TreeClassifier.FitBoostedTrees(train, labelled.Labels, rounds: boostingRounds, learningRate: boostingStep, seed: seed);
        trees.Add((name, $"boosted trees ({boostingRounds} rounds)", boosted.Accuracy(testFeatures, test.Labels), clock.Elapsed.TotalSeconds));
    }
    run.Show(Table.Of(trees, "features", "classifier", "test accuracy", "seconds (fit + predict)"));

    var Row = (string features, string classifier) =>
        trees.Single(r => r.Features.StartsWith(features) && r.Classifier.StartsWith(classifier));
    var (pixelTree, pixelBoosted, pixelLogistic) = (Row("raw", "decision").Accuracy, Row("raw", "boosted").Accuracy, Row("raw", "logistic").Accuracy);
    var (codeTree, codeBoosted) = (Row("auto", "decision").Accuracy, Row("auto", "boosted").Accuracy);
    Console.WriteLine($"on raw pixels: one tree per class {pixelTree:P1}, logistic regression {pixelLogistic:P1}, boosted trees {pixelBoosted:P1} (chance {chance:P0})");
    Console.WriteLine($"on autoencoder codes: one tree per class {codeTree:P1}, boosted trees {codeBoosted:P1}");
    Claim.AtLeast(pixelTree, chance + 0.4 * (1 - chance), "a single tree per class on raw pixels beats guessing by far");
    Claim.AtLeast(pixelLogistic, pixelTree + 0.03, "logistic regression, weighing every pixel at once, beats a single tree on raw pixels");
    Claim.AtLeast(pixelBoosted, pixelTree + 0.05, "many boosted trees beat a single tree on raw pixels");
    Claim.AtLeast(pixelBoosted, pixelLogistic - (mode == "quick" ? 0.05 : 0.0), "boosted trees do as well as logistic regression on raw pixels");
    Claim.AtLeast(codeBoosted, codeTree + 0.03, "on codes too, many boosted trees beat a single tree");
    run.Show(SimilarItemsChart.Create(trees.Select(t => $"{t.Classifier}, {t.Features}").ToList(), trees.Select(t => t.Accuracy).ToList(),
        title: $"{data.Name}: test accuracy of four classifiers on three descriptions", scoreTitle: "test accuracy"));

    // The lecture asks whether decision trees and logistic regression are good enough for raw images. The table answers
    // for this data. Both beat guessing by far. A single tree is the weakest model in the table: each of its questions
    // looks at one pixel, no one pixel says much about a digit or a garment, and every question splits the training images
    // into smaller groups, so the questions further down are learned from few images. Logistic regression weighs all pixels
    // at once and beats it clearly. Trees become good image classifiers when there are many of them: boosted trees, each
    // correcting what the trees before it got wrong, match logistic regression, and with the lecture's settings (full mode:
    // more labels, more rounds) they pass it, at the cost in time the last column shows. Trees pay less for 784
    // pixels than the count suggests: each feature is binned into at most 255 values, and a border pixel that is always 0
    // is never split on. How much accuracy the codes keep against pixels depends on the data and on how long the
    // autoencoder trained: compare the rows.

    // ## Clustering: groups without labels
    //
    // **k-means** puts the images into k groups so that each image is near the mean of its group, without seeing a label.
    // Do its groups match the classes? Two scores, both 1 for a perfect match and about 0 for groups drawn at random:
    //
    // - the **adjusted Rand index** (ARI): of all pairs of images, how many the clustering and the labels agree on
    //   (together in both, or apart in both), corrected so that chance scores 0;
    // - **normalised mutual information** (NMI): how much knowing an image's group tells about its label, as a share of
    //   what there is to know.
    //
    // k is the number of classes, and the test images are clustered. As a baseline, the autoencoder's groups are shuffled
    // among the images: the same group sizes, no relation to the images.

    var clusterings = new List<(string Features, double Ari, double Nmi, double Seconds)>();
    Tensor? codeClusters = null;
    foreach (var (name, describe) in features)
    {
        var points = describe(test.Images);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var clusters = KMeans.Fit(points, classCount, seed: seed).Assign(points);
        var seconds = clock.Elapsed.TotalSeconds;
        clusterings.Add((name, ClusterAgreement.AdjustedRandIndex(test.Labels, clusters),
            ClusterAgreement.NormalizedMutualInformation(test.Labels, clusters), seconds));
        if (name.StartsWith("autoencoder")) codeClusters = clusters;
    }
    var shuffled = codeClusters!.index_select(0, torch.randperm(test.Count, generator: new torch.Generator().manual_seed(seed)));
    clusterings.Add(("groups shuffled at random", ClusterAgreement.AdjustedRandIndex(test.Labels, shuffled),
        ClusterAgreement.NormalizedMutualInformation(test.Labels, shuffled), 0.0));
    run.Show(Table.Of(clusterings, "features", "adjusted Rand index", "normalised mutual information", "k-means seconds"));

    var pixelClustering = clusterings[0];
    var codeClustering = clusterings[2];
    var randomClustering = clusterings[3];
    Console.WriteLine($"adjusted Rand index: pixels {pixelClustering.Ari:F3}, autoencoder codes {codeClustering.Ari:F3}, random groups {randomClustering.Ari:F3}");
    Claim.AtLeast(codeClustering.Ari, randomClustering.Ari + 0.1, "k-means on autoencoder codes groups the images far better than random groups");
    Claim.AtLeast(codeClustering.Nmi, randomClustering.Nmi + 0.2, "k-means groups on codes say much about the labels");
    Claim.AtLeast(codeClustering.Nmi, pixelClustering.Nmi - (mode == "quick" ? 0.2 : 0.1), "32 code numbers cluster about as well as 784 pixels");

    // What does each group hold? Every row below is one k-means group of the autoencoder codes: its first images, and the
    // label most of its images carry with that label's share.

    var clusterRows = new List<(string Label, Tensor Images)>();
    var groups = codeClusters!.data<long>().ToArray();
    var labels = test.Labels.data<long>().ToArray();
    int shown = Math.Min(10, groups.GroupBy(g => g).Min(g => g.Count()));
    foreach (var group in groups.Select((g, i) => (g, i)).GroupBy(t => t.g).OrderBy(g => g.Key))
    {
        var members = group.Select(t => (long)t.i).ToArray();
        var top = members.GroupBy(i => labels[i]).OrderByDescending(g => g.Count()).First();
        clusterRows.Add(($"{data.ClassName(top.Key)} ({100.0 * top.Count() / members.Length:F0} %)",
            test.Images.index_select(0, torch.tensor(members.Take(shown).ToArray()))));
    }
    run.Show(ImageGrid.Create(clusterRows, title: $"{data.Name}: k-means groups of autoencoder codes (most common label, its share)"));

    // Groups are not classes. Some classes split into two groups (two ways of writing a 7, say), and some groups
    // mix classes that look alike (4 and 9; shirts, pullovers and coats). k-means only knows distances, and the
    // autoencoder's code puts images close when they *look* alike. That is what makes codes useful for the next task.

    // ## Image search
    //
    // Give one image, get the most similar ones: here the 10 images nearest to the query among the unlabelled training
    // images, by distance between their descriptions. **Precision@10** is the share of the 10 results that carry the
    // query's label (the labels judge the search; the search never sees them). Guessing would score the share of the
    // query's class, about 1 in 10.

    var queries = test.Subset(queryCount, seed + 2);
    var search = new List<(string Features, double PrecisionAt10, double MillisecondsPerQuery)>();
    var results = new Dictionary<string, Tensor>();
    foreach (var (name, describe) in features)
    {
        using var index = new ImageSearch(describe(unlabelled.Images));
        var queryFeatures = describe(queries.Images);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var nearest = index.Nearest(queryFeatures, k: 10);
        var milliseconds = clock.Elapsed.TotalMilliseconds / queries.Count;
        search.Add((name, RetrievalPrecision.AtK(nearest, unlabelled.Labels, queries.Labels), milliseconds));
        results[name] = nearest;
    }
    run.Show(Table.Of(search, "features", "precision@10", "milliseconds per query"));

    var pixelPrecision = search[0].PrecisionAt10;
    var codePrecision = search[2].PrecisionAt10;
    Claim.AtLeast(codePrecision, chance + 0.5 * (1 - chance), "searching by code finds mostly images of the query's class");
    Claim.AtLeast(codePrecision, pixelPrecision - (mode == "quick" ? 0.08 : 0.05), "32 code numbers search about as well as 784 pixels");
    Console.WriteLine($"precision@10: pixels {pixelPrecision:P1}, autoencoder codes {codePrecision:P1} (guessing about {chance:P0}); " +
                      $"a code search takes {search[2].MillisecondsPerQuery / search[0].MillisecondsPerQuery:P0} of a pixel search's time");

    // Each pair of rows below is one query (the first image) and its 10 results, found by pixels and by autoencoder codes.

    var searchRows = new List<(string Label, Tensor Images)>();
    for (int q = 0; q < 4; q++)
    {
        var query = queries.Images.narrow(0, q, 1);
        foreach (var (name, by) in new[] { ("raw pixels (784)", "pixels"), ("autoencoder codes (32)", "codes") })
        {
            var found = unlabelled.Images.index_select(0, results[name][q]);
            searchRows.Add(($"{data.ClassName(queries.Labels[q].item<long>())}, by {by}", torch.cat([query, found], 0)));
        }
    }
    run.Show(ImageGrid.Create(searchRows, title: $"{data.Name}: query (first column) and its 10 nearest images"));

    // ## What we saw

    foreach (var t in trees) Console.WriteLine($"{t.Features,-24} {t.Classifier,-30} accuracy {t.Accuracy:F4} in {t.Seconds:F2} s");
    foreach (var c in clusterings) Console.WriteLine($"k-means, {c.Features,-26} ARI {c.Ari:F3}, NMI {c.Nmi:F3}");
    foreach (var s in search) Console.WriteLine($"search, {s.Features,-24} precision@10 {s.PrecisionAt10:F3}, {s.MillisecondsPerQuery:F3} ms per query");

    // Thirty-two numbers learned without a label carry most of what each of these tasks needs from 784 pixels. Trees on
    // them come close to trees on pixels, k-means finds groups on them that match the classes far better than chance and
    // not far from what it finds on pixels (the table above says how far on this data), and a search by code returns images
    // of the query's kind nearly as often as a search by pixels while comparing 24 times fewer numbers. The lecture's
    // question has a two-part answer: logistic regression and one decision tree are far better than guessing, but one tree
    // is the weakest image classifier here; many boosted trees are among the strongest, on pixels and on codes alike.
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
