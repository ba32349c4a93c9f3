using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Training;

public class BatchSourceTests
{
    private static DenseAutoencoder Model(int users) =>
        DenseAutoencoder.Create([users, 6, users], hidden: Activation.Sigmoid, output: Activation.Linear, seed: 5);

    private static Trainer MaskedTrainer() => new()
    {
        Loss = Losses.MaskedMeanSquaredError,
        LearningRate = 0.01,
        Progress = TrainingProgress.Silent,
        Seed = 2,
        Threads = 1,
    };

    [Fact]
    public void Dense_and_sparse_sources_give_the_same_losses_and_weights()
    {
        var ratings = ToyRatings.Create();
        var (train, held) = ratings.HoldOut(0.2, seed: 3);
        var validation = held.ToMatrix();
        using var trainDense = train.ToDense();
        using var validationDense = validation.ToDense();

        using var denseModel = Model(ratings.ColumnCount);
        var dense = MaskedTrainer().Fit(denseModel, trainDense, trainDense, epochs: 4, batchSize: 8,
            validationData: (trainDense, validationDense));
        using var sparseModel = Model(ratings.ColumnCount);
        var sparse = MaskedTrainer().Fit(sparseModel, new RatingBatches(train), epochs: 4, batchSize: 8,
            validationData: new RatingBatches(train, validation));

        Assert.Equal(dense.Loss, sparse.Loss);
        Assert.Equal(dense.ValLoss, sparse.ValLoss);
        Assert.Equal(denseModel.parameters().SelectMany(p => p.data<float>().ToArray()),
            sparseModel.parameters().SelectMany(p => p.data<float>().ToArray()));
    }

    [Fact]
    public void A_rating_batch_is_the_dense_rows_with_the_mask_of_the_target()
    {
        var ratings = ToyRatings.Create();
        var (train, held) = ratings.HoldOut(0.2, seed: 3);
        var validation = held.ToMatrix();
        using var scope = NewDisposeScope();
        long[] order = [4, 0, 7];

        var batch = new RatingBatches(train, validation).Read(0, 3, order);

        Assert.True(batch.Input.allclose(train.ToDense([4, 0, 7]), rtol: 0, atol: 0));
        Assert.True(batch.Target.allclose(validation.ToDense([4, 0, 7]), rtol: 0, atol: 0));
        Assert.Equal(ScalarType.Bool, batch.Mask!.dtype);
        Assert.True(batch.Mask.eq(batch.Target.ne(0)).all().item<bool>());
        var own = new RatingBatches(train).Read(1, 2, null);
        Assert.Same(own.Input, own.Target);
        Assert.True(own.Input.allclose(train.ToDense([1, 2]), rtol: 0, atol: 0));
    }

    [Fact]
    public void A_target_over_other_rows_is_refused()
    {
        var ratings = ToyRatings.Create();
        var (some, _) = ratings.SplitRows(0.5, seed: 1);
        Assert.Throws<ArgumentException>(() => new RatingBatches(ratings, some));
    }

    [Fact]
    public void Held_out_ratings_become_a_matrix_over_the_same_rows_and_columns()
    {
        var ratings = ToyRatings.Create();
        var (train, held) = ratings.HoldOut(0.25, seed: 4);
        var matrix = held.ToMatrix();
        Assert.True(matrix.SameShapeAs(ratings));
        Assert.Equal(held.Count, matrix.Count);
        for (var i = 0; i < held.Count; i++)
        {
            Assert.Equal(held.Ratings[i], matrix[held.Rows[i], held.Columns[i]]);
            Assert.Equal(ratings[held.Rows[i], held.Columns[i]], held.Ratings[i]);
            Assert.Equal(0f, train[held.Rows[i], held.Columns[i]]);
        }
    }

    [Fact]
    public void Encoding_a_rating_matrix_by_row_blocks_equals_encoding_its_dense_form()
    {
        var ratings = ToyRatings.Create(movies: 50);
        using var model = DenseAutoencoder.Create([ratings.ColumnCount, 8, 3, 8, ratings.ColumnCount], output: Activation.Linear, seed: 1);
        using var dense = ratings.ToDense();
        using var fromDense = model.Encode(dense);
        using var fromRows = model.Encode(ratings, batchSize: 7);
        Assert.True(fromRows.allclose(fromDense, rtol: 1e-6, atol: 1e-6));
    }
}
