#:project ../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
// Generated from notebooks/03-2d-encoding-vs-tsne.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/03-2d-encoding-vs-tsne.cs -- --mode quick
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

var run = NotebookProgram.Start(args, "03-2d-encoding-vs-tsne");
try
{
    // # 3. Two numbers per image: an autoencoder against t-SNE
    //
    // Squeeze every image (MNIST digits unless the `dataset` parameter says otherwise) into **two** numbers and each image becomes a point on a plane: the whole test set fits in one
    // picture. This notebook builds the lecture's deep 2-D autoencoder, reads the 2-D codes out of its middle layer, and
    // compares the picture with two other ways of drawing high-dimensional data in 2-D: PCA (linear, fast) and t-SNE (built
    // for pictures, but only a picture: it gives no encoder for new data).
    //
    // "Which picture is better" gets two numbers, measured on the same 1,000 test images:
    //
    // - **trustworthiness** (k = 5): are the 5 nearest neighbours of a point in 2-D also close in the original 784-D space?
    //   1 means no point has strangers as neighbours.
    // - **5-NN accuracy**: predict each image's class from its 5 nearest 2-D neighbours (5-fold cross-validation). It measures how
    //   well the picture separates the classes, which nobody told any of the three methods about.

    // parameters
    string mode = run.Parameter("mode", Environment.GetEnvironmentVariable("AUTOENCODERS_MODE") ?? "full"); // "quick" or "full"
    string dataset = run.Parameter("dataset", "mnist");                           // "mnist", "fashion-mnist", or a folder of MNIST-format files
    int trainCount = run.Parameter("trainCount", mode == "quick" ? 10000 : 60000);
    int epochs = run.Parameter("epochs", mode == "quick" ? 10 : 50);
    int batchSize = run.Parameter("batchSize", mode == "quick" ? 128 : 256);        // the lecture's batches hold 256 images
    double learningRate = run.Parameter("learningRate", mode == "quick" ? 3e-3 : 1e-3); // a short run needs longer steps to leave the mean image behind
    int sampleCount = run.Parameter("sampleCount", 1000);                             // test images drawn in 2-D
    int mapSteps = run.Parameter("mapSteps", 15);                                  // the code map decodes mapSteps × mapSteps points of the plane
    int collapseSeeds = run.Parameter("collapseSeeds", mode == "quick" ? 2 : 5);        // runs per code layer in the collapse count
    int collapseEpochs = run.Parameter("collapseEpochs", mode == "quick" ? 5 : 15);       // a unit that dies does so in the first epochs
    int collapseTrainCount = run.Parameter("collapseTrainCount", mode == "quick" ? 5000 : trainCount);
    double collapseTolerance = run.Parameter("collapseTolerance", 0.01);                    // collapsed: validation loss within 1 % of the mean image's
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);
    var data = ImageSplits.Load(dataset, trainCount, seed: seed);
    var (train, test) = (data.Train, data.Test);
    var sample = test.Subset(sampleCount, seed);
    var classNames = data.ClassNames;
    Console.WriteLine($"training on {train.Count:N0} images; drawing {sample.Count:N0} test images");

    // ## The deep 2-D autoencoder
    //
    // The lecture's network halves its width layer by layer down to two units and back:
    // 784-128-64-32-16-8-4-**2**-4-8-16-32-64-128-784, ReLU in every hidden layer, sigmoid at the output, binary
    // cross-entropy.

    int[] sizes = [784, 128, 64, 32, 16, 8, 4, 2, 4, 8, 16, 32, 64, 128, 784];
    var reluCode = DenseAutoencoder.Create(sizes, seed: seed);
    Console.WriteLine(reluCode.Summary());
    Claim.That(reluCode.Summary().TotalParameters == 223_834, "the lecture's 2-D network has 223,834 parameters");

    var reluHistory = reluCode.Fit(train.Images, train.Images, epochs: epochs, batchSize: batchSize,
        validationData: (test.Images, test.Images), learningRate: learningRate, seed: seed);

    // ## Taking the middle layer's output
    //
    // The 2-unit layer is the 7th layer after the input. Its output for an image is that image's 2-D code: the
    // autoencoder's encoder is everything up to and including that layer. (In Keras: a new model from the network's input to
    // `model.layers[7].output`.)

    var reluCodes = reluCode.PredictLayer(sample.Images, 7);      // [1000, 2]
    Console.WriteLine($"codes: [{string.Join(", ", reluCodes.shape)}]; same as the encoder's output: {reluCodes.allclose(reluCode.Encode(sample.Images))}");
    run.Show(reluCodes[..5]);

    // Look at the two columns. With ReLU in the bottleneck, a code unit outputs 0 for every input whose weighted sum is
    // negative. If training pushes a unit into that region for (almost) all inputs, the unit is *dead*: its column is all
    // zeros and the picture collapses onto a line. The lecture's run showed exactly that, a second column of zeros. How many
    // images have a zero in each column here?

    double ZeroShare(Tensor codes, int column) => (codes[.., column] == 0).to_type(ScalarType.Float32).mean().item<float>();
    var zeroShares = new[] { ZeroShare(reluCodes, 0), ZeroShare(reluCodes, 1) };
    Console.WriteLine($"share of images whose code is exactly 0: unit 1 {zeroShares[0]:P1}, unit 2 {zeroShares[1]:P1}");

    // ## The fix: a linear bottleneck
    //
    // The code layer does not need a ReLU: nothing about a 2-D position must be positive. With a **linear** code layer
    // (everything else unchanged) no code unit can die, and the decoder still gets two real numbers to work from.

    var linearCode = DenseAutoencoder.Create(sizes, code: Activation.Linear, seed: seed);
    var linearHistory = linearCode.Fit(train.Images, train.Images, epochs: epochs, batchSize: batchSize,
        validationData: (test.Images, test.Images), learningRate: learningRate, seed: seed);
    var linearCodes = linearCode.Encode(sample.Images);
    var linearZeroShares = new[] { ZeroShare(linearCodes, 0), ZeroShare(linearCodes, 1) };
    Console.WriteLine($"linear code: share of exact zeros {linearZeroShares[0]:P1} and {linearZeroShares[1]:P1}");

    // ## PCA and t-SNE on the same images

    var pca = Pca.Fit(sample.Images, 2);
    var pcaCodes = pca.Transform(sample.Images);

    var tsne = Tsne.Embed(sample.Images, new TsneOptions { Seed = seed });
    Console.WriteLine($"t-SNE: {tsne.Method}, {tsne.Iterations} iterations, KL divergence {tsne.KlDivergence:F3}, {tsne.Elapsed.TotalSeconds:F1} s");

    var methods = new (string Name, Tensor Points)[]
    {
        ("autoencoder, ReLU code", reluCodes),
        ("autoencoder, linear code", linearCodes),
        ("PCA", pcaCodes),
        ("t-SNE", tsne.Embedding),
    };
    var scores = methods.Select(m => (m.Name,
        Trust: Trustworthiness.Compute(sample.Images, m.Points, 5),
        Knn: KnnClassifier.CrossValidatedAccuracy(m.Points, sample.Labels, 5, 5))).ToList();
    run.Show(Table.Of(scores, "method", "trustworthiness (k=5)", "5-NN accuracy"));

    run.Show(ScatterChart.ByLabel(reluCodes, sample.Labels, classNames, title: $"{data.Name}: Autoencoder, ReLU code layer"));

    run.Show(ScatterChart.ByLabel(linearCodes, sample.Labels, classNames, title: $"{data.Name}: Autoencoder, linear code layer"));

    run.Show(ScatterChart.ByLabel(pcaCodes, sample.Labels, classNames, title: $"{data.Name}: PCA, first two components"));

    run.Show(ScatterChart.ByLabel(tsne.Embedding, sample.Labels, classNames, title: $"{data.Name}: t-SNE (perplexity 30)"));

    var byName = scores.ToDictionary(s => s.Name);
    Claim.AtLeast(byName["t-SNE"].Trust, scores.Where(s => s.Name != "t-SNE").Max(s => s.Trust),
        "t-SNE keeps neighbourhoods best: it was built for nothing else");
    Claim.AtLeast(byName["autoencoder, linear code"].Trust, byName["PCA"].Trust,
        "a trained deep autoencoder draws more trustworthy pictures than PCA");
    Claim.That(linearZeroShares.All(s => s < 0.5), "a linear code layer cannot collapse");

    // ## The plane as a map
    //
    // The decoder takes any two numbers, not only the codes of real images. Decode a grid of points spread over the region
    // where the test images' codes lie (the linear code layer's, from the 1st to the 99th percentile of each unit), and tile
    // each decoded image where its point is: a map of everything the decoder can draw. Put it beside the scatter chart of
    // the same codes above: each cluster's region fills with its kind of image, and between two clusters one kind turns
    // into the other.

    var grid = CodeGrid.Spanning(linearCodes, steps: mapSteps);
    var drawn = linearCode.Decode(grid.Points);
    Console.WriteLine($"decoding {grid.Steps} × {grid.Steps} points: code unit 1 from {grid.X[0]:F2} to {grid.X[^1]:F2}, unit 2 from {grid.Y[^1]:F2} to {grid.Y[0]:F2}");
    run.Show(CodeMap.Create(grid, drawn, title: $"{data.Name}: what the decoder draws at each point of the plane (linear code layer)"));

    // Does a point decode into the kind of image encoded near it? Label every grid point twice: with the class of the
    // nearest test image's code, and with the class a 5-NN classifier on the training images' pixels gives its decoded
    // image. A decoder that drew the same blur everywhere would make the two labels agree only as often as chance (the
    // two label shares multiplied, class by class, and summed).

    var nearestClass = new KnnClassifier(linearCodes, sample.Labels, 1).Predict(grid.Points);
    var looksLike = new KnnClassifier(train.Images, train.Labels, 5).Predict(drawn);
    var mapAgreement = Accuracy.Of(nearestClass, looksLike);
    double Share(Tensor labels, int c) => (labels == c).to_type(ScalarType.Float32).mean().item<float>();
    var chanceAgreement = Enumerable.Range(0, classNames.Count).Sum(c => Share(nearestClass, c) * Share(looksLike, c));
    Console.WriteLine($"grid points whose decoded image looks like the class encoded nearest: {mapAgreement:P0} (chance: {chanceAgreement:P0})");
    Claim.AtLeast(mapAgreement, chanceAgreement, "a point of the plane decodes into the kind of image encoded near it, more often than chance");

    // ## From one image to another
    //
    // Walk in a straight line from one test image's code to the code farthest from it and decode ten points along the
    // way: the decoder draws the path between the two images across the plane's map. Fading the pixels of one image into the other's in
    // the same ten steps gives only a double exposure half way.

    var first = 0;
    var second = (int)(linearCodes - linearCodes[first]).pow(2).sum(1).argmax().item<long>(); // the code farthest away
    var path = linearCode.Decode(Interpolation.Linear(linearCodes[first], linearCodes[second], steps: 10));
    var fade = Interpolation.Linear(sample.Images[first], sample.Images[second], steps: 10);
    string ClassOf(int i) => data.ClassName((int)sample.Labels[i].item<long>());
    run.Show(ImageGrid.Create([("through the codes", path), ("pixel cross-fade", fade)],
        title: $"{data.Name}: from a test image of {ClassOf(first)} to one of {ClassOf(second)}"));

    // ## How often does a ReLU code collapse?
    //
    // One run shows whether one seed collapsed; how often it happens takes several. Two things can go wrong. A code unit
    // can die: it outputs 0 for (nearly) every image, and the picture collapses onto a line. Or the whole network can
    // collapse: it has learned nothing about the individual images, so the best its decoder can answer is the mean
    // training image, and its validation loss is the loss of always answering the mean image. The cell measures that loss,
    // trains both code layers from `collapseSeeds` seeds, and counts the runs with a dead code unit (0 for at least 99 % of
    // the drawn test images) and the collapsed runs (validation loss within `collapseTolerance`, 1 %, of the mean
    // image's). Each run trains for `collapseEpochs` epochs, 15 in full mode rather than the 50 above: a unit dies in the
    // first epochs or not at all, because once it is dead no gradient reaches it again. The ReLU code layer comes first,
    // then the linear one.

    var meanImageBce = ReconstructionError.Bce(train.Images.mean([0], keepdim: true).expand_as(test.Images), test.Images);
    var studyImages = train.Images[..collapseTrainCount];
    var runs = new List<(string CodeLayer, long Seed, double ValBce, int DeadCodeUnits, bool Collapsed)>();
    int WithDeadUnit(string layer) => runs.Count(r => r.CodeLayer == layer && r.DeadCodeUnits > 0);
    int Collapsed(string layer) => runs.Count(r => r.CodeLayer == layer && r.Collapsed);
    // Trains the 2-D network with the given code layer from collapseSeeds seeds and counts what went wrong.
    DataFrame Study(string layer, Activation activation)
    {
        for (long s = seed; s < seed + collapseSeeds; s++)
        {
            var model = DenseAutoencoder.Create(sizes, code: activation, seed: s);
            var valBce = model.Fit(studyImages, studyImages, epochs: collapseEpochs, batchSize: batchSize, learningRate: learningRate,
                validationData: (test.Images, test.Images), seed: s, progress: TrainingProgress.Silent).LastValLoss;
            var codes = model.Encode(sample.Images);
            var deadUnits = Enumerable.Range(0, 2).Count(unit => ZeroShare(codes, unit) >= 0.99);
            runs.Add((layer, s, valBce, deadUnits, Math.Abs(valBce - meanImageBce) <= collapseTolerance * meanImageBce));
        }
        Console.WriteLine($"{layer} code: {WithDeadUnit(layer)} of {collapseSeeds} runs with a dead code unit, {Collapsed(layer)} collapsed " +
            $"({collapseEpochs} epochs on {studyImages.shape[0]:N0} images each; always answering the mean training image: val BCE {meanImageBce:F4})");
        return Table.Of(runs.Where(r => r.CodeLayer == layer), "code layer", "seed", "val BCE", "dead code units", "collapsed");
    }
    run.Show(Study("ReLU", Activation.ReLU));

    run.Show(Study("linear", Activation.Linear));

    Claim.That(runs.Where(r => r.CodeLayer == "linear").All(r => r.DeadCodeUnits == 0), "no run with a linear code layer has a dead code unit");

    // Read the counts above. A ReLU unit that outputs zero for every image passes no gradient back, so nothing revives
    // it; a layer whose units all die cuts the decoder off from the input, and the network collapses to the mean image.
    // The linear code layer takes its own two units out of that danger, so none of its runs has a dead code unit. The
    // narrow ReLU layers in front of it and behind it (8 and 4 units) can still die, which is why a linear code can still
    // collapse as a whole: compare its count with the ReLU code's. What else helps: fewer narrow layers, a smaller learning
    // rate at the start, or a leaky activation whose units never output a flat zero.

    // ## What we saw

    foreach (var s in scores)
        Console.WriteLine($"{s.Name,-26} trustworthiness {s.Trust:F3}, 5-NN accuracy {s.Knn:F3}");
    Console.WriteLine($"ReLU code: {zeroShares[0]:P0} and {zeroShares[1]:P0} of the images had a zero code unit; linear code: {linearZeroShares[0]:P0} and {linearZeroShares[1]:P0}.");
    Console.WriteLine($"Validation BCE after {epochs} epochs: ReLU code {reluHistory.LastValLoss:F4}, linear code {linearHistory.LastValLoss:F4}.");
    Console.WriteLine($"The decoded {grid.Steps} × {grid.Steps} map: {mapAgreement:P0} of its points look like the class encoded nearest (chance {chanceAgreement:P0}).");
    Console.WriteLine($"Out of {collapseSeeds} seeds: ReLU code {WithDeadUnit("ReLU")} runs with a dead code unit and {Collapsed("ReLU")} collapsed, linear code {WithDeadUnit("linear")} and {Collapsed("linear")} (mean image: val BCE {meanImageBce:F4}).");

    // t-SNE draws the clearest clusters: it was built to preserve neighbourhoods and nothing else. But it only places
    // *these* points; a new image needs a new t-SNE run. The autoencoder draws a rougher picture, yet its encoder maps any new
    // image to the plane in one pass, and its decoder turns any point of the plane back into an image: the map and the path
    // between two images above are pictures t-SNE cannot draw. As for the code layer: whether a ReLU unit dies depends on
    // the run (the seed, the initialisation, the learning rate), which is why the count over several seeds says more than
    // any single run's zero shares. A linear code layer's own units cannot die, and it costs nothing.
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
