using Autoencoders.Data;
using TorchSharp;

namespace Autoencoders.Tests.Data;

public class RatingMatrixTests
{
    static readonly Lazy<RatingMatrix> LatestSmall = new(() => RatingMatrix.FromRatings(MovieLens.Load().Ratings));

    [Fact]
    public void Pivot_of_latest_small_has_the_expected_shape_and_density()
    {
        var m = LatestSmall.Value;
        Assert.Equal(9724, m.RowCount);
        Assert.Equal(610, m.ColumnCount);
        Assert.Equal(100836, m.Count);
        Assert.Equal(100836.0 / (9724 * 610), m.Density, 12);
        Assert.Equal(0.0170, m.Density, 4);
        // ids ascending as pandas orders them; user 1 rated movie 1 with 4.0
        Assert.Equal(1, m.RowIndex[0]);
        Assert.Equal(193609, m.RowIndex[^1]);
        Assert.Equal(4f, m[m.RowIndex.PositionOf(1), m.ColumnIndex.PositionOf(1)]);
        Assert.Equal(0f, m[m.RowIndex.PositionOf(1), m.ColumnIndex.PositionOf(2)]);
        Assert.Equal(-1, m.RowIndex.PositionOf(2_000_000));
    }

    [Fact]
    public void Sparse_form_equals_dense_form()
    {
        var m = LatestSmall.Value;
        using var dense = m.ToDense();
        using var sparse = m.ToSparse();
        Assert.Equal(new long[] { 9724, 610 }, dense.shape);
        Assert.True(sparse.is_sparse);
        using var back = sparse.to_dense();
        Assert.True(back.allclose(dense, rtol: 0, atol: 0));
        using var nonzero = dense.count_nonzero();
        Assert.Equal(100836, nonzero.item<long>());
        using var sum = dense.sum();
        Assert.Equal(Convert.ToDouble(MovieLens.Load().Ratings.Columns["rating"].Sum()), sum.item<float>(), 0);
    }

    [Fact]
    public void Dense_batch_of_rows_matches_the_full_matrix()
    {
        var m = LatestSmall.Value;
        using var full = m.ToDense();
        using var batch = m.ToDense([5, 100, 9723]);
        using var expected = full.index_select(0, torch.tensor(new long[] { 5, 100, 9723 }));
        Assert.True(batch.allclose(expected, rtol: 0, atol: 0));
    }

    [Fact]
    public void Row_split_is_80_20_seeded_and_disjoint()
    {
        var m = LatestSmall.Value;
        var (train, validation) = m.SplitRows(0.2, seed: 42);
        Assert.Equal(7779, train.RowCount);
        Assert.Equal(1945, validation.RowCount);
        Assert.Equal(610, train.ColumnCount);
        Assert.Equal(m.Count, train.Count + validation.Count);
        Assert.Empty(train.RowIndex.Ids.Intersect(validation.RowIndex.Ids));
        var (again, _) = m.SplitRows(0.2, seed: 42);
        Assert.Equal(train.RowIndex.Ids, again.RowIndex.Ids);
        var (other, _) = m.SplitRows(0.2, seed: 43);
        Assert.NotEqual(train.RowIndex.Ids, other.RowIndex.Ids);
        var movie = validation.RowIndex[0];
        using var v = validation.ToDense([0]);
        using var full = m.ToDense([m.RowIndex.PositionOf(movie)]);
        Assert.True(v.allclose(full, rtol: 0, atol: 0));
    }

    [Fact]
    public void Held_out_ratings_are_removed_and_scored()
    {
        var (train, heldOut) = LatestSmall.Value.HoldOut(0.1, seed: 1);
        Assert.Equal(10084, heldOut.Count);
        Assert.Equal(100836 - 10084, train.Count);
        Assert.Equal(9724, train.RowCount);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(0f, train[heldOut.Rows[i], heldOut.Columns[i]]);
            Assert.Equal(heldOut.Ratings[i], LatestSmall.Value[heldOut.Rows[i], heldOut.Columns[i]]);
        }
        using var perfect = LatestSmall.Value.ToDense();
        Assert.Equal(0, heldOut.Rmse(perfect), 6);
        using var zeros = torch.zeros(9724, 610);
        var meanSquare = heldOut.Ratings.Average(r => (double)r * r);
        Assert.Equal(Math.Sqrt(meanSquare), heldOut.Rmse(zeros), 4);
    }

    [Fact]
    public void Duplicate_pairs_are_rejected_like_a_pandas_pivot()
    {
        var e = Assert.Throws<ArgumentException>(() => RatingMatrix.FromRatings([10, 20, 10], [1, 1, 1], [1f, 2f, 3f]));
        Assert.Contains("10", e.Message);
    }

    [Fact]
    public void Small_pivot_by_hand()
    {
        // movie ids 30, 10 (unordered input), user ids 7, 5
        var m = RatingMatrix.FromRatings([30, 10, 10], [7, 5, 7], [1f, 2f, 3f]);
        using var dense = m.ToDense();
        Assert.Equal(new[] { 2f, 3f, 0f, 1f }, dense.data<float>().ToArray());
        Assert.Equal([10, 30], m.RowIndex.Ids);
        Assert.Equal([5, 7], m.ColumnIndex.Ids);
    }

    [Fact]
    public void Sparse_build_for_a_25m_sized_input_stays_far_below_2_GB()
    {
        var (rows, columns, values) = SyntheticRatings.Like25m();
        const int ratings = SyntheticRatings.Ratings, perUser = SyntheticRatings.PerUser;
        var users = (ratings + perUser - 1) / perUser;
        // Counted on this thread only: other tests run in parallel and allocate too.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var m = RatingMatrix.FromRatings(rows, columns, values);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ratings, m.Count);
        Assert.Equal(users, m.ColumnCount);
        Assert.InRange(allocated, 0, 2L << 30);
        Assert.InRange(allocated / (double)ratings, 0, 12); // about 8 bytes per rating plus small id maps
    }
}
