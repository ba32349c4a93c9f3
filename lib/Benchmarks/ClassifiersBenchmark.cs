using System.Diagnostics;
using System.Globalization;
using Autoencoders.Analysis;
using Autoencoders.Data;
using static TorchSharp.torch;

namespace Benchmarks;

/// <summary>The feature-extraction lesson's classifiers on MNIST: logistic regression and 5-NN trained on the first
/// 10,000 training images, as raw pixels and as PCA-32 codes, scored on the 10,000 test images; with scikit-learn
/// installed, its LogisticRegression (default C = 1, lbfgs) on the same features.</summary>
public sealed class ClassifiersBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "classifiers";

    /// <inheritdoc />
    public string Description => "Logistic regression and 5-NN on MNIST pixels and PCA-32 codes vs scikit-learn [--no-sklearn]";

    private const string Script = """
        import sys, time, numpy as np
        from sklearn.linear_model import LogisticRegression
        n, m, d = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
        xt = np.fromfile(sys.argv[4], dtype=np.float32).reshape(n, d)
        yt = np.fromfile(sys.argv[5], dtype=np.float32).astype(int)
        xv = np.fromfile(sys.argv[6], dtype=np.float32).reshape(m, d)
        yv = np.fromfile(sys.argv[7], dtype=np.float32).astype(int)
        t0 = time.perf_counter()
        model = LogisticRegression(max_iter=1000).fit(xt, yt)
        print(f"seconds={time.perf_counter() - t0}")
        print(f"accuracy={model.score(xv, yv)}")
        """;

    /// <inheritdoc />
    public int Run(string[] args)
    {
        bool sklearn = !args.Contains("--no-sklearn") && ScikitLearn.Available();
        using var train = Mnist.Train();
        using var test = Mnist.Test();
        using var scope = NewDisposeScope();
        var x = train.Images.narrow(0, 0, 10000);
        var y = train.Labels.narrow(0, 0, 10000);
        using var pca = Pca.Fit(x, 32);
        var features = new (string Name, Tensor Train, Tensor Test)[]
        {
            ("raw pixels (784)", x, test.Images),
            ("PCA-32 codes", pca.Transform(x), pca.Transform(test.Images)),
        };
        Console.WriteLine($"10,000 training images, 10,000 test images; torch threads {get_num_threads()}");
        foreach (var (name, xt, xv) in features)
        {
            var clock = Stopwatch.StartNew();
            using var model = LogisticRegression.Fit(xt, y);
            double seconds = clock.Elapsed.TotalSeconds;
            double accuracy = model.Accuracy(xv, test.Labels);
            clock.Restart();
            using var knn = new KnnClassifier(xt, y);
            double knnAccuracy = knn.Accuracy(xv, test.Labels);
            Console.WriteLine($"  {name,-18} logistic regression {accuracy:0.0000} ({seconds:0.0} s)   " +
                              $"5-NN {knnAccuracy:0.0000} ({clock.Elapsed.TotalSeconds:0.0} s)");
            if (!sklearn) continue;
            var files = new[]
            {
                ScikitLearn.WriteMatrix(xt.contiguous().data<float>().ToArray()),
                ScikitLearn.WriteMatrix(y.to_type(ScalarType.Float32).contiguous().data<float>().ToArray()),
                ScikitLearn.WriteMatrix(xv.contiguous().data<float>().ToArray()),
                ScikitLearn.WriteMatrix(test.Labels.to_type(ScalarType.Float32).contiguous().data<float>().ToArray()),
            };
            try
            {
                var (code, text, error) = ScikitLearn.Run(Script, TimeSpan.FromMinutes(10),
                    [xt.shape[0].ToString(CultureInfo.InvariantCulture), xv.shape[0].ToString(CultureInfo.InvariantCulture),
                     xt.shape[1].ToString(CultureInfo.InvariantCulture), .. files]);
                if (code != 0) { Console.WriteLine($"  scikit-learn failed: {error}"); continue; }
                var v = ScikitLearn.Values(text);
                Console.WriteLine($"  {"",-18} scikit-learn        {double.Parse(v["accuracy"], CultureInfo.InvariantCulture):0.0000} " +
                                  $"({double.Parse(v["seconds"], CultureInfo.InvariantCulture):0.0} s)");
            }
            finally
            {
                foreach (var f in files) File.Delete(f);
            }
        }
        return 0;
    }
}
