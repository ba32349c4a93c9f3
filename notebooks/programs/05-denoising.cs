#:project ../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
// Generated from notebooks/05-denoising.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/05-denoising.cs -- --mode quick
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

var run = NotebookProgram.Start(args, "05-denoising");
try
{
    // # 5. Denoising autoencoders
    //
    // Train an autoencoder to map a **corrupted** image to the **clean** one and it learns to remove the corruption: the
    // noise is not part of what the code can afford to keep. This notebook corrupts images (MNIST digits unless the `dataset`
    // parameter says otherwise) with Gaussian noise, trains the deep autoencoder from noisy input to clean target, measures
    // the improvement in decibels against the noisy input and against the classic linear denoiser (PCA), measures how the gain changes with the
    // strength of the noise, and then shows why the same trick rescues a network whose bottleneck is *wider* than its
    // input.

    // parameters
    string mode = run.Parameter("mode", Environment.GetEnvironmentVariable("AUTOENCODERS_MODE") ?? "full"); // "quick" or "full"
    string dataset = run.Parameter("dataset", "mnist");                             // "mnist", "fashion-mnist", or a folder of MNIST-format files
    int trainCount = run.Parameter("trainCount", mode == "quick" ? 10000 : 60000);
    int testCount = run.Parameter("testCount", mode == "quick" ? 2000 : 10000);
    double noiseFactor = run.Parameter("noiseFactor", 0.5);                             // x + noiseFactor · N(0, 1), then clipped to [0, 1]
    int epochs = run.Parameter("epochs", mode == "quick" ? 15 : 30);
    int overcompleteEpochs = run.Parameter("overcompleteEpochs", mode == "quick" ? 5 : 15);
    int batchSize = run.Parameter("batchSize", mode == "quick" ? 128 : 256);          // the lecture's batches hold 256 images
    double learningRate = run.Parameter("learningRate", mode == "quick" ? 3e-3 : 1e-3);  // a short run needs longer steps
    double[] sweepFactors = run.Parameter<double[]>("sweepFactors", mode == "quick" ? [0.1, 0.5, 0.9] : [0.1, 0.3, 0.5, 0.7, 0.9]); // noise factors compared
    int sweepTrainCount = run.Parameter("sweepTrainCount", mode == "quick" ? 5000 : 60000); // training images for each factor's denoiser
    int sweepEpochs = run.Parameter("sweepEpochs", mode == "quick" ? 5 : 30);
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);
    var data = ImageSplits.Load(dataset, trainCount, testCount, seed);
    var (train, test) = (data.Train, data.Test);
    var (clean, cleanTest) = (train.Images, test.Images);

    // ## Corrupting the images
    //
    // Each pixel gets `noiseFactor` times a standard normal draw added, and the result is clipped back into [0, 1] so it is
    // still a valid image. The corruption is measured by the **peak signal-to-noise ratio** against the clean image:
    // PSNR = 10 · log10(1 / MSE) decibels, higher is cleaner; every +3 dB halves the squared error.

    var noisy = Noise.Gaussian(clean, noiseFactor, seed: seed);
    var noisyTest = Noise.Gaussian(cleanTest, noiseFactor, seed: seed + 1);
    var noisyPsnr = ReconstructionError.Psnr(noisyTest, cleanTest);
    Console.WriteLine($"noisy test images: PSNR {noisyPsnr:F2} dB against the clean ones");
    run.Show(ImageGrid.Create([("clean", cleanTest[..10]), ("noisy", noisyTest[..10])], title: $"Gaussian noise, factor {noiseFactor}"));

    // ## Noisy in, clean out
    //
    // The lecture's deep autoencoder (784-128-64-32-64-128-784), unchanged; only the training pairs change: the input is the
    // noisy image, the target the clean one.
    //
    // What should it beat? Not only the noisy input: the classic way to denoise is to keep a noisy image's projection onto
    // the first 32 principal components of *clean* images, since noise spread over all 784 pixels mostly falls outside
    // them. That linear denoiser uses as many numbers per image as the autoencoder's code.

    var denoiser = DenseAutoencoder.Create([784, 128, 64, 32, 64, 128, 784], seed: seed);
    var history = denoiser.Fit(noisy, clean, epochs: epochs, batchSize: batchSize, shuffle: true,
        validationData: (noisyTest, cleanTest), learningRate: learningRate, seed: seed);

    var denoised = denoiser.Reconstruct(noisyTest);
    var denoisedPsnr = ReconstructionError.Psnr(denoised, cleanTest);
    var pca = Pca.Fit(clean, 32);
    var pcaPsnr = ReconstructionError.Psnr(pca.Reconstruct(noisyTest).clamp(0, 1), cleanTest);
    Console.WriteLine($"PSNR: noisy {noisyPsnr:F2} dB → PCA-32 projection {pcaPsnr:F2} dB, denoising autoencoder {denoisedPsnr:F2} dB");
    Claim.AtLeast(denoisedPsnr - noisyPsnr, 3, "the denoising autoencoder removes noise: at least half the squared error goes (3 dB)");
    Claim.AtLeast(denoisedPsnr, pcaPsnr, "it denoises better than the linear projection onto as many principal components");
    run.Show(ImageGrid.Create([("noisy input", noisyTest[..10]), ("denoised", denoised[..10]), ("clean", cleanTest[..10])],
        title: $"{data.Name} test images: noisy input, the autoencoder's output, the clean original"));

    run.Show(LossCurves.Create(history.Loss, history.ValLoss, title: "Denoising autoencoder", yTitle: "binary cross-entropy"));

    // ## How much noise?
    //
    // One noise factor is one point. The same comparison over several: for each factor, noisy training and test images,
    // a fresh denoiser (the same network, `sweepEpochs` epochs on `sweepTrainCount` images) and the PCA-32 projection, all
    // scored by PSNR against the clean test images.

    var sweepClean = clean[..sweepTrainCount];
    var sweep = new List<(double Factor, double Noisy, double Pca, double Denoised)>();
    foreach (var factor in sweepFactors)
    {
        var noisyTrain = Noise.Gaussian(sweepClean, factor, seed: seed);
        var noisyTestK = Noise.Gaussian(cleanTest, factor, seed: seed + 1);
        var model = DenseAutoencoder.Create([784, 128, 64, 32, 64, 128, 784], seed: seed);
        model.Fit(noisyTrain, sweepClean, epochs: sweepEpochs, batchSize: batchSize, learningRate: learningRate, seed: seed,
            progress: TrainingProgress.Silent);
        sweep.Add((factor, ReconstructionError.Psnr(noisyTestK, cleanTest),
            ReconstructionError.Psnr(pca.Reconstruct(noisyTestK).clamp(0, 1), cleanTest),
            ReconstructionError.Psnr(model.Reconstruct(noisyTestK), cleanTest)));
    }
    run.Show(Table.Of(sweep, "noise factor", "noisy (dB)", "PCA-32 projection (dB)", "denoised (dB)"));

    run.Show(LineChart.Create(sweepFactors, [("noisy input", [.. sweep.Select(r => r.Noisy)]),
        ("PCA-32 projection", [.. sweep.Select(r => r.Pca)]), ("denoising autoencoder", [.. sweep.Select(r => r.Denoised)])],
        "noise factor", "PSNR against the clean images (dB)", title: $"{data.Name}: denoising against the strength of the noise"));

    var gains = sweep.Select(r => r.Denoised - r.Noisy).ToList();
    Claim.AtLeast(gains[^1], 3, $"at noise factor {sweepFactors[^1]} the denoiser removes at least half the squared error (3 dB)");
    Claim.AtLeast(gains[^1] - gains[0], 3, "the stronger the noise, the more the denoiser gains over its input");
    var cleaner = sweep.Where(r => r.Denoised > r.Noisy).Select(r => r.Factor).ToList();
    Console.WriteLine($"gain over the noisy input: {string.Join(", ", sweep.Select((r, i) => $"{r.Factor}: {gains[i]:+0.0;-0.0} dB"))}");
    Console.WriteLine(cleaner.Count == sweep.Count ? "the denoiser's output is cleaner than its input at every factor tried"
        : $"the denoiser's output is cleaner than its input at factors {string.Join(", ", cleaner)}, not at {string.Join(", ", sweepFactors.Except(cleaner))}");

    // Read the two printed lines with the chart. The noisy input loses decibels quickly as the noise grows; the
    // denoiser's output loses them slowly, because whatever goes in, what comes out is drawn from its 32-number code of
    // what such images look like. That same code is also its limit: the denoiser never rebuilds an image better than the
    // bottleneck allows, so where the noise costs less than that (the weakest factors, if the line above names any), its
    // output is worse than the slightly noisy input it was given. A denoiser earns its keep when the noise is strong.

    // ## Why an overcomplete autoencoder needs the noise
    //
    // An **overcomplete** autoencoder has a code *wider* than its input: here 784 → 1024 → 784. Nothing forces it to find
    // structure, since it can simply pass every pixel through. Trained to copy clean images, it learns something close to
    // that, and passes much of the noise along with the image. Trained to map noisy images to clean ones, copying is no longer a solution: the
    // same network has to learn what the images look like.

    var copier = DenseAutoencoder.Create([784, 1024, 784], seed: seed);
    copier.Fit(clean, clean, epochs: overcompleteEpochs, batchSize: 256, learningRate: learningRate, seed: seed, progress: TrainingProgress.Silent);
    var overcompleteDenoiser = DenseAutoencoder.Create([784, 1024, 784], seed: seed);
    overcompleteDenoiser.Fit(noisy, clean, epochs: overcompleteEpochs, batchSize: 256, learningRate: learningRate, seed: seed, progress: TrainingProgress.Silent);

    var copierOnClean = ReconstructionError.Psnr(copier.Reconstruct(cleanTest), cleanTest);
    var copierOnNoisy = ReconstructionError.Psnr(copier.Reconstruct(noisyTest), cleanTest);
    var overcompleteDenoised = ReconstructionError.Psnr(overcompleteDenoiser.Reconstruct(noisyTest), cleanTest);
    run.Show(Table.Of(new[]
    {
        ("clean → clean", "clean test images", copierOnClean),
        ("clean → clean", "noisy test images", copierOnNoisy),
        ("noisy → clean", "noisy test images", overcompleteDenoised),
    }, "784-1024-784 trained on", "given", "PSNR vs clean (dB)"));

    Claim.AtLeast(overcompleteDenoised - copierOnNoisy, mode == "quick" ? 2 : 3,
        "the training objective, not the architecture, decides whether noise is removed");
    Claim.AtLeast(copierOnClean - copierOnNoisy, 3, "the copying network reproduces much of the noise it is given");
    run.Show(ImageGrid.Create([("noisy input", noisyTest[..10]), ("trained to copy", copier.Reconstruct(noisyTest[..10])),
        ("trained to denoise", overcompleteDenoiser.Reconstruct(noisyTest[..10]))], title: $"Overcomplete 784-1024-784 networks on noisy {data.Name} images"));

    // ## What we saw

    Console.WriteLine($"Noise factor {noiseFactor}: noisy test images at {noisyPsnr:F2} dB PSNR.");
    Console.WriteLine($"The deep denoising autoencoder raised that to {denoisedPsnr:F2} dB after {epochs} epochs (val BCE {history.LastValLoss:F4}); PCA-32 projection: {pcaPsnr:F2} dB.");
    Console.WriteLine($"An overcomplete 784-1024-784 network trained to copy: {copierOnClean:F2} dB on clean input, {copierOnNoisy:F2} dB on noisy input;");
    Console.WriteLine($"the same network trained noisy → clean: {overcompleteDenoised:F2} dB.");
    Console.WriteLine($"Over noise factors {string.Join(", ", sweepFactors)} ({sweepEpochs} epochs each): noisy " +
        string.Join(", ", sweep.Select(r => $"{r.Noisy:F1}")) + " dB, denoised " + string.Join(", ", sweep.Select(r => $"{r.Denoised:F1}")) + " dB.");

    // Corrupting the input is a way to make copying impossible, so that the network has to learn the data instead. That
    // is why a denoising objective works even without a narrow bottleneck, and why it is a common way to train
    // overcomplete autoencoders.
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
