#:project ../../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
#:property Nullable=disable
#:property TreatWarningsAsErrors=false
// Generated from notebooks/assignments/release/1-training-autoencoders.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/assignments/1-training-autoencoders.cs -- --mode quick
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

var run = NotebookProgram.Start(args, "1-training-autoencoders");
try
{
    // # Assignment 1: Training AutoEncoders
    //
    // This assignment trains the lecture's deep autoencoder on MNIST, one step at a time: pick the loss that fits the data,
    // build the network, train it, take its encoder apart to embed images, and read the training history.
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
    int trainCount = run.Parameter("trainCount", mode == "quick" ? 5000 : 20000);   // training images used
    int testCount = run.Parameter("testCount", mode == "quick" ? 500 : 2000);      // test images used for validation
    int epochs = run.Parameter("epochs", mode == "quick" ? 12 : 20);
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);
    var (train, test) = ImageSplits.Load(dataset, trainCount, testCount, seed);
    var (xTrain, xTest) = (train.Images, test.Images);
    Console.WriteLine($"train: [{string.Join(", ", xTrain.shape)}], test: [{string.Join(", ", xTest.shape)}]");

    // ## Question 1: Choose the loss (4 points)
    //
    // An autoencoder is trained to make its output close to a target, and the loss says what "close" means. The course
    // library has these losses in `Losses`: `BinaryCrossEntropy`, `MeanSquaredError`, `MaskedMeanSquaredError` and
    // `CategoricalCrossEntropy`.
    //
    // Assign to each variable the loss that fits the data:
    //
    // - `lossForPixels`: grey-scale pixel intensities in [0, 1], predicted by a network with a sigmoid output;
    // - `lossForRatings`: movie ratings on a 0.5–5 star scale in a table where every rating is known, predicted by a network
    //   with a linear output;
    // - `lossForClasses`: which of 10 classes an image belongs to, predicted as one raw score per class.

    // YOUR ANSWER HERE
    Loss lossForPixels = null;   // Losses.…
    Loss lossForRatings = null;
    Loss lossForClasses = null;
    Console.WriteLine($"pixels: {lossForPixels}, ratings: {lossForRatings}, classes: {lossForClasses}");

    {
        // TEST Question 1 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 1", 1, () =>
        {
            var gradingLosses = new Loss[] { Losses.BinaryCrossEntropy, Losses.MeanSquaredError, Losses.MaskedMeanSquaredError, Losses.CategoricalCrossEntropy };
            var reply = new Reply();
            foreach (var (gradingName, gradingLoss) in new[] { ("lossForPixels", lossForPixels), ("lossForRatings", lossForRatings), ("lossForClasses", lossForClasses) })
                reply.Add(gradingName, Array.FindIndex(gradingLosses, l => object.ReferenceEquals(l, gradingLoss)));
            foreach (var gradingName in new[] { "lossForPixels", "lossForRatings", "lossForClasses" })
                Claim.That(reply.Int(gradingName) >= 0, $"{gradingName} should be one of the four losses in Losses.");
        });
    }

    // ## Question 2: Build the network (2 points)
    //
    // Complete `BuildAutoencoder` so that it returns the lecture's deep autoencoder, 784 → 128 → 64 → 32 → 64 → 128 → 784,
    // with ReLU activations in every layer but the last, a sigmoid output (pixels lie in [0, 1]) and its initial weights drawn
    // from `seed`. `DenseAutoencoder.Create` builds a network from its layer sizes; `Summary()` prints it.

    DenseAutoencoder BuildAutoencoder(int seed)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    var autoencoder = BuildAutoencoder(seed);
    Console.WriteLine(autoencoder.Summary());

    {
        // TEST Question 2 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 2", 1, () =>
        {
            var reply = Reply.Of(("autoencoder", autoencoder));
            using (var gradingModel = reply.Autoencoder("autoencoder"))
            {
                var gradingCount = gradingModel.Summary().TotalParameters;
                Claim.That(gradingCount == 222_384, $"The lecture's network has 222,384 parameters; yours has {gradingCount:N0}.");
            }
        });
    }

    // ## Question 3: Train it (3 points)
    //
    // Complete `TrainAutoencoder`: train `model` to reconstruct `x` for `epochs` epochs as the lecture does, with binary
    // cross-entropy, Adam (the default optimiser, learning rate 0.001), batches of 256 and a new shuffle every epoch, using
    // `seed` for the shuffling. Pass `validation` as validation data (an autoencoder's target is its input, for validation
    // too), so that the returned history has a validation loss for every epoch.
    //
    // How low is low enough depends on the images, so the test measures two yardsticks on the validation images: the loss
    // of always answering the mean training image (a network that learned nothing), and the loss of a perfect copy (above 0
    // wherever pixels are grey). With the parameters above, training should close at least 40 % of the gap between the two in
    // `quick` mode and 70 % in `full` mode.

    History TrainAutoencoder(DenseAutoencoder model, Tensor x, Tensor validation, int epochs, int seed)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    var history = TrainAutoencoder(autoencoder, xTrain, xTest, epochs, seed);

    run.Show(LossCurves.Create(history.Loss, history.ValLoss, title: "Deep autoencoder 784-128-64-32-64-128-784", yTitle: "binary cross-entropy"));

    run.Show(ImageGrid.Compare(xTest[..10], autoencoder.Reconstruct(xTest[..10]), title: "Test digits (top) and their reconstructions (bottom)"));

    {
        // TEST Question 3 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 3", 1, () =>
        {
            var reply = Reply.Of(("epochs", history.Count), ("valLoss", history.ValLoss), ("autoencoder", autoencoder));
            Claim.That(reply.Int("epochs") == epochs, $"The history should have {epochs} epochs, it has {reply.Int("epochs")}.");
            Claim.That(!reply.IsNull("valLoss"), "The history has no validation loss: pass validation data to Fit.");
            var gradingMeanImageBce = ReconstructionError.Bce(xTrain.mean([0], keepdim: true).expand_as(xTest), xTest);
            var gradingPerfectBce = ReconstructionError.Bce(xTest, xTest);
            double gradingValBce;
            using (var gradingModel = reply.Autoencoder("autoencoder")) gradingValBce = ReconstructionError.Bce(gradingModel.Reconstruct(xTest), xTest);
            var gradingGapClosed = (gradingMeanImageBce - gradingValBce) / (gradingMeanImageBce - gradingPerfectBce);
            Console.WriteLine($"validation BCE: mean image {gradingMeanImageBce:F4}, yours {gradingValBce:F4}, perfect copy {gradingPerfectBce:F4}: {gradingGapClosed:P0} of the gap closed");
            Claim.AtLeast(gradingGapClosed, mode == "quick" ? 0.4 : 0.7, "Share of the gap between the mean image's and a perfect copy's validation loss closed by training");
        });
    }

    // ## Question 4: Embed images with the encoder (2 points)
    //
    // After training, the decoder has done its job: what we keep is the **encoder**, the half of the network from the input
    // to the 32-unit code. Complete `Embed` so that it returns the code of every row of `images`, an `[n, 32]` tensor, computed
    // by the encoder of `model` (see `model.Encoder`, or the `Encode` extension method).

    Tensor Embed(DenseAutoencoder model, Tensor images)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    var testCodes = Embed(autoencoder, xTest);
    Console.WriteLine($"codes: [{string.Join(", ", testCodes.shape)}]");

    {
        // TEST Question 4 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 4", 1, () =>
        {
            var reply = Reply.Of(("shape", testCodes.shape));
            var gradingShape = reply.Longs("shape");
            Claim.That(gradingShape.SequenceEqual(new[] { xTest.shape[0], 32L }),
                $"Expected codes of shape [{xTest.shape[0]}, 32], got [{string.Join(", ", gradingShape)}].");
        });
    }

    // ## Question 5: The best epoch (2 points)
    //
    // Validation loss usually falls quickly, then flattens, and when a network trains for too long it starts to rise again
    // while the training loss keeps falling. The weights worth keeping are those of the epoch with the **lowest validation
    // loss**.
    //
    // Complete `BestEpoch`: given the validation losses of the epochs in order, return the number of the best epoch,
    // counting from **1** as the training progress does. If several epochs share the lowest loss, return the earliest.

    int BestEpoch(IReadOnlyList<double> validationLosses)
    {
        // YOUR ANSWER HERE
        throw new NotImplementedException();
    }

    Console.WriteLine($"best epoch of the training above: {BestEpoch(history.ValLoss!)} of {history.Count}");

    {
        // TEST Question 5 (1 point): run it to check your answer; grading runs more tests.
        Autoencoders.Notebooks.SelfCheck.Run("Question 5", 1, () =>
        {
            var reply = Reply.Of(("best", BestEpoch(new[] { 0.30, 0.20, 0.25 })));
            Claim.That(reply.Int("best") == 2, $"For validation losses 0.30, 0.20, 0.25 the best epoch is 2; BestEpoch returned {reply.Int("best")}.");
        });
    }

    // ## Question 6: Reading the curves (1 point)
    //
    // You train an autoencoder for 200 epochs. From epoch 40 on, the training loss keeps falling but the validation loss
    // rises slowly. What is happening, and what should you do? Set `answer6` to the letter of the best answer.
    //
    // - **A.** The network is underfitting: train for more epochs.
    // - **B.** The network is overfitting the training images: keep the weights of the epoch with the lowest validation loss
    //   (early stopping), or stop around epoch 40.
    // - **C.** The learning rate is too low: raise it so the validation loss falls as fast as the training loss.
    // - **D.** The validation images must be corrupted: a correct training always lowers both losses together.

    // YOUR ANSWER HERE
    char answer6 = '?';

    // ## Self-check
    //
    // Run the cell below after the test cells above: it lists each question's visible tests. Grading runs the
    // same tests again and more (hidden) ones, on the answers in the cells marked `// YOUR ANSWER HERE` and in
    // any cells you added; the other cells are graded as they were given to you.

    run.Show(Autoencoders.Notebooks.SelfCheck.Summary(
        ("Question 1", 4, 1),
        ("Question 2", 2, 1),
        ("Question 3", 3, 1),
        ("Question 4", 2, 1),
        ("Question 5", 2, 1),
        ("Question 6", 1, 0)));
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
