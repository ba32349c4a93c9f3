using System.Diagnostics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>The training loop behind <c>model.Fit(…)</c>: mini-batch gradient descent with a loss and an optimiser,
/// one progress line per epoch, optional validation and early stopping.</summary>
/// <remarks>
/// <para>Each epoch: shuffle the row order, then for every batch compute the loss, check it is finite, back-propagate
/// and step the optimiser; then compute the validation loss with gradients off. That is all; there is no hidden
/// state besides the optimiser, which a <see cref="Trainer"/> keeps between <see cref="Fit"/> calls on the same model
/// so that a second call continues where the first stopped (as a compiled Keras model does).</para>
/// <para>Memory: every batch runs inside a TorchSharp dispose scope, so its tensors are freed when the batch ends.
/// That alone does not keep the process's resident memory flat: the optimiser step leaves small .NET wrapper objects
/// whose native memory is only returned when the garbage collector finalises them, and with little managed
/// allocation a collection can be many epochs away (the process then grows by hundreds of MB per epoch). One full
/// collection per epoch (<see cref="CollectGarbageEveryEpoch"/>) costs milliseconds and keeps memory level.</para>
/// <para>Determinism: with <see cref="Seed"/> set (and the model built with a seed), a run on one thread
/// (<see cref="Threads"/> = 1) repeats bit for bit, across processes. With several threads libtorch's parallel
/// kernels may add partial sums in a different order from run to run, so the last digits of losses can differ.</para>
/// </remarks>
public sealed class Trainer
{
    private nn.Module? optimizedModel;
    private optim.Optimizer? optimizer;

    /// <summary>The loss to minimise; Keras' <c>binary_crossentropy</c> by default, the lecture's choice for images.</summary>
    public Loss Loss { get; init; } = Losses.BinaryCrossEntropy;

    /// <summary>Learning rate of the default optimiser (Adam; Keras' and PyTorch's default 0.001).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Builds the optimiser from the model's parameters; Adam with <see cref="LearningRate"/> when null.</summary>
    public Func<IEnumerable<Parameter>, optim.Optimizer>? Optimizer { get; init; }

    /// <summary>Optional early stopping (and best-weights restore).</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Receives one <see cref="EpochResult"/> per epoch; <see cref="TrainingProgress.CreateDefault"/> is used
    /// when null.</summary>
    public IProgress<EpochResult>? Progress { get; init; }

    /// <summary>Seed of the shuffling order; torch's global generator when null.</summary>
    public long? Seed { get; init; }

    /// <summary>Number of CPU threads libtorch uses (a process-wide setting that stays after training); unchanged when
    /// null. One thread makes runs reproducible. It is also the safer choice on a machine whose cores are busy with
    /// other programs: every parallel kernel waits for its slowest thread, so one descheduled thread stalls them all
    /// (on a 2-core machine under heavy load, an epoch of the deep MNIST autoencoder took 47 s on 2 threads and 2.1 s
    /// on 1; on an idle machine 0.8–1.0 s on 2 threads and 1.2–1.3 s on 1).</summary>
    public int? Threads { get; init; }

    /// <summary>Run a full garbage collection after every epoch to keep resident memory flat (see the remarks).</summary>
    public bool CollectGarbageEveryEpoch { get; init; } = true;

