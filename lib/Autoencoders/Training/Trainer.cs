using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>The training loop behind <c>model.Fit(…)</c>: mini-batch gradient descent with a loss and an optimiser;
/// validation, early stopping, progress, checkpoints and schedules are <see cref="ICallback"/>s around it.</summary>
/// <remarks>
/// <para>Each epoch: every callback's <see cref="ICallback.OnEpochBegin"/>; the rows in a new random order; for every
/// batch, the loss, a check that it is finite, back-propagation and an optimiser step; the validation loss with
/// gradients off; then every callback's <see cref="ICallback.OnEpochEnd"/>, any of which may end training. Batches come
/// from an <see cref="IBatchSource"/>: two dense tensors (<see cref="DenseBatches"/>, what <c>Fit(x, y)</c> wraps) or a
/// sparse rating matrix made dense one batch at a time (<see cref="RatingBatches"/>). The optimiser is the only other
/// state: a <see cref="Trainer"/> keeps it between <see cref="Fit(nn.Module{Tensor, Tensor}, IBatchSource, int, int, bool, IBatchSource?)"/>
/// calls on the same model, so that a second call continues where the first stopped (as a compiled Keras model
/// does).</para>
/// <para>Memory: every batch runs inside a TorchSharp dispose scope, so its tensors are freed when the batch ends.
/// That alone does not keep the process's resident memory flat: the optimiser step leaves small .NET wrapper objects
/// whose native memory is only returned when the garbage collector finalises them, and with little managed
/// allocation a collection can be many epochs away (the process then grows by hundreds of MB per epoch). One full
/// collection per epoch (<see cref="CollectGarbageEveryEpoch"/>) costs milliseconds and keeps memory level.</para>
/// <para>Determinism: with <see cref="Seed"/> set (and the model built with a seed), a run on one thread
/// (<see cref="Threads"/> = 1) repeats bit for bit, across processes. With several threads libtorch's parallel
/// kernels may add partial sums in a different order from run to run, so the last digits of losses can differ.</para>
/// <para>Devices: <see cref="Device"/> moves the model there before training and every batch as it is read. The course
/// installs TorchSharp's CPU build; on a machine with an NVIDIA GPU, replace the <c>TorchSharp-cpu</c> package with
/// <c>TorchSharp-cuda-linux</c> or <c>TorchSharp-cuda-windows</c> and set <c>Device = torch.CUDA</c>. Only the CPU
/// path is tested here.</para>
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

    /// <summary>Optional early stopping (and best-weights restore); it runs as the first callback.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Further callbacks (schedules, checkpoints, your own), run in this order after early stopping and
    /// before the progress display.</summary>
    public IReadOnlyList<ICallback> Callbacks { get; init; } = [];

    /// <summary>Receives one <see cref="EpochResult"/> per epoch, as the last callback; <see cref="TrainingProgress.CreateDefault"/>
    /// is used when null.</summary>
    public IProgress<EpochResult>? Progress { get; init; }

    /// <summary>Seed of the shuffling order; torch's global generator when null.</summary>
    public long? Seed { get; init; }

    /// <summary>Number of CPU threads libtorch uses (a process-wide setting that stays after training); unchanged when
    /// null. One thread makes runs reproducible. It is also the safer choice on a machine whose cores are busy with
    /// other programs: every parallel kernel waits for its slowest thread, so one descheduled thread stalls them all
    /// (on a 2-core machine under heavy load, an epoch of the deep MNIST autoencoder took 47 s on 2 threads and 2.1 s
    /// on 1; on an idle machine 0.8–1.0 s on 2 threads and 1.2–1.3 s on 1).</summary>
    public int? Threads { get; init; }

    /// <summary>Where the model and the batches live during training: the CPU by default (see the remarks for a
    /// GPU).</summary>
    public Device Device { get; init; } = CPU;

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
        bool shuffle = true, (Tensor X, Tensor Y)? validationData = null) =>
        Fit(model, new DenseBatches(x, y), epochs, batchSize, shuffle,
            validationData is var (vx, vy) ? new DenseBatches(vx, vy) : null);

    /// <summary>Trains <paramref name="model"/> on the batches of <paramref name="data"/>, scoring
    /// <paramref name="validationData"/> after every epoch.</summary>
    /// <inheritdoc cref="Fit(nn.Module{Tensor, Tensor}, Tensor, Tensor, int, int, bool, ValueTuple{Tensor, Tensor}?)"/>
    public History Fit(nn.Module<Tensor, Tensor> model, IBatchSource data, int epochs = 1, int batchSize = 32,
        bool shuffle = true, IBatchSource? validationData = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        if (Threads is { } threads) set_num_threads(threads);
        model.to(Device);
        var opt = OptimizerFor(model);
        using var generator = Seed is { } seed ? new Generator(unchecked((ulong)seed), CPU) : null;
        var steps = BatchLoop.Count(data.Count, batchSize);
        var history = new History();
        var context = new TrainingContext(model, opt, history, epochs, validationData is not null);
        ICallback[] callbacks =
        [
            .. EarlyStopping is null ? [] : new ICallback[] { EarlyStopping },
            .. Callbacks,
            new ProgressCallback(Progress ?? TrainingProgress.CreateDefault()),
        ];

        foreach (var callback in callbacks) callback.OnTrainBegin(context);
        try
        {
            for (var epoch = 1; epoch <= epochs && !context.StopTraining; epoch++)
            {
                foreach (var callback in callbacks) callback.OnEpochBegin(epoch, context);
                var clock = Stopwatch.StartNew();
                var loss = TrainEpoch(model, opt, data, batchSize, shuffle, generator, epoch, steps, history);
                double? valLoss = validationData is null ? null : Evaluate(model, validationData, batchSize);
                if (valLoss is { } v && !double.IsFinite(v)) throw new TrainingDivergedException(epoch, null, steps, v, history);
                clock.Stop();
                if (CollectGarbageEveryEpoch) CollectGarbage();   // before the callbacks, so a report sees the settled memory

                var result = new EpochResult(epoch, epochs, steps, clock.Elapsed, loss, valLoss);
                foreach (var callback in callbacks) result = callback.OnEpochEnd(result, context);
                history.Add(result);
            }
        }
        finally
        {
            foreach (var callback in callbacks) callback.OnTrainEnd(context);
        }
        return history;
    }

    /// <summary>The mean loss of <paramref name="model"/> on <paramref name="x"/> → <paramref name="y"/>, computed in
    /// batches with gradients off (Keras' <c>evaluate</c>).</summary>
    public double Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int batchSize = 1024) =>
        Evaluate(model, new DenseBatches(x, y), batchSize);

    /// <summary>The mean loss of <paramref name="model"/> over the batches of <paramref name="data"/>, with gradients
    /// off and the model in evaluation mode.</summary>
    public double Evaluate(nn.Module<Tensor, Tensor> model, IBatchSource data, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double sum = 0, terms = 0;
            foreach (var batch in BatchLoop.Over(data, batchSize, device: BatchLoop.DeviceOf(model)))
            {
                var n = Loss.Terms(batch);
                sum += Loss.Evaluate(model, batch).item<float>() * n;
                terms += n;
            }
            return terms > 0 ? sum / terms : 0;
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private double TrainEpoch(nn.Module<Tensor, Tensor> model, optim.Optimizer opt, IBatchSource data, int batchSize,
        bool shuffle, Generator? generator, int epoch, int steps, History history)
    {
        model.train();
        long[]? order = null;
        if (shuffle)
        {
            using var permutation = randperm(data.Count, generator: generator);
            order = permutation.data<long>().ToArray();
        }
        double sum = 0, terms = 0;
        var step = 0;
        foreach (var batch in BatchLoop.Over(data, batchSize, order, Device))
        {
            step++;
            opt.zero_grad();
            float value;
            // The forward pass's tensors are freed before the optimiser step, which needs temporaries the size of
            // the weights: for a wide model (ml-25m's 162,339 users) the two would otherwise add up.
            using (NewDisposeScope())
            {
                var loss = Loss.Evaluate(model, batch);
                value = loss.item<float>();
                if (!float.IsFinite(value)) throw new TrainingDivergedException(epoch, step, steps, value, history);
                loss.backward();
            }
            opt.step();

            var n = Loss.Terms(batch);
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

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
