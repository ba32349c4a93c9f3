#:project ../../lib/Autoencoders/Autoencoders.csproj
#:property PublishAot=false
#:property EnforceCodeStyleInBuild=false
// Generated from notebooks/01-intuition.ipynb: edit the notebook, not this file, and write the programs again with
//   dotnet run --project lib/NotebookRunner -c Release -- --write-programs notebooks
// Run it from the course folder: dotnet run notebooks/programs/01-intuition.cs -- --mode quick
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

var run = NotebookProgram.Start(args, "01-intuition");
try
{
    // # 1. Intuition: a network that copies its input
    //
    // An **autoencoder** is trained to output its own input. That sounds pointless until the network is forced to squeeze
    // the input through a narrow layer on the way: then, to copy well, it must find what matters in the data. This notebook
    // builds that idea in three steps, on small examples you can check by hand:
    //
    // 1. a network that copies perfectly, because nothing stops it;
    // 2. a network with a 2-unit layer in the middle, which can only copy data that really has two degrees of freedom;
    // 3. which loss to measure "copied well" with, for binary, categorical and continuous data.

    // parameters
    string mode = run.Parameter("mode", Environment.GetEnvironmentVariable("AUTOENCODERS_MODE") ?? "full"); // "quick" or "full"
    int epochs = run.Parameter("epochs", mode == "quick" ? 25 : 150);  // passes over the 2,000 examples below
    int seed = run.Parameter("seed", 42);
    run.ParametersRead();

    torch.manual_seed(seed);

    // ## Step 1: copying with nothing in the way
    //
    // Take 2,000 points in six dimensions, each coordinate drawn independently from a standard normal distribution. Give a
    // network three layers of six units each, with **linear** activations (each layer computes `W·x + b` and nothing more).
    // Copying is then easy: the identity matrix is one solution, and training finds one like it.

    var scattered = torch.randn(2000, 6);                        // six independent coordinates

    var identity = DenseAutoencoder.Create([6, 6, 6], hidden: Activation.Linear, output: Activation.Linear, seed: seed);
    var identityHistory = identity.Fit(scattered, scattered, epochs: epochs, batchSize: 100,
        loss: Losses.MeanSquaredError, learningRate: 0.02, seed: seed, progress: TrainingProgress.Silent);
    var identityError = identity.Evaluate(scattered, scattered, Losses.MeanSquaredError);
    Console.WriteLine($"6-6-6 linear network: mean squared error after {epochs} epochs = {identityError:E2}");

    Claim.AtMost(identityError, mode == "quick" ? 0.05 : 1e-3, "a 6-6-6 linear network copies its input");

    // The error heads to zero: with as many units in the middle as there are inputs, the network has room to pass
    // everything through. It learned nothing about the data, though: it would copy anything.

    // ## Step 2: a bottleneck of two units
    //
    // Now the network narrows to **6 → 4 → 2 → 4 → 6**. Everything the last three layers produce must be rebuilt from the two
    // numbers in the middle layer. Can it still copy?
    //
    // It depends on the data. The six independent coordinates above have six directions of variation, and two numbers cannot
    // hold six. But data often has fewer *real* degrees of freedom than coordinates. The second data set below has six
    // coordinates too, but they are all made from two hidden factors (plus a little noise), like six sensors watching the
    // same two things.

    var mixing = torch.randn(2, 6);                               // how two hidden factors show up in six coordinates
    var factors = torch.randn(2000, 2);
    var structured = factors.matmul(mixing) + 0.05f * torch.randn(2000, 6);

    DenseAutoencoder Bottleneck() => DenseAutoencoder.Create([6, 4, 2, 4, 6],
        hidden: Activation.Linear, output: Activation.Linear, seed: seed);

    double TrainAndMeasure(DenseAutoencoder model, Tensor data, out History history)
    {
        history = model.Fit(data, data, epochs: epochs, batchSize: 100, loss: Losses.MeanSquaredError,
            learningRate: 0.02, seed: seed, progress: TrainingProgress.Silent);
        return model.Evaluate(data, data, Losses.MeanSquaredError);
    }

    var onScattered = Bottleneck();
    var scatteredError = TrainAndMeasure(onScattered, scattered, out var scatteredHistory);
    var onStructured = Bottleneck();
    var structuredError = TrainAndMeasure(onStructured, structured, out var structuredHistory);

    Console.WriteLine($"6-4-2-4-6 on six independent coordinates:    MSE = {scatteredError:F4}");
    Console.WriteLine($"6-4-2-4-6 on data with two hidden factors:   MSE = {structuredError:F4}");
    Console.WriteLine($"(variance per coordinate: {scattered.var().item<float>():F2} and {structured.var().item<float>():F2})");

    Claim.AtLeast(scatteredError, 0.4, "two numbers cannot hold six independent coordinates");
    Claim.AtMost(structuredError, mode == "quick" ? 0.3 : 0.02, "two numbers do hold data with two hidden factors");

    run.Show(LossCurves.Compare([("six independent coordinates", scatteredHistory.Loss), ("two hidden factors", structuredHistory.Loss)],
        title: "6-4-2-4-6 network: training loss", yTitle: "mean squared error", logScale: true));

    // On six independent coordinates the error stalls far from zero: about two thirds of the variance is lost, because a
    // 2-unit middle layer can keep at most two of the six directions. On the two-factor data the error falls to the level of
    // the added noise. The bottleneck did not get in the way there, which tells us something about the data: it really has
    // (about) two degrees of freedom, and the network found them.

    // ## Encoder, bottleneck, decoder
    //
    // Read the 6-4-2-4-6 network in two halves:
    //
    // - the **encoder** (6 → 4 → 2) compresses an input into two numbers;
    // - the **bottleneck** is the 2-unit layer: its output, the **code** (or *embedding*, or *latent features*), is what the
    //   whole network was trained to make useful;
    // - the **decoder** (2 → 4 → 6) rebuilds the input from the code.
    //
    // The two halves can be used on their own. The encoder turns each example into a short vector of features; the decoder
    // turns any code into an example.

    Console.WriteLine(onStructured.Summary());

    var codes = onStructured.Encode(structured);             // [2000, 2]: one code per example
    var rebuilt = onStructured.Decode(codes);                // [2000, 6]
    Console.WriteLine($"codes: [{string.Join(", ", codes.shape)}], rebuilt: [{string.Join(", ", rebuilt.shape)}]");
    Console.WriteLine($"decoder(encoder(x)) equals the whole network's output: {rebuilt.allclose(onStructured.Reconstruct(structured), rtol: 1e-4, atol: 1e-5)}");

    // How well do the two code numbers capture the two hidden factors we used to make the data? If the encoder found them,
    // each factor is (close to) a linear combination of the two code numbers. A least-squares fit tells:

    // Fit factors ≈ [codes, 1] · B by least squares and report the share of variance explained (R²).
    var design = torch.cat([codes, torch.ones(codes.shape[0], 1)], dim: 1);
    var solution = torch.linalg.lstsq(design, factors).Solution;
    var residual = factors - design.matmul(solution);
    var explained = 1 - (residual.pow(2).sum() / (factors - factors.mean([0])).pow(2).sum()).item<float>();
    Console.WriteLine($"the two code numbers explain {explained:P2} of the variance of the two hidden factors");
    Claim.AtLeast(explained, mode == "quick" ? 0.8 : 0.99, "the code recovers the hidden factors");

    // ## Which loss?
    //
    // "Copied well" needs a number, and the right one depends on what the data is:
    //
    // | data | output layer | loss |
    // |---|---|---|
    // | binary, or values in [0, 1] (pixel intensities) | sigmoid | **binary cross-entropy** |
    // | one of several classes (one-hot) | softmax | **categorical cross-entropy** |
    // | continuous, unbounded (measurements, ratings) | linear | **mean squared error** (or its root, RMSE, in the data's units) |
    //
    // Why not mean squared error everywhere? For a target of 1, compare the two losses as the predicted probability `p`
    // falls: squared error never exceeds 1, while cross-entropy, `-log p`, grows without bound. A confident wrong answer is
    // punished hard, which gives a sigmoid output strong gradients exactly where it is most wrong.

    var p = torch.linspace(0.01, 0.99, 99);
    var ones = torch.ones_like(p);
    var bce = nn.functional.binary_cross_entropy(p, ones, reduction: nn.Reduction.None);
    var mse = nn.functional.mse_loss(p, ones, reduction: nn.Reduction.None);

    run.Show(Chart.Combine(new[]
    {
        Chart.Line<float, float, string>(x: p.data<float>().ToArray(), y: bce.data<float>().ToArray(), Name: "binary cross-entropy"),
        Chart.Line<float, float, string>(x: p.data<float>().ToArray(), y: mse.data<float>().ToArray(), Name: "squared error"),
    })
    .WithXAxisStyle<double, double, string>(TitleText: "predicted probability for a target of 1")
    .WithYAxisStyle<double, double, string>(TitleText: "loss"));

    // The same three losses on tiny examples, computed by TorchSharp:

    // Binary: four pixels that are on or off, and a prediction.
    var pixels = torch.tensor(new float[] { 1, 0, 1, 1 });
    var pixelGuess = torch.tensor(new float[] { 0.9f, 0.2f, 0.6f, 0.99f });
    var binaryLoss = nn.functional.binary_cross_entropy(pixelGuess, pixels).item<float>();

    // Categorical: one example of class 2 out of 3, and the network's raw scores (softmax is applied inside the loss).
    var scores = torch.tensor(new float[] { 0.5f, 0.1f, 2.0f }).unsqueeze(0);
    var categoricalLoss = nn.functional.cross_entropy(scores, torch.tensor(new long[] { 2 })).item<float>();

    // Continuous: three ratings on a 0.5-5 scale, and predictions.
    var ratings = torch.tensor(new float[] { 4.0f, 2.5f, 5.0f });
    var ratingGuess = torch.tensor(new float[] { 3.5f, 3.0f, 4.5f });
    var squared = nn.functional.mse_loss(ratingGuess, ratings).item<float>();

    Console.WriteLine($"binary cross-entropy on the pixels:       {binaryLoss:F4}");
    Console.WriteLine($"categorical cross-entropy on the class:   {categoricalLoss:F4}");
    Console.WriteLine($"MSE on the ratings: {squared:F4}, RMSE: {Math.Sqrt(squared):F4} stars (every guess is off by half a star)");
    Claim.That(Math.Abs(Math.Sqrt(squared) - 0.5) < 1e-6, "RMSE is in the data's own units");

    // ## What we saw

    Console.WriteLine($"A 6-6-6 linear network copied six independent coordinates with MSE {identityError:E2}.");
    Console.WriteLine($"A 6-4-2-4-6 network could not: MSE {scatteredError:F3} on the same data, about two thirds of its variance.");
    Console.WriteLine($"On data with two hidden factors, the same network reached MSE {structuredError:F4},");
    Console.WriteLine($"and its two code numbers explain {explained:P1} of the hidden factors' variance.");

    // A bottleneck turns copying into a test: the network passes only when it has found a compact description of the data.
    // That description, the code, is what autoencoders are for. The next notebook puts it to work on real images.
}
catch (Exception error)
{
    return run.Stop(error);
}
return run.End();
