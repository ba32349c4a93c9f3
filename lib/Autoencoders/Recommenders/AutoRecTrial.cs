namespace Autoencoders.Recommenders;

/// <summary>One candidate of an <see cref="AutoRecSearch"/> and how it did on the validation ratings.</summary>
/// <param name="Settings">The hyper-parameters tried.</param>
/// <param name="BestEpoch">The epoch with the lowest validation error.</param>
/// <param name="EpochsRun">Epochs trained before early stopping.</param>
/// <param name="ValidationRmse">RMSE on the validation ratings with the best epoch's weights.</param>
/// <param name="Duration">Wall time of the trial.</param>
public sealed record AutoRecTrial(AutoRecSettings Settings, int BestEpoch, int EpochsRun, double ValidationRmse, TimeSpan Duration);
