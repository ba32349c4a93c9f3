#:project ../../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
#:property Nullable=disable
#:property TreatWarningsAsErrors=false
// Generated from notebooks/assignments/release/2-autoencoders.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/assignments/2-autoencoders.cs -- --mode quick
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

var run = NotebookProgram.Start(args, "2-autoencoders");
try
{
    // # Assignment 2: AutoEncoders
    //
    // This assignment is about what an autoencoder is and what its code is good for: counting a network's parameters, reading
    // its encoder, bottleneck and decoder, comparing a linear autoencoder with principal component analysis (PCA) on MNIST, and
    // comparing codes with cosine similarity.
    //
    // **How it works.** Write your code between the marked lines of each answer cell, where the notebook says
    // `throw new NotImplementedException();` or shows a placeholder such as `'?'` or `-1`. Keep the names and signatures that
    // are given: the tests call them. Run the cells in order.
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
    int trainCount = run.Parameter("trainCount", mode == "quick" ? 3000 : 10000);   // training images used
    int testCount = run.Parameter("testCount", mode == "quick" ? 500 : 2000);      // test images used
    int codeSize = run.Parameter("codeSize", 32);                                 // the bottleneck width
    int linearEpochs = run.Parameter("linearEpochs", mode == "quick" ? 25 : 20);
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);
    var (train, test) = ImageSplits.Load(dataset, trainCount, testCount, seed);
    var (xTrain, xTest) = (train.Images, test.Images);
    Console.WriteLine($"train: [{string.Join(", ", xTrain.shape)}], test: [{string.Join(", ", xTest.shape)}]");

    // ## Question 1: Counting parameters (2 points)
    //
    // The first lesson's bottleneck network has layers of sizes **6 → 4 → 2 → 4 → 6**: an input of 6 numbers, then four
    // fully connected (dense) layers of 4, 2, 4 and 6 units. A dense layer with `m` inputs and `n` units computes `W·x + b`,
    // with a weight matrix `W` of `n × m` values and a bias vector `b` of `n` values.
    //
    // Count by hand (do not build the network to find out):
    //
    // - `weightCount`: the number of weights of the whole network, biases not included;
    // - `parameterCount`: the number of all trainable parameters, weights and biases.

    // YOUR ANSWER HERE
    int weightCount = -1;
    int parameterCount = -1;
    Console.WriteLine($"weights: {weightCount}, parameters: {parameterCount}");

    // ## Question 2: Encoder, bottleneck, decoder (2 points)
    //
    // Still about the 6 → 4 → 2 → 4 → 6 network, trained to reproduce its input.
    //
    // - `codeSize6`: how many numbers describe one input in the code (the output of the bottleneck)?
    // - `encoderAnswer`: which part of the network is the **encoder**, the part you keep to turn inputs into codes?
    //   - **A.** The last three layers, 2 → 4 → 6.
    //   - **B.** The first layers, from the 6 inputs through 4 units up to and including the 2-unit layer.
    //   - **C.** The 2-unit layer alone.
    //   - **D.** The whole network: the encoder is everything that is trained.

    // YOUR ANSWER HERE
    int codeSize6 = -1;
    char encoderAnswer = '?';

    // ## Question 3: PCA's reconstruction error (2 points)
    //
    // Principal component analysis projects the data onto the `k` directions along which it varies most, and maps the
    // projection back to the original space. No linear compression to `k` numbers rebuilds the data with a smaller squared
    // error, which makes PCA the yardstick for autoencoders.
    //
    // Complete `PcaReconstructionMse`: fit PCA with `k` components on `train`, reconstruct `test` from its `k` components, and
    // return the mean squared error per pixel between the reconstruction and `test`. `Pca` and `ReconstructionError` in
    // `Autoencoders.Analysis` do most of the work. (Fit on the training images only: the test images play the part of new
    // data.)

    double PcaReconstructionMse(Tensor train, Tensor test, int k)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    var pcaMse = PcaReconstructionMse(xTrain, xTest, codeSize);
    Console.WriteLine($"PCA with {codeSize} components: test MSE per pixel {pcaMse:F5}");

    {
        // TEST Question 3 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 3", 1, () =>
        {
            var reply = Reply.Of(("pcaMse", pcaMse), ("pca8", PcaReconstructionMse(xTrain, xTest, 8)));
            var (gradingPca32, gradingPca8) = (reply.Double("pcaMse"), reply.Double("pca8"));
            var gradingMeanImageMse = ReconstructionError.Mse(xTrain.mean([0], keepdim: true).expand(xTest.shape), xTest);
            Claim.AtMost(gradingPca32, gradingMeanImageMse * 0.5, "PCA's MSE should be well below that of predicting the mean image");
            Claim.That(gradingPca8 > gradingPca32, $"With fewer components the error should be larger: k = 8 gave {gradingPca8:F5}, k = {codeSize} gave {gradingPca32:F5}.");
        });
    }

    // ## Question 4: A linear autoencoder finds what PCA finds (3 points)
    //
    // A **linear** autoencoder, 784 → `k` → 784 with no activation anywhere (`Activation.Linear` for the code and the
    // output), trained with mean squared error, is also a linear compressor to `k` numbers. So it can at best match PCA, and
    // gradient descent brings it close.
    //
    // Complete `TrainLinearAutoencoder`: build a 784 → `k` → 784 linear autoencoder with initial weights drawn from `seed`,
    // train it on `x` for `epochs` epochs with mean squared error (use `seed` for the shuffling too), and return it. With only
    // a few epochs the lecture's settings (learning rate 0.001, batches of 256) are too slow to get there: batches of 128 and a
    // learning rate of 0.003 are.
    //
    // On test images, its error should come within 15 % of PCA's in `quick` mode and within 5 % in `full` mode.

    DenseAutoencoder TrainLinearAutoencoder(Tensor x, int k, int epochs, int seed)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    var linearAutoencoder = TrainLinearAutoencoder(xTrain, codeSize, linearEpochs, seed);

    var linearMse = ReconstructionError.Mse(linearAutoencoder.Reconstruct(xTest), xTest);
    Console.WriteLine($"test MSE per pixel: linear autoencoder {linearMse:F5}, PCA {pcaMse:F5} (ratio {linearMse / pcaMse:F3})");
    run.Show(ImageGrid.Create([("test images", xTest[..10]), ("linear autoencoder", linearAutoencoder.Reconstruct(xTest[..10]).clamp(0, 1))],
        title: $"Reconstructions from {codeSize} numbers"));

    {
        // TEST Question 4 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 4", 1, () =>
        {
            var reply = Reply.Of(("linearAutoencoder", linearAutoencoder));
            using (var gradingModel = reply.Autoencoder("linearAutoencoder"))
            {
                Claim.That(gradingModel.LayerSizes.SequenceEqual(new[] { 784, codeSize, 784 }),
                    $"Expected layer sizes 784-{codeSize}-784, got {string.Join("-", gradingModel.LayerSizes)}.");
                double gradingPcaMse;
                using (var gradingPca = Pca.Fit(xTrain, codeSize)) gradingPcaMse = ReconstructionError.Mse(gradingPca.Reconstruct(xTest), xTest);
                var gradingLinearMse = ReconstructionError.Mse(gradingModel.Reconstruct(xTest), xTest);
                Claim.AtMost(gradingLinearMse / gradingPcaMse, mode == "quick" ? 1.15 : 1.05, "Test MSE of the linear autoencoder divided by PCA's");
            }
        });
    }

    // ## Question 5: Cosine similarity (3 points)
    //
    // Codes are vectors, and similar inputs should have similar codes. A common way to compare two codes is the **cosine
    // similarity**, the cosine of the angle between them:
    //
    // $$\cos(a, b) = \frac{a \cdot b}{\lVert a \rVert \, \lVert b \rVert}$$
    //
    // It is 1 for vectors pointing the same way, 0 for perpendicular ones and −1 for opposite ones, whatever their lengths.
    //
    // Complete `Cosine` for two arrays of the same length. Follow the course library's conventions for the edge cases: if
    // either vector is all zeros, the similarity is 0; if the lengths differ, throw an `ArgumentException`. Compute in `double`.

    double Cosine(float[] a, float[] b)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    // The codes of two test images, as the linear autoencoder computes them.
    var codes = linearAutoencoder.Encode(xTest[..2]);
    Console.WriteLine($"cosine similarity of the codes of the first two test images: {Cosine(codes[0].data<float>().ToArray(), codes[1].data<float>().ToArray()):F4}");

    {
        // TEST Question 5 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 5", 1, () =>
        {
            var gradingPairs = new (float[] A, float[] B)[]
            {
                (new float[] { 1, 0 }, new float[] { 0, 1 }),
                (new float[] { 1, 2, 3 }, new float[] { 2, 4, 6 }),
                (new float[] { 1, 2, 3 }, new float[] { -1, -2, -3 }),
                (new float[] { 1, 1 }, new float[] { 1, 0 }),
            };
            var reply = Reply.Of(("cosines", gradingPairs.Select(p => Cosine(p.A, p.B)).ToArray()));
            var gradingCases = new (string Pair, double Expected)[]
            {
                ("[1, 0], [0, 1]", 0), ("[1, 2, 3], [2, 4, 6]", 1), ("[1, 2, 3], [-1, -2, -3]", -1), ("[1, 1], [1, 0]", Math.Sqrt(0.5)),
            };
            var gradingCosines = reply.Numbers("cosines");
            for (int gradingCase = 0; gradingCase < gradingCases.Length; gradingCase++)
                Claim.That(Math.Abs(gradingCosines[gradingCase] - gradingCases[gradingCase].Expected) < 1e-9,
                    $"Cosine({gradingCases[gradingCase].Pair}) should be {gradingCases[gradingCase].Expected:F6}, got {gradingCosines[gradingCase]:F6}.");
        });
    }

    // ## Self-check
    //
    // Run the cell below after the test cells above: it lists each question's visible tests. Grading runs the
    // same tests again and more (hidden) ones, on the answers in the cells marked `// YOUR ANSWER HERE` and in
    // any cells you added; the other cells are graded as they were given to you.

    run.Show(Autoencoders.Notebooks.SelfCheck.Summary(
        ("Question 1", 2, 0),
        ("Question 2", 2, 0),
        ("Question 3", 2, 1),
        ("Question 4", 3, 1),
        ("Question 5", 3, 1)));
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
