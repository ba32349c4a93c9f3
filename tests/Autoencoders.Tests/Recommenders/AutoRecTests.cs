using Autoencoders.Recommenders;
using Autoencoders.Tests.Training;

namespace Autoencoders.Tests.Recommenders;

public class AutoRecTests
{
    [Fact]
    public void The_search_chooses_the_lowest_validation_error_and_refits_for_its_best_epoch()
    {
        var ratings = ToyRatings.Create(movies: 60, users: 20);
        AutoRecSettings[] candidates =
        [
            new(Hidden: 8, Lambda: 1, LearningRate: 1e-2, Epochs: 30, BatchSize: 16, Patience: 3),
            new(Hidden: 8, Lambda: 1, LearningRate: 1e-5, Epochs: 3, BatchSize: 16, Patience: 3),
        ];

        var search = AutoRecSearch.Run(ratings, candidates, validationFraction: 0.2, seed: 1);
        using var refit = search.Refit();

        Assert.Equal(2, search.Trials.Count);
        Assert.Same(search.Trials.MinBy(t => t.ValidationRmse), search.Best);
        Assert.Same(candidates[0], search.Best.Settings);   // a learning rate of 1e-5 barely moves in 3 epochs
        Assert.InRange(search.Best.BestEpoch, 1, search.Best.EpochsRun);
        Assert.Equal(search.Best.BestEpoch, refit.History.Count);
        Assert.Equal(2, search.ToDataFrame().Rows.Count);
        var predictions = refit.Predict([0, 0, 5], [1, 2, 3]);
        Assert.All(predictions, p => Assert.InRange(p, 0.5f, 5f));
    }
}
