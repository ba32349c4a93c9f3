#:project ../../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
#:property Nullable=disable
#:property TreatWarningsAsErrors=false
// Generated from notebooks/assignments/release/3-denoising-autoencoders.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/assignments/3-denoising-autoencoders.cs -- --mode quick
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

var run = NotebookProgram.Start(args, "3-denoising-autoencoders");
try
{
    // # Assignment 3: Denoising AutoEncoders
    //
    // This assignment builds a denoising autoencoder for MNIST digits from its parts: the corruption, the choice of training
    // pairs, the measure of image quality (PSNR), and the network itself. It ends with why noise is what makes an
    // overcomplete autoencoder useful.
    //
    // **How it works.** Write your code between the marked lines of each answer cell, where the notebook says
    // `throw new NotImplementedException();` or shows a placeholder such as `'?'`. Keep the names and signatures that are
    // given: the tests call them. Run the cells in order.
    //
    // **How it is graded.** Every question says how many points it is worth. Cells that start with `// TEST` are visible
    // tests: run them while you work; each prints PASS or FAIL with the reason, and the last cell of the notebook lists every
    // question. When your notebook is graded, it is run from top to bottom with your answer cells (marked
    // `// YOUR ANSWER HERE`) and any cells you added; every other cell runs as it was given to you, and more (hidden) tests
    // check your answers on data of their own, so an answer that only fits the visible tests will not get full marks. Keep training within the parameters below: the whole
    // notebook should run in about two minutes.

    // parameters
    string mode = run.Parameter("mode", Environment.GetEnvironmentVariable("AUTOENCODERS_MODE") ?? "full"); // "quick" or "full"
    string dataset = run.Parameter("dataset", "mnist");                          // "mnist", "fashion-mnist", or a folder of MNIST-format files
    int trainCount = run.Parameter("trainCount", mode == "quick" ? 5000 : 15000);   // training images used
    int testCount = run.Parameter("testCount", mode == "quick" ? 500 : 2000);      // test images used
    double noiseFactor = run.Parameter("noiseFactor", 0.5);                          // x + noiseFactor · N(0, 1), then clipped to [0, 1]
    int epochs = run.Parameter("epochs", mode == "quick" ? 10 : 20);
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);
    var (train, test) = ImageSplits.Load(dataset, trainCount, testCount, seed);
    var (clean, cleanTest) = (train.Images, test.Images);
    Console.WriteLine($"train: [{string.Join(", ", clean.shape)}], test: [{string.Join(", ", cleanTest.shape)}]");

    // ## Question 1: Corrupt the images (3 points)
    //
    // Complete `AddNoise`: return a **new** tensor `clip(x + factor · N(0, 1), 0, 1)`, where every value gets its own
    // independent draw from a standard normal distribution and the result is clipped back into [0, 1] so that it is still a
    // valid image. The input `x` must not be modified. The noise must come from `seed` alone: the same seed gives the same
    // noise, whatever random numbers the notebook drew before. (Create a `torch.Generator` from the seed and pass it to
    // `torch.randn`; do not call the library's `Noise.Gaussian`, which is what you are writing.)

    Tensor AddNoise(Tensor x, double factor, long seed)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    var noisy = AddNoise(clean, noiseFactor, seed);
    var noisyTest = AddNoise(cleanTest, noiseFactor, seed + 1);
    run.Show(ImageGrid.Create([("clean", cleanTest[..10]), ("noisy", noisyTest[..10])], title: $"Gaussian noise, factor {noiseFactor}"));

    {
        // TEST Question 1 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 1", 1, () =>
        {
            var gradingInput = cleanTest[..100].clone();
            var gradingNoisy = AddNoise(gradingInput, 0.5, 7);
            var reply = Reply.Of(("noisy", gradingNoisy), ("inputUnchanged", gradingInput.allclose(cleanTest[..100], rtol: 0, atol: 0)));
            var gradingOut = reply.Tensor("noisy");
            var gradingIn = cleanTest[..100];
            Claim.That(gradingOut.shape.SequenceEqual(gradingIn.shape), $"The noisy images should have the input's shape [{string.Join(", ", gradingIn.shape)}], got [{string.Join(", ", gradingOut.shape)}].");
            Claim.That(gradingOut.dtype == ScalarType.Float32, $"The noisy images should be float32 like the input, got {gradingOut.dtype}.");
            Claim.That(reply.Bool("inputUnchanged"), "AddNoise must not modify its input.");
            Claim.AtLeast(gradingOut.min().item<float>(), 0, "Smallest noisy value");
            Claim.AtMost(gradingOut.max().item<float>(), 1, "Largest noisy value");
            Claim.AtLeast((gradingOut - gradingIn).abs().mean().item<float>(), 0.1, "Mean absolute change of a pixel with factor 0.5");
        });
    }

    // ## Question 2: Which pairs to train on (1 point)
    //
    // A denoising autoencoder is trained like any other, by `model.Fit(input, target, …)`; only the pairs change. Which
    // pairs teach a network to remove noise? Set `answer2` to the letter of the right answer.
    //
    // - **A.** Noisy images as input, the same noisy images as target.
    // - **B.** Clean images as input, noisy images as target.
    // - **C.** Noisy images as input, the clean originals as target.
    // - **D.** Clean images as input and target; noise is only added when the network is used.

    // YOUR ANSWER HERE
    char answer2 = '?';

    // ## Question 3: Measure image quality in decibels (2 points)
    //
    // The quality of a noisy or denoised image is measured against the clean one by the **peak signal-to-noise ratio**:
    //
    // $$\mathrm{PSNR} = 10 \cdot \log_{10} \frac{\text{peak}^2}{\mathrm{MSE}} \ \text{dB}$$
    //
    // where MSE is the mean squared error over all values and the peak is the largest possible value, 1 for intensities in
    // [0, 1]. Higher is cleaner; each +3 dB halves the squared error. Complete `Psnr` (peak 1). Identical images have an MSE of
    // 0: return `double.PositiveInfinity` for them. Compute the mean in `double` (`to_type(ScalarType.Float64)`); do not call
    // `ReconstructionError.Psnr`.

    double Psnr(Tensor output, Tensor target)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    var noisyPsnr = Psnr(noisyTest, cleanTest);
    Console.WriteLine($"noisy test images: PSNR {noisyPsnr:F2} dB against the clean ones");

    {
        // TEST Question 3 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 3", 1, () =>
        {
            var reply = Reply.Of(("psnr", Psnr(torch.full(10, 784, 0.1f), torch.zeros(10, 784))));
            Claim.That(Math.Abs(reply.Double("psnr") - 20) < 1e-3, $"Every value off by 0.1 gives MSE 0.01, i.e. 20 dB; Psnr returned {reply.Double("psnr"):F4}.");
        });
    }

    // ## Question 4: Train a denoising autoencoder (3 points)
    //
    // Complete `TrainDenoiser`: corrupt `clean` with your `AddNoise` (factor `noiseFactor`, seed `seed`; if your `AddNoise`
    // does not work yet, the library's `Noise.Gaussian(clean, noiseFactor, seed)` does the same), build the lecture's deep
    // autoencoder 784 → 128 → 64 → 32 → 64 → 128 → 784 (ReLU, sigmoid output, weights from `seed`), and train it for
    // `epochs` epochs with binary cross-entropy, batches of 256 and shuffling (seed `seed`) on the pairs of Question 2. Return
    // the trained network.
    //
    // On noisy test images, its output should be at least 2 dB closer to the clean images than its input in `quick` mode,
    // and at least 4.5 dB in `full` mode.

    DenseAutoencoder TrainDenoiser(Tensor clean, double noiseFactor, int epochs, int seed)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    var denoiser = TrainDenoiser(clean, noiseFactor, epochs, seed);

    var denoised = denoiser.Reconstruct(noisyTest);
    var denoisedPsnr = Psnr(denoised, cleanTest);
    Console.WriteLine($"PSNR: noisy {noisyPsnr:F2} dB → denoised {denoisedPsnr:F2} dB (+{denoisedPsnr - noisyPsnr:F2} dB)");
    run.Show(ImageGrid.Create([("noisy input", noisyTest[..10]), ("denoised", denoised[..10]), ("clean", cleanTest[..10])],
        title: "Test digits: noisy input, the denoiser's output, the clean original"));

    {
        // TEST Question 4 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 4", 1, () =>
        {
            var reply = Reply.Of(("denoiser", denoiser));
            var gradingNoisyTest = Noise.Gaussian(cleanTest, noiseFactor, seed: 7);
            double gradingGain;
            using (var gradingModel = reply.Autoencoder("denoiser"))
                gradingGain = ReconstructionError.Psnr(gradingModel.Reconstruct(gradingNoisyTest), cleanTest) - ReconstructionError.Psnr(gradingNoisyTest, cleanTest);
            Claim.AtLeast(gradingGain, mode == "quick" ? 2 : 4.5, "PSNR gain of the denoiser on the noisy test images (dB)");
        });
    }

    // ## Question 5: Why an overcomplete autoencoder needs the noise (1 point)
    //
    // An **overcomplete** autoencoder has a code wider than its input, for example 784 → 1024 → 784. Trained on clean images
    // as input and target, it reaches a very small reconstruction error, yet given noisy digits it passes most of the noise
    // through. Why? Set `answer5` to the letter of the best answer.
    //
    // - **A.** 1024 units are too few to represent 784-pixel images, so it cannot learn what digits look like.
    // - **B.** With a code wider than the input, copying every pixel (the identity) is a perfect solution, so nothing forces
    //   the network to learn what digits have in common; it copies noise as readily as digits.
    // - **C.** A sigmoid output cannot produce the values of noisy pixels, so the noise survives.
    // - **D.** Binary cross-entropy ignores noise; with mean squared error the network would remove it.

    // YOUR ANSWER HERE
    char answer5 = '?';

    // ## Self-check
    //
    // Run the cell below after the test cells above: it lists each question's visible tests. Grading runs the
    // same tests again and more (hidden) ones, on the answers in the cells marked `// YOUR ANSWER HERE` and in
    // any cells you added; the other cells are graded as they were given to you.

    run.Show(Autoencoders.Notebooks.SelfCheck.Summary(
        ("Question 1", 3, 1),
        ("Question 2", 1, 0),
        ("Question 3", 2, 1),
        ("Question 4", 3, 1),
        ("Question 5", 1, 0)));
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
