namespace Autoencoders.Recommenders;

/// <summary>Anything that predicts the rating of a (row, column) cell of a rating matrix: the baselines and AutoRec,
/// so that <see cref="Data.HeldOutRatings.Rmse(IRatingPredictor)"/> scores them all the same way.</summary>
public interface IRatingPredictor
{
    /// <summary>A short name for tables, e.g. <c>user + item bias</c>.</summary>
    string Name { get; }

    /// <summary>The predicted ratings of the cells (<paramref name="rows"/>[i], <paramref name="columns"/>[i]).</summary>
    float[] Predict(IReadOnlyList<int> rows, IReadOnlyList<int> columns);
}
