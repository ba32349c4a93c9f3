using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>What callbacks see of a running <c>Fit</c> call: the model, its optimiser, the epochs so far, and the
/// switch that ends training.</summary>
public sealed class TrainingContext
{
    internal TrainingContext(nn.Module model, optim.Optimizer optimizer, History history, int epochs, bool hasValidation)
    {
        Model = model;
        Optimizer = optimizer;
        History = history;
        Epochs = epochs;
        HasValidation = hasValidation;
    }

    /// <summary>The model being trained.</summary>
    public nn.Module Model { get; }

    /// <summary>The optimiser stepping the model's parameters (its learning rates can be changed between epochs).</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>The epochs completed so far.</summary>
    public History History { get; }

    /// <summary>Epochs requested in this <c>Fit</c> call.</summary>
    public int Epochs { get; }

    /// <summary>True when validation data is scored after every epoch.</summary>
    public bool HasValidation { get; }

    /// <summary>Set by a callback to end training after the current epoch.</summary>
    public bool StopTraining { get; set; }

    /// <summary>Sets the learning rate of every parameter group of the optimiser.</summary>
    public void SetLearningRate(double learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        foreach (ParamGroup group in Optimizer.ParamGroups) group.LearningRate = learningRate;
    }

    /// <summary>The learning rate of the optimiser's first parameter group.</summary>
    public double LearningRate => Optimizer.ParamGroups.First().LearningRate;
}
