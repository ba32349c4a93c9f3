namespace Autoencoders.Recommenders;

/// <summary>The hyper-parameters of an item-based AutoRec: the width of its hidden layer, the L2 strength, Adam's
/// learning rate, and how long to train.</summary>
/// <param name="Hidden">Sigmoid units in the hidden layer (500 in Sedhain et al., 2015).</param>
/// <param name="Lambda">λ of the paper's objective Σ(r − h(r))² + (λ/2)·(‖W‖² + ‖V‖²) over the observed ratings.</param>
/// <param name="LearningRate">Adam's learning rate. At 10⁻³ and above the model starts to memorise these few ratings
/// per movie within a few epochs.</param>
/// <param name="Epochs">Epochs to train; with validation data, the most epochs before early stopping.</param>
/// <param name="BatchSize">Movies (rows) per optimiser step.</param>
/// <param name="Patience">With validation data: epochs without a better validation RMSE before training stops.</param>
public sealed record AutoRecSettings(int Hidden = 500, double Lambda = 30, double LearningRate = 1e-4, int Epochs = 100,
    int BatchSize = 256, int Patience = 5);
