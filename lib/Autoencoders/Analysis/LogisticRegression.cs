using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Multinomial logistic regression (softmax regression) trained with TorchSharp: the simplest classifier to
/// put on top of a feature extractor, so differences in its accuracy come from the features (pixels, PCA codes,
/// autoencoder codes), not from the classifier.</summary>
/// <remarks>Features are centred and divided by one overall standard deviation (from the training set): codes from
/// different encoders have very different scales, and a common scale lets one learning rate serve all of them, while
/// keeping the features' relative sizes — per-feature standardisation would blow up nearly-constant border pixels
/// and overfit them. Training is mini-batch Adam, with a cosine-decaying step, on the cross-entropy plus an L2 penalty on the weights; it is convex, so the
/// result hardly depends on the seed. ML.NET's SDCA/L-BFGS trainers would do the same job but need IDataView
/// conversions, and the course already trains with TorchSharp.</remarks>
/// <example><code>
/// using var model = LogisticRegression.Fit(trainCodes, train.Labels);
/// Console.WriteLine(model.Accuracy(testCodes, test.Labels));
/// var matrix = ConfusionMatrix.From(test.Labels, model.Predict(testCodes));
/// </code></example>
public sealed class LogisticRegression : IDisposable
{
    private readonly Tensor mean, scale, weight, bias; // float32

    private LogisticRegression(Tensor mean, Tensor scale, Tensor weight, Tensor bias, IReadOnlyList<double> losses)
    {
        this.mean = mean;
        this.scale = scale;
        this.weight = weight;
        this.bias = bias;
        LossHistory = losses;
    }

    /// <summary>Training loss (mean cross-entropy + penalty) at the end of each epoch.</summary>
    public IReadOnlyList<double> LossHistory { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => (int)weight.shape[0];

    /// <summary>Trains on <paramref name="features"/> [n, d] with integer <paramref name="labels"/> [n] in 0 … C − 1.
    /// <paramref name="l2"/> is the weight penalty per sample (1e-4 on 10,000 samples is scikit-learn's default C = 1).
    /// </summary>
    public static LogisticRegression Fit(Tensor features, Tensor labels, int epochs = 20, int batchSize = 256,
        double learningRate = 0.01, double l2 = 1e-4, int seed = 42)
    {
        if (features.dim() != 2) throw new ArgumentException("Features must be a matrix [n, d].", nameof(features));
        long n = features.shape[0], d = features.shape[1];
        if (labels.numel() != n) throw new ArgumentException("One label per row is needed.", nameof(labels));

        using var scope = NewDisposeScope();
        var x = features.to_type(ScalarType.Float32);
        var y = labels.to_type(ScalarType.Int64).flatten();
        int classes = (int)y.max().item<long>() + 1;
        var mean = x.mean([0L]);
        var scale = (x - mean).pow(2).mean().sqrt().clamp_min(1e-12);
        x = (x - mean) / scale;

        using var generator = new Generator().manual_seed(seed);
        var bound = 1.0 / Math.Sqrt(d);
        var weight = rand(new long[] { classes, d }, generator: generator) * 2 * bound - bound;
        var parameters = new[] { new TorchSharp.Modules.Parameter(weight), new TorchSharp.Modules.Parameter(zeros(classes)) };
        using var optimizer = optim.Adam(parameters, lr: learningRate);
        var rng = new Random(seed);
        var losses = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            // Cosine decay to zero: large steps early, then settling into the optimum instead of rattling around it.
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate = learningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / epochs));
            var order = Enumerable.Range(0, (int)n).Select(i => (long)i).ToArray();
            rng.Shuffle(order);
            double total = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                using var batchScope = NewDisposeScope();
                int count = (int)Math.Min(batchSize, n - start);
                var idx = tensor(order.AsSpan(start, count).ToArray());
                var logits = x.index_select(0, idx).matmul(parameters[0].t()) + parameters[1];
                var loss = nn.functional.cross_entropy(logits, y.index_select(0, idx)) + 0.5 * l2 * parameters[0].pow(2).sum();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                total += loss.item<float>() * count;
            }
            losses.Add(total / n);
        }
        var w = parameters[0].detach().clone();
        var b = parameters[1].detach().clone();
        return new LogisticRegression(mean.MoveToOuterDisposeScope(), scale.MoveToOuterDisposeScope(),
            w.MoveToOuterDisposeScope(), b.MoveToOuterDisposeScope(), losses);
    }

    /// <summary>Class probabilities [m, C] for the rows of <paramref name="features"/>.</summary>
    public Tensor PredictProbabilities(Tensor features)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = (features.to_type(ScalarType.Float32) - mean) / scale;
        return nn.functional.softmax(x.matmul(weight.t()) + bias, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Most probable class [m] (int64) for the rows of <paramref name="features"/>.</summary>
    public Tensor Predict(Tensor features)
    {
        using var scope = NewDisposeScope();
        return PredictProbabilities(features).argmax(1).MoveToOuterDisposeScope();
    }

    /// <summary>Accuracy on <paramref name="features"/> against <paramref name="labels"/>.</summary>
    public double Accuracy(Tensor features, Tensor labels)
    {
        using var predicted = Predict(features);
        return Analysis.Accuracy.Of(labels, predicted);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        mean.Dispose();
        scale.Dispose();
        weight.Dispose();
        bias.Dispose();
    }
}
