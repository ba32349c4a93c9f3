#:project ../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
// Generated from notebooks/02-applications-and-dimensionality-reduction.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/02-applications-and-dimensionality-reduction.cs -- --mode quick
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

var run = NotebookProgram.Start(args, "02-applications-and-dimensionality-reduction");
try
{
    // # 2. Applications, and dimensionality reduction
    //
    // The bottleneck of an autoencoder holds a short description of each input. That one idea has several uses:
    //
    // - **Dimensionality reduction.** Replace a 784-pixel image by, say, 32 numbers. Fewer features mean faster models
    //   downstream, less memory, and, with two or three numbers, pictures of a whole data set (the next notebook).
    // - **Denoising.** Train the network to rebuild the *clean* input from a *corrupted* one; it learns to remove the
    //   corruption (notebook 5).
    // - **Embeddings.** The code of an item is a vector you can compare with others: similar movies for a recommender
    //   (notebook 6), clusters of customers, images that look alike for search.
    //
    // This notebook is about the first use, on real images: handwritten digits (MNIST) unless the `dataset` parameter
    // swaps in Fashion-MNIST or any folder of MNIST-format files. It answers four questions: how does a *linear*
    // autoencoder relate to the classic method, principal component analysis (PCA)? What do design choices (symmetric or
    // not, tied weights) cost and buy? How well does the lecture's deep autoencoder rebuild the images, and how does it get
    // there? And what does each extra number in the code buy?

    // parameters
    string mode = run.Parameter("mode", Environment.GetEnvironmentVariable("AUTOENCODERS_MODE") ?? "full"); // "quick" or "full"
    string dataset = run.Parameter("dataset", "mnist");                          // "mnist", "fashion-mnist", or a folder of MNIST-format files
    int trainCount = run.Parameter("trainCount", mode == "quick" ? 10000 : 60000);  // training images used
    int testCount = run.Parameter("testCount", mode == "quick" ? 2000 : 10000);    // test images used
    int codeSize = run.Parameter("codeSize", 32);                                 // the bottleneck width
    int linearEpochs = run.Parameter("linearEpochs", mode == "quick" ? 30 : 50);
    double linearLearningRate = run.Parameter("linearLearningRate", mode == "quick" ? 3e-3 : 1e-3); // a short run needs longer steps to get all the way
    int designEpochs = run.Parameter("designEpochs", mode == "quick" ? 2 : 20);
    int deepEpochs = run.Parameter("deepEpochs", mode == "quick" ? 15 : 100);       // the lecture trains 100 epochs
    int deepBatchSize = run.Parameter("deepBatchSize", mode == "quick" ? 128 : 256);   // the lecture's batches hold 256 images
    double deepLearningRate = run.Parameter("deepLearningRate", mode == "quick" ? 3e-3 : 1e-3);
    int[] sweepSizes = run.Parameter<int[]>("sweepSizes", mode == "quick" ? [2, 8, 32] : [2, 4, 8, 16, 32, 64]); // code sizes compared with PCA
    int sweepTrainCount = run.Parameter("sweepTrainCount", mode == "quick" ? 10000 : 60000); // training images for each code size
    int sweepEpochs = run.Parameter("sweepEpochs", mode == "quick" ? 4 : 20);
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);
    var data = ImageSplits.Load(dataset, trainCount, testCount, seed);
    var (train, test) = (data.Train, data.Test);
    var (xTrain, xTest) = (train.Images, test.Images);
    Console.WriteLine($"train: [{string.Join(", ", xTrain.shape)}], test: [{string.Join(", ", xTest.shape)}], pixels in [{xTrain.min().item<float>()}, {xTrain.max().item<float>()}]");

    run.Show(ImageGrid.Create([("training images", xTrain[..10])], title: $"{data.Name}: each image is 28 × 28 = 784 numbers"));

    // ## A linear autoencoder finds what PCA finds
    //
    // PCA projects the data onto the `k` directions along which it varies most, then maps back. Among all ways to squeeze
    // 784 numbers into `k` with a linear map and expand them again with another, none rebuilds the training data with a
    // smaller squared error. That makes PCA the yardstick: its error is the *optimum* for linear compression.
    //
    // A linear autoencoder, 784 → `k` → 784 with no activations, trained on squared error, is a linear compressor too. So it
    // can at best match PCA. Does gradient descent get there?

    var pca = Pca.Fit(xTrain, codeSize);
    var pcaTrainMse = pca.OptimalReconstructionMse(codeSize);
    var pcaTestMse = ReconstructionError.Mse(pca.Reconstruct(xTest), xTest);
    Console.WriteLine($"PCA with {codeSize} components keeps {pca.ExplainedVarianceRatio.sum().item<float>():P1} of the variance");
    Console.WriteLine($"PCA reconstruction MSE per pixel: train {pcaTrainMse:F6} (the optimum), test {pcaTestMse:F6}");

    var linear = DenseAutoencoder.Create([784, codeSize, 784], hidden: Activation.Linear, output: Activation.Linear, seed: seed);
    var linearHistory = linear.Fit(xTrain, xTrain, epochs: linearEpochs, batchSize: 256, validationData: (xTest, xTest),
        loss: Losses.MeanSquaredError, learningRate: linearLearningRate, seed: seed);
    var linearTestMse = ReconstructionError.Mse(linear.Reconstruct(xTest), xTest);
    var linearRatio = linearTestMse / pcaTestMse;
    Console.WriteLine($"linear autoencoder test MSE {linearTestMse:F6} = {linearRatio:F3} × PCA's");

    Claim.AtMost(linearRatio, mode == "quick" ? 1.1 : 1.02, "a linear autoencoder reaches the PCA optimum");

    // The ratio is close to 1: the linear autoencoder ends up where PCA is. It gets there last along the directions in
    // which the images vary least, so a run that is too short, or whose steps are too small, stops above PCA's error (try
    // `linearLearningRate = 1e-3` in quick mode). (Its 32 code units need not be PCA's
    // components one by one; any 32 directions spanning the same subspace rebuild equally well.) So a linear autoencoder is
    // PCA, found slowly. What makes autoencoders worth having is what a linear map cannot do: nonlinear activations and
    // several layers, below.

    run.Show(LossCurves.Create(linearHistory.Loss, linearHistory.ValLoss, title: $"Linear autoencoder 784-{codeSize}-784 (PCA's test MSE: {pcaTestMse:F4})",
        yTitle: "mean squared error per pixel", logScale: true));

    // ## Symmetric, asymmetric, tied
    //
    // Nothing forces the decoder to mirror the encoder. Three variants of a 32-unit bottleneck, each trained the same way
    // (ReLU hidden layers, sigmoid output, binary cross-entropy):
    //
    // - **symmetric**: 784-128-32-128-784, the usual shape;
    // - **asymmetric**: 784-256-128-32-784, a deeper encoder and a one-layer decoder;
    // - **tied**: 784-128-32-128-784 where each decoder layer reuses the transposed weight matrix of its mirror encoder layer
    //   (only the biases are its own), which nearly halves the parameter count.

    var designs = new (string Name, DenseAutoencoder Model)[]
    {
        ("symmetric 784-128-32-128-784", DenseAutoencoder.Create([784, 128, codeSize, 128, 784], seed: seed)),
        ("asymmetric 784-256-128-32-784", DenseAutoencoder.Create([784, 256, 128, codeSize, 784], codeLayer: 3, seed: seed)),
        ("tied 784-128-32-128-784", DenseAutoencoder.Create([784, 128, codeSize, 128, 784], tiedWeights: true, seed: seed)),
    };
    var designResults = new List<(string Name, long Parameters, double ValBce, double Seconds)>();
    foreach (var (name, model) in designs)
    {
        var history = model.Fit(xTrain, xTrain, epochs: designEpochs, batchSize: 256, validationData: (xTest, xTest), seed: seed,
            progress: TrainingProgress.Silent);
        designResults.Add((name, model.Summary().TotalParameters, history.LastValLoss, history.Elapsed.TotalSeconds));
    }
    run.Show(Table.Of(designResults, "design", "parameters", $"val BCE after {designEpochs} epochs", "seconds"));

    var (symmetric, asymmetric, tied) = (designResults[0], designResults[1], designResults[2]);
    Claim.That(tied.Parameters < 0.6 * symmetric.Parameters, "tying weights nearly halves the parameters");
    Claim.AtMost(tied.ValBce, symmetric.ValBce * (mode == "quick" ? 1.25 : 1.10), "tied weights cost little reconstruction quality");

    Console.WriteLine($"tied against symmetric: {(double)tied.Parameters / symmetric.Parameters:P0} of the parameters, val BCE {tied.ValBce:F4} against {symmetric.ValBce:F4}");
    Console.WriteLine($"asymmetric against symmetric: {(double)asymmetric.Parameters / symmetric.Parameters:P0} of the parameters, val BCE {asymmetric.ValBce:F4} against {symmetric.ValBce:F4}");

    // Tying weights halves the decoder's cost in parameters, and the validation loss shows what, if anything, that costs
    // in quality: sharing one matrix between encoder and decoder also acts as a regulariser, so with limited data or epochs
    // it can even come out ahead. The asymmetric net puts its parameters into the encoder. When only the codes are wanted
    // (features for another model, next notebooks), that is where they matter: the decoder is thrown away after training.

    // ## The deep autoencoder of the lecture
    //
    // 784 → 128 → 64 → 32 → 64 → 128 → 784, ReLU everywhere but the sigmoid output, binary cross-entropy, Adam, batches of
    // 256. The pixels lie in [0, 1], so each output pixel is read as the probability that the pixel is on: binary
    // cross-entropy fits.

    var deep = DenseAutoencoder.Create([784, 128, 64, 32, 64, 128, 784], seed: seed);
    Console.WriteLine(deep.Summary());
    Claim.That(deep.Summary().TotalParameters == 222_384, "the lecture's network has 222,384 parameters");

    // The training loop's callbacks see every epoch: this one keeps the reconstructions of ten test images after a few.
    var shown = xTest[..10];
    int[] snapshotEpochs = [.. new[] { 1, deepEpochs / 20, deepEpochs / 5, deepEpochs }.Where(e => e >= 1).Distinct()];
    var snapshots = new ReconstructionSnapshots(shown, snapshotEpochs);
    var deepHistory = new Trainer { LearningRate = deepLearningRate, Seed = seed, Callbacks = [snapshots] }
        .Fit(deep, xTrain, xTrain, epochs: deepEpochs, batchSize: deepBatchSize, shuffle: true, validationData: (xTest, xTest));

    // Two yardsticks on the same test images: always answering the mean training image (what a network that learned
    // nothing would do), and the images themselves (a perfect copy; grey pixels keep its BCE above 0).
    var deepValBce = deepHistory.LastValLoss;
    var meanImageBce = ReconstructionError.Bce(xTrain.mean([0], keepdim: true).expand_as(xTest), xTest);
    var perfectBce = ReconstructionError.Bce(xTest, xTest);
    var gapClosed = (meanImageBce - deepValBce) / (meanImageBce - perfectBce);
    Console.WriteLine($"val BCE: mean image {meanImageBce:F4}, deep autoencoder {deepValBce:F4}, perfect copy {perfectBce:F4}: {gapClosed:P0} of the way");
    Claim.AtLeast(gapClosed, mode == "quick" ? 0.6 : 0.75, "the deep autoencoder closes most of the gap between the mean image and a perfect copy");
    run.Show(LossCurves.Create(deepHistory.Loss, deepHistory.ValLoss, title: "Deep autoencoder 784-128-64-32-64-128-784", yTitle: "binary cross-entropy"));

    var deepTestMse = ReconstructionError.Mse(deep.Reconstruct(xTest), xTest);
    Console.WriteLine($"test MSE per pixel from 32 numbers: deep autoencoder {deepTestMse:F6}, PCA {pcaTestMse:F6}, linear autoencoder {linearTestMse:F6}");
    Claim.AtMost(deepTestMse, pcaTestMse * (mode == "quick" ? 1.25 : 1.0), "depth and nonlinearity beat linear compression with the same 32 numbers");

    var reconstructions = deep.Reconstruct(xTest[..10]);
    run.Show(ImageGrid.Compare(xTest[..10], reconstructions, title: $"{data.Name} test images (top) and their reconstructions from 32 numbers (bottom)"));

    // How did it get there? The reconstructions of the same ten images, kept after a few chosen epochs of that run:
    // after the first, every image is a blurred average shape; the details of each one come later.

    var snapshotMse = snapshots.Snapshots.Select(s => ReconstructionError.Mse(s.Outputs, shown)).ToList();
    Console.WriteLine("MSE per pixel of these ten: " + string.Join(", ", snapshots.Snapshots.Select((s, i) => $"epoch {s.Epoch} {snapshotMse[i]:F4}")));
    Claim.AtMost(snapshotMse[^1], snapshotMse[0], "the reconstructions improve from the first chosen epoch to the last");
    run.Show(ImageGrid.Create([("original", shown), .. snapshots.Rows], title: $"{data.Name} test images and their reconstructions after chosen epochs"));

    // ## What the code size buys
    //
    // Thirty-two numbers per image was a choice. The same comparison at other code sizes: PCA with `k` components, a
    // linear autoencoder 784-`k`-784 and the deep autoencoder 784-128-64-`k`-64-128-784, each trained for `sweepEpochs`
    // epochs on `sweepTrainCount` training images, all scored by the test MSE per pixel.

    var sweepImages = xTrain[..sweepTrainCount];
    var sweepPca = Pca.Fit(sweepImages, sweepSizes.Max());
    var sweep = new List<(int CodeSize, double Pca, double Linear, double Deep)>();
    foreach (var k in sweepSizes)
    {
        var linearK = DenseAutoencoder.Create([784, k, 784], hidden: Activation.Linear, output: Activation.Linear, seed: seed);
        linearK.Fit(sweepImages, sweepImages, epochs: sweepEpochs, batchSize: 256, loss: Losses.MeanSquaredError,
            learningRate: linearLearningRate, seed: seed, progress: TrainingProgress.Silent);
        var deepK = DenseAutoencoder.Create([784, 128, 64, k, 64, 128, 784], seed: seed);
        deepK.Fit(sweepImages, sweepImages, epochs: sweepEpochs, batchSize: deepBatchSize, learningRate: deepLearningRate,
            seed: seed, progress: TrainingProgress.Silent);
        sweep.Add((k, ReconstructionError.Mse(sweepPca.Reconstruct(xTest, k), xTest),
            ReconstructionError.Mse(linearK.Reconstruct(xTest), xTest), ReconstructionError.Mse(deepK.Reconstruct(xTest), xTest)));
    }
    run.Show(Table.Of(sweep, "code size", "PCA test MSE", "linear autoencoder", "deep autoencoder"));

    run.Show(LineChart.Create([.. sweep.Select(r => (double)r.CodeSize)],
        [("PCA", [.. sweep.Select(r => r.Pca)]), ("linear autoencoder", [.. sweep.Select(r => r.Linear)]),
         ("deep autoencoder", [.. sweep.Select(r => r.Deep)])],
        "code size (numbers per image)", "test MSE per pixel", title: $"{data.Name}: reconstruction error against code size",
        logX: true, logY: true));

    Claim.That(sweep.Zip(sweep.Skip(1)).All(p => p.Second.Pca < p.First.Pca), "every component added lowers PCA's error");
    Claim.AtMost(sweep[^1].Deep / sweep[0].Deep, mode == "quick" ? 0.75 : 0.5, $"a {sweepSizes[^1]}-number code rebuilds with much less error than a {sweepSizes[0]}-number one");
    Claim.AtLeast(sweep.Min(r => r.Linear / r.Pca), 0.98, "no linear autoencoder beats PCA, the linear optimum, by more than noise");
    var deepBelow = sweep.Where(r => r.Deep < r.Pca).Select(r => r.CodeSize).ToList();
    Console.WriteLine($"the deep autoencoder rebuilds better than PCA at code sizes {(deepBelow.Count == 0 ? "none" : string.Join(", ", deepBelow))}; " +
        $"error ratio deep / PCA: {string.Join(", ", sweep.Select(r => $"{r.CodeSize}: {r.Deep / r.Pca:F2}"))}");

    // Every number added to the code buys less than the one before: the first components carry the coarse shape of
    // every image, the later ones finer and finer detail. PCA's curve is the floor for linear compression: the linear
    // autoencoder stays on or above it (on it only when trained long enough, as in the first section). The deep
    // autoencoder is not bound by that floor; the printed ratios say at which code sizes its nonlinearity paid in this run.
    // A small code is where a linear map has the fewest directions to spend and a nonlinear one gains most; a wide code is
    // easy for PCA and asks more training of a network, so in a short run the gap there narrows or turns.

    // ## What we saw

    Console.WriteLine($"On {xTrain.shape[0]:N0} training and {xTest.shape[0]:N0} test images:");
    Console.WriteLine($"- PCA-{codeSize} test MSE {pcaTestMse:F6}; the linear autoencoder reached {linearTestMse:F6} ({linearRatio:F3} × PCA) in {linearEpochs} epochs.");
    foreach (var r in designResults)
        Console.WriteLine($"- {r.Name}: {r.Parameters:N0} parameters, val BCE {r.ValBce:F4} after {designEpochs} epochs.");
    Console.WriteLine($"- The lecture's deep autoencoder ({deep.Summary().TotalParameters:N0} parameters) reached val BCE {deepValBce:F4} after {deepEpochs} epochs ({deepHistory.Elapsed.TotalSeconds:F0} s of training),");
    Console.WriteLine($"  and test MSE {deepTestMse:F6} per pixel: {deepTestMse / pcaTestMse:P0} of PCA's with the same 32 numbers.");
    Console.WriteLine($"- Reconstructions of ten test images, MSE per pixel: " + string.Join(", ", snapshots.Snapshots.Select((s, i) => $"epoch {s.Epoch} {snapshotMse[i]:F4}")) + ".");
    Console.WriteLine($"- Test MSE by code size ({sweepEpochs} epochs on {sweepImages.shape[0]:N0} images): " +
        string.Join("; ", sweep.Select(r => $"{r.CodeSize}: PCA {r.Pca:F4}, linear {r.Linear:F4}, deep {r.Deep:F4}")) + ".");

    // A linear autoencoder rediscovers PCA; depth and nonlinearity are what let an autoencoder do better with the same
    // numbers, and the code size sets how much of each image survives. Next: squeeze all the way down to two numbers, and
    // look at the whole data set at once.
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
