using Autoencoders.Data;
using Autoencoders.Recommenders;
using Autoencoders.Tests.Training;

namespace Autoencoders.Tests.Recommenders;

public class RatingBaselineTests
{
    // Movie 10 rated 4 by user 1 and 2 by user 2; movie 20 rated 5 by user 1 and 3 by user 3. Mean 3.5.
    private static readonly RatingMatrix Tiny = RatingMatrix.FromRatings([10, 10, 20, 20], [1, 2, 1, 3], [4f, 2f, 5f, 3f]);

    [Fact]
    public void The_global_mean_predicts_the_mean_rating_everywhere()
    {
        var baseline = RatingBaseline.GlobalMean(Tiny);
        Assert.Equal(3.5f, baseline.Mean);
        Assert.Equal([3.5f, 3.5f], baseline.Predict([0, 1], [2, 0]));
    }

    [Fact]
    public void Item_bias_is_the_shrunk_mean_offset_of_each_movie()
    {
        var baseline = RatingBaseline.ItemBias(Tiny, lambda: 1);
        Assert.Equal(-1 / 3f, baseline.ItemOffsets[0], 6);   // (0.5 − 1.5) / (2 + 1)
        Assert.Equal(1 / 3f, baseline.ItemOffsets[1], 6);    // (1.5 − 0.5) / (2 + 1)
        Assert.All(baseline.UserOffsets, u => Assert.Equal(0f, u));
        Assert.Equal(3.5f + 1 / 3f, baseline.Predict(1, 1), 6);
    }

    [Fact]
    public void One_sweep_of_user_and_item_bias_is_the_item_step_then_the_user_step()
    {
        var baseline = RatingBaseline.UserItemBias(Tiny, lambda: 1, sweeps: 1);
        Assert.Equal(-1 / 3f, baseline.ItemOffsets[0], 6);
        Assert.Equal(2 / 3f, baseline.UserOffsets[0], 6);     // ((4 − 3.5 + 1/3) + (5 − 3.5 − 1/3)) / (2 + 1)
        Assert.Equal(-7 / 12f, baseline.UserOffsets[1], 6);   // (2 − 3.5 + 1/3) / (1 + 1)
        Assert.Equal(-5 / 12f, baseline.UserOffsets[2], 6);   // (3 − 3.5 − 1/3) / (1 + 1)
        Assert.Equal(2.75f, baseline.Predict(0, 2), 6);       // 3.5 − 1/3 − 5/12
    }

    [Fact]
    public void Enough_sweeps_solve_the_regularised_least_squares_problem()
    {
        var ratings = ToyRatings.Create(movies: 40, users: 15);
        const double lambda = 3;
        var b = RatingBaseline.UserItemBias(ratings, lambda, sweeps: 200);
        // At the optimum every offset is its closed-form update given all the others.
        var userSums = new double[ratings.ColumnCount];
        var userCounts = new int[ratings.ColumnCount];
        for (var r = 0; r < ratings.RowCount; r++)
        {
            var columns = ratings.ColumnsOf(r).ToArray();
            var values = ratings.ValuesOf(r).ToArray();
            var itemSum = columns.Select((c, k) => values[k] - b.Mean - b.UserOffsets[c]).Sum();
            Assert.Equal(itemSum / (columns.Length + lambda), b.ItemOffsets[r], 4);
            for (var k = 0; k < columns.Length; k++)
            {
                userSums[columns[k]] += values[k] - b.Mean - b.ItemOffsets[r];
                userCounts[columns[k]]++;
            }
        }
        for (var u = 0; u < ratings.ColumnCount; u++)
            Assert.Equal(userSums[u] / (userCounts[u] + lambda), b.UserOffsets[u], 4);
    }

    [Fact]
    public void Held_out_rmse_of_a_predictor_is_computed_over_the_hidden_ratings()
    {
        var (train, held) = ToyRatings.Create().HoldOut(0.2, seed: 2);
        var baseline = RatingBaseline.UserItemBias(train);
        var expected = Math.Sqrt(Enumerable.Range(0, held.Count)
            .Average(i => Math.Pow(baseline.Predict(held.Rows[i], held.Columns[i]) - held.Ratings[i], 2)));
        Assert.Equal(expected, held.Rmse(baseline), 9);
    }
}