    /// <summary>Trains <paramref name="model"/> to map <paramref name="x"/> to <paramref name="y"/> (pass the same tensor
    /// twice for an autoencoder), like Keras' <c>fit</c>.</summary>
    /// <param name="model">The model; its parameters are updated in place.</param>
    /// <param name="x">Inputs, one row per sample (float32).</param>
    /// <param name="y">Targets, one row per sample.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Rows per optimiser step (Keras' default 32; the lecture uses 256).</param>
    /// <param name="shuffle">Visit the rows in a new random order every epoch.</param>
    /// <param name="validationData">Inputs and targets scored after every epoch (<c>val_loss</c>), never trained on.</param>
    /// <returns>The loss (and validation loss) of every epoch that ran.</returns>
    /// <exception cref="TrainingDivergedException">A loss became NaN or infinite.</exception>
    public History Fit(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int epochs = 1, int batchSize = 32,
        bool shuffle = true, (Tensor X, Tensor Y)? validationData = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckData(x, y, nameof(y));
        if (validationData is var (vx, vy)) CheckData(vx, vy, nameof(validationData));
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        if (Threads is { } threads) set_num_threads(threads);
        EarlyStopping?.Begin(validationData.HasValue);
        var opt = OptimizerFor(model);
        var progress = Progress ?? TrainingProgress.CreateDefault();
        using var generator = Seed is { } seed ? new Generator(unchecked((ulong)seed), CPU) : null;
        var rows = x.shape[0];
        var steps = (int)((rows + batchSize - 1) / batchSize);
        var history = new History();

        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var loss = TrainEpoch(model, opt, x, y, batchSize, shuffle, generator, epoch, steps, history);
            double? valLoss = validationData is var (valX, valY) ? Score(model, valX, valY, batchSize) : null;
            if (valLoss is { } v && !double.IsFinite(v)) throw new TrainingDivergedException(epoch, null, steps, v, history);
            clock.Stop();

            var result = new EpochResult(epoch, epochs, steps, clock.Elapsed, loss, valLoss);
            var stop = EarlyStopping?.Update(result, model) ?? false;
            if (stop) history.StoppedEpoch = epoch;
            if (stop || epoch == epochs)
            {
                history.RestoredEpoch = EarlyStopping?.End(model, epoch);
                result = result with { Note = Describe(history) };
            }
            history.Add(result);
            if (CollectGarbageEveryEpoch) CollectGarbage();   // before the report, so a report sees the settled memory
            progress.Report(result);
            if (stop) break;
        }
        return history;
    }

    /// <summary>The mean loss of <paramref name="model"/> on <paramref name="x"/> → <paramref name="y"/>, computed in
    /// batches with gradients off (Keras' <c>evaluate</c>).</summary>
    public double Score(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckData(x, y, nameof(y));
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double sum = 0, terms = 0;
            var rows = x.shape[0];
            for (long start = 0; start < rows; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var length = Math.Min(batchSize, rows - start);
                var xb = x.narrow(0, start, length);
                var yb = ReferenceEquals(x, y) ? xb : y.narrow(0, start, length);
                var n = Loss.Terms(yb);
                sum += Loss.Evaluate(model, xb, yb).item<float>() * n;
                terms += n;
            }
            return terms > 0 ? sum / terms : 0;
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private double TrainEpoch(nn.Module<Tensor, Tensor> model, optim.Optimizer opt, Tensor x, Tensor y, int batchSize,
        bool shuffle, Generator? generator, int epoch, int steps, History history)
    {
        model.train();
        var rows = x.shape[0];
        using var order = shuffle ? randperm(rows, generator: generator) : null;
        double sum = 0, terms = 0;
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            long start = (long)step * batchSize, length = Math.Min(batchSize, rows - start);
            Tensor xb, yb;
            if (order is null)
            {
                xb = x.narrow(0, start, length);
                yb = ReferenceEquals(x, y) ? xb : y.narrow(0, start, length);
            }
            else
            {
                var index = order.narrow(0, start, length);
                xb = x.index_select(0, index);
                yb = ReferenceEquals(x, y) ? xb : y.index_select(0, index);
            }

            opt.zero_grad();
            var loss = Loss.Evaluate(model, xb, yb);
            var value = loss.item<float>();
            if (!float.IsFinite(value)) throw new TrainingDivergedException(epoch, step + 1, steps, value, history);
            loss.backward();
            opt.step();

            var n = Loss.Terms(yb);
            sum += value * n;
            terms += n;
        }
        return terms > 0 ? sum / terms : 0;
    }

    private optim.Optimizer OptimizerFor(nn.Module<Tensor, Tensor> model)
    {
        if (ReferenceEquals(model, optimizedModel) && optimizer is not null) return optimizer;
        optimizer?.Dispose();
        var parameters = model.parameters().Where(p => p.requires_grad).ToList();
        optimizer = Optimizer?.Invoke(parameters) ?? optim.Adam(parameters, lr: LearningRate);
        optimizedModel = model;
        return optimizer;
    }

    private static string? Describe(History history)
    {
        var parts = new List<string>();
        if (history.StoppedEpoch is { } stopped) parts.Add($"Epoch {stopped}: early stopping.");
        if (history.RestoredEpoch is { } restored) parts.Add($"Restored the weights of the best epoch, {restored}.");
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static void CheckData(Tensor x, Tensor y, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.dim() < 1 || y.dim() < 1 || x.shape[0] != y.shape[0])
            throw new ArgumentException($"Inputs and targets need the same number of rows (got {string.Join("×", x.shape)} and {string.Join("×", y.shape)}).", name);
    }

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
