using System.Globalization;

namespace Autoencoders.Training;

/// <summary>What one epoch of training produced: the line Keras prints after each epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Epochs requested in this <c>Fit</c> call.</param>
/// <param name="Steps">Batches (optimiser steps) per epoch.</param>
/// <param name="Duration">Wall time of the epoch, validation included.</param>
/// <param name="Loss">Mean training loss over the epoch's batches, weighted by batch size. The weights change during
/// the epoch, so this is a little higher than the loss of the end-of-epoch weights (as in Keras).</param>
/// <param name="ValLoss">Loss on the validation data with the end-of-epoch weights, or null without validation data.</param>
public sealed record EpochResult(int Epoch, int Epochs, int Steps, TimeSpan Duration, double Loss, double? ValLoss)
{
    /// <summary>A remark on the run attached to this epoch, e.g. that early stopping ended training here and which
    /// epoch's weights were restored; null otherwise.</summary>
    public string? Note { get; init; }

    /// <summary>The Keras-style progress line, e.g.
    /// <c>Epoch 3/100 - 235/235 - 1.1s 5ms/step - loss: 0.1292 - val_loss: 0.1227</c>.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var perStep = Steps > 0 ? Duration.TotalMilliseconds / Steps : 0;
        var line = string.Create(c, $"Epoch {Epoch}/{Epochs} - {Steps}/{Steps} - {Duration.TotalSeconds:0.0}s {perStep:0}ms/step - loss: {Loss:0.0000}");
        if (ValLoss is { } v) line += string.Create(c, $" - val_loss: {v:0.0000}");
        return Note is null ? line : $"{line}{Environment.NewLine}{Note}";
    }
}
