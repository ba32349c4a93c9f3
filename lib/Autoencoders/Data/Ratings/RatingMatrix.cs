using Autoencoders.Native;
using Microsoft.Data.Analysis;
using TorchSharp;

namespace Autoencoders.Data;

/// <summary>The lecture's pivot of the ratings table — rows = movies, columns = users, 0 where a user did not rate a
/// movie — stored sparsely (compressed rows), with the maps between ids and positions kept.</summary>
/// <remarks><para>Stored sparsely because the dense matrix is 98.3 % zeros for ml-latest-small and would need 38 GB
/// for ml-25m (59,047 × 162,541); the sparse form needs about 8 bytes per rating. The dense tensor the lecture's
/// autoencoder trains on is made on request (<see cref="ToDense()"/>, or per batch with
/// <see cref="ToDense(IReadOnlyList{int})"/>).</para>
/// <para>Rows and columns are in ascending id order, as pandas' <c>pivot</c> orders them, so row i here is row i of
/// the lecture's <c>rm</c>.</para></remarks>
/// <example><code>
/// var matrix = RatingMatrix.FromRatings(MovieLens.Load().Ratings);   // 9,724 × 610
/// Console.WriteLine($"{matrix.Density:P2} filled");                  // 1.70 %
/// var (train, validation) = matrix.SplitRows(0.2, seed: 42);          // the lecture's 80/20 split of movies
/// using var x = train.ToDense();
/// </code></example>
public sealed class RatingMatrix
{
    readonly long[] rowStart;   // ratings of row r are at [rowStart[r], rowStart[r + 1])
    readonly int[] columnOf;    // column of each stored rating, ascending within a row
    readonly float[] values;

    internal RatingMatrix(IdIndex rows, IdIndex columns, long[] rowStart, int[] columnOf, float[] values)
    {
        RowIndex = rows;
        ColumnIndex = columns;
        this.rowStart = rowStart;
        this.columnOf = columnOf;
        this.values = values;
    }

    /// <summary>Maps movie ids to row positions and back (<c>RowIndex[row]</c> is the movieId).</summary>
    public IdIndex RowIndex { get; }

    /// <summary>Maps user ids to column positions and back (<c>ColumnIndex[column]</c> is the userId).</summary>
    public IdIndex ColumnIndex { get; }

    /// <summary>Number of rows (movies with at least one rating).</summary>
    public int RowCount => RowIndex.Count;

    /// <summary>Number of columns (users).</summary>
    public int ColumnCount => ColumnIndex.Count;

    /// <summary>Number of stored (non-missing) ratings.</summary>
    public long Count => values.Length;

    /// <summary>The filled fraction, <see cref="Count"/> / (rows × columns): the figure the lecture prints as its
    /// "sparsity" (0.0153 there, about 1.7 % for ml-latest-small).</summary>
    public double Density => RowCount == 0 || ColumnCount == 0 ? 0 : (double)Count / ((double)RowCount * ColumnCount);

    /// <summary>The rating at a position, 0 when missing.</summary>
    public float this[int row, int column]
    {
        get
        {
            var columns = ColumnsOf(row);
            var i = columns.BinarySearch(column);
            return i >= 0 ? values[rowStart[row] + i] : 0f;
        }
    }

    /// <summary>The columns (user positions) that rated a row, ascending.</summary>
    public ReadOnlySpan<int> ColumnsOf(int row) => columnOf.AsSpan((int)rowStart[row], RowLength(row));

    /// <summary>The ratings of a row, in the order of <see cref="ColumnsOf"/>.</summary>
    public ReadOnlySpan<float> ValuesOf(int row) => values.AsSpan((int)rowStart[row], RowLength(row));

    int RowLength(int row) => (int)(rowStart[row + 1] - rowStart[row]);

    /// <summary>Builds the matrix from a ratings DataFrame (as <see cref="MovieLens.Load"/> returns).</summary>
    /// <param name="ratings">The ratings table.</param>
    /// <param name="rowColumn">The column whose ids become rows (movies, as in the lecture).</param>
    /// <param name="columnColumn">The column whose ids become columns (users).</param>
    /// <param name="valueColumn">The column holding the values.</param>
    /// <exception cref="ArgumentException">A column is missing, or the same (row, column) pair occurs twice.</exception>
    public static RatingMatrix FromRatings(DataFrame ratings, string rowColumn = MovieLensDataset.MovieId,
        string columnColumn = MovieLensDataset.UserId, string valueColumn = MovieLensDataset.Rating) =>
        FromRatings(ColumnBuffers.ToArray<int>(ratings, rowColumn), ColumnBuffers.ToArray<int>(ratings, columnColumn),
            ColumnBuffers.ToArray<float>(ratings, valueColumn));

    /// <summary>Builds the matrix from parallel arrays of row ids, column ids and values, in any order, in time and
    /// memory linear in the number of ratings.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or a (row, column) pair occurs twice (a pivot would be
    /// ambiguous, as pandas also reports).</exception>
    public static RatingMatrix FromRatings(ReadOnlySpan<int> rowIds, ReadOnlySpan<int> columnIds,
        ReadOnlySpan<float> ratings)
    {
        if (rowIds.Length != columnIds.Length || rowIds.Length != ratings.Length)
            throw new ArgumentException(
                $"{rowIds.Length} row ids, {columnIds.Length} column ids and {ratings.Length} values: they must be " +
                "equally long.");
        var rows = IdIndex.Of(rowIds);
        var columns = IdIndex.Of(columnIds);

        var rowStart = new long[rows.Count + 1];
        foreach (var id in rowIds) rowStart[rows.PositionOf(id) + 1]++;
        for (var r = 0; r < rows.Count; r++) rowStart[r + 1] += rowStart[r];

        var next = rowStart[..^1];
        var columnOf = new int[rowIds.Length];
        var values = new float[rowIds.Length];
        for (var i = 0; i < rowIds.Length; i++)
        {
            var at = next[rows.PositionOf(rowIds[i])]++;
            columnOf[at] = columns.PositionOf(columnIds[i]);
            values[at] = ratings[i];
        }
        next = null;

        for (var r = 0; r < rows.Count; r++)
        {
            var start = (int)rowStart[r];
            var length = (int)(rowStart[r + 1] - start);
            var keys = columnOf.AsSpan(start, length);
            // MovieLens files are ordered by user, so rows usually arrive sorted already: check before sorting.
            if (!IsAscending(keys)) keys.Sort(values.AsSpan(start, length));
            for (var k = 1; k < keys.Length; k++)
                if (keys[k] == keys[k - 1])
                    throw new ArgumentException(
                        $"Row id {rows[r]} and column id {columns[keys[k]]} occur more than once; each pair must be " +
                        "rated at most once (drop or average duplicates first).");
        }
        return new RatingMatrix(rows, columns, rowStart, columnOf, values);
    }

    static bool IsAscending(ReadOnlySpan<int> keys)
    {
        for (var k = 1; k < keys.Length; k++)
            if (keys[k] <= keys[k - 1]) return false;
        return true;
    }

    /// <summary>The whole matrix as a dense float32 tensor (rows × columns), 0 where not rated: what the lecture's
    /// autoencoder takes. Refuses sizes that would not fit in memory (use batches of rows or the sparse form).</summary>
    public torch.Tensor ToDense() => ToDense(Enumerable.Range(0, RowCount).ToArray());

    /// <summary>Selected rows as a dense float32 tensor (rows.Count × columns): a training batch, without building
    /// the whole dense matrix.</summary>
    public torch.Tensor ToDense(IReadOnlyList<int> rows) => DenseRows(rows, withMask: false).Dense;

    /// <summary>The element count of <paramref name="rows"/> dense rows, refusing sizes no array can hold.</summary>
    internal long DenseSize(int rows)
    {
        var size = (long)rows * ColumnCount;
        if (size > Array.MaxLength)
            throw new InvalidOperationException(
                $"A dense {rows:N0} × {ColumnCount:N0} matrix has {size:N0} elements ({size * 4 / 1e9:F1} GB). " +
                "Take fewer rows at a time with ToDense(rows) or RatingBatches, or use ToSparse().");
        return size;
    }

    /// <summary>The ratings of the given rows as positions in a dense (rows.Count × columns) row-major layout and
    /// their values: what scattering into a zero tensor needs, without a dense managed array.</summary>
    internal (long[] Positions, float[] Values) Cells(IReadOnlyList<int> rows)
    {
        long count = 0;
        foreach (var row in rows) count += RowLength(row);
        var positions = new long[count];
        var cells = new float[count];
        long at = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var offset = (long)i * ColumnCount;
            var columns = ColumnsOf(rows[i]);
            ValuesOf(rows[i]).CopyTo(cells.AsSpan((int)at));
            for (var k = 0; k < columns.Length; k++) positions[at + k] = offset + columns[k];
            at += columns.Length;
        }
        return (positions, cells);
    }

    /// <summary>The given rows as a dense float32 tensor (zeros where not rated) and, when asked, the boolean mask of
    /// the rated cells, built in libtorch's memory without a dense managed copy.</summary>
    internal (torch.Tensor Dense, torch.Tensor? Observed) DenseRows(IReadOnlyList<int> rows, bool withMask)
    {
        DenseSize(rows.Count);
        TorchNative.EnsureLoaded();
        var (positions, cells) = Cells(rows);
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(positions);
        var dense = torch.zeros(rows.Count, ColumnCount);
        dense.view(-1).index_put_(torch.tensor(cells), index);
        torch.Tensor? observed = null;
        if (withMask)
        {
            observed = torch.zeros(rows.Count, ColumnCount, torch.ScalarType.Bool);
            observed.view(-1).index_put_(torch.tensor(true), index);
        }
        return (dense.MoveToOuterDisposeScope(), observed?.MoveToOuterDisposeScope());
    }

    /// <summary>The smallest and the largest stored rating (0 and 0 for an empty matrix): the range predictions are
    /// clipped to.</summary>
    public (float Min, float Max) ValueRange() => values.Length == 0 ? (0f, 0f) : (values.Min(), values.Max());

    /// <summary>True when <paramref name="other"/> has the same rows and columns (the same ids in the same order), so
    /// that one can be the input and the other the target of the same batch.</summary>
    public bool SameShapeAs(RatingMatrix other) =>
        ReferenceEquals(RowIndex, other.RowIndex) && ReferenceEquals(ColumnIndex, other.ColumnIndex) ||
        RowIndex.Ids.SequenceEqual(other.RowIndex.Ids) && ColumnIndex.Ids.SequenceEqual(other.ColumnIndex.Ids);

    /// <summary>The matrix as a sparse COO float32 tensor (rows × columns); memory proportional to the number of
    /// ratings, so usable for ml-25m. Its indices are sorted row-major without duplicates (TorchSharp exposes no
    /// <c>coalesce</c>, and none is needed).</summary>
    public torch.Tensor ToSparse()
    {
        TorchNative.EnsureLoaded();
        var indices = new long[2 * Count];
        for (var r = 0; r < RowCount; r++)
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                indices[k] = r;
                indices[Count + k] = columnOf[k];
            }
        using var index = torch.tensor(indices, [2, Count]);
        using var value = torch.tensor(values, [Count]);
        return torch.sparse_coo_tensor(index, value, [RowCount, ColumnCount]);
    }

    /// <summary>A matrix with only the given rows (in the given order) and all columns; ids are kept.</summary>
    public RatingMatrix SelectRows(IReadOnlyList<int> rows)
    {
        var starts = new long[rows.Count + 1];
        for (var i = 0; i < rows.Count; i++) starts[i + 1] = starts[i] + RowLength(rows[i]);
        var columns = new int[starts[^1]];
        var ratings = new float[starts[^1]];
        var ids = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            ColumnsOf(rows[i]).CopyTo(columns.AsSpan((int)starts[i]));
            ValuesOf(rows[i]).CopyTo(ratings.AsSpan((int)starts[i]));
            ids[i] = RowIndex[rows[i]];
        }
        var rowIndex = ids.AsSpan().SequenceCompareTo(ids.Order().ToArray()) == 0
            ? IdIndex.FromSorted(ids)
            : throw new ArgumentException("Rows must be given in ascending order so that ids stay sorted.");
        return new RatingMatrix(rowIndex, ColumnIndex, starts, columns, ratings);
    }

    /// <summary>The lecture's <c>train_test_split(rm, test_size=0.2)</c>: a seeded random split of the rows
    /// (movies) into training and validation matrices over the same users.</summary>
    /// <param name="validationFraction">Share of rows for validation, 0.2 in the lecture.</param>
    /// <param name="seed">Makes the split the same on every run and machine.</param>
    public (RatingMatrix Train, RatingMatrix Validation) SplitRows(double validationFraction = 0.2, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(validationFraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(validationFraction, 1.0);
        var order = RandomSubset.Permutation(RowCount, seed);
        var validationCount = (int)Math.Ceiling(validationFraction * RowCount); // sklearn rounds the test size up
        var validation = order[..validationCount];
        var train = order[validationCount..];
        Array.Sort(validation);
        Array.Sort(train);
        return (SelectRows(train), SelectRows(validation));
    }

    /// <summary>Hides a seeded random share of the individual ratings: returns the matrix without them (same rows,
    /// columns and ids) and the hidden ratings, for measuring rating prediction.</summary>
    /// <param name="fraction">Share of ratings to hide, e.g. 0.1.</param>
    /// <param name="seed">Makes the split the same on every run and machine.</param>
    public (RatingMatrix Train, HeldOutRatings HeldOut) HoldOut(double fraction = 0.1, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        if (Count > int.MaxValue) throw new InvalidOperationException("Too many ratings to hold out individually.");
        var heldCount = (int)Math.Round(fraction * Count);
        var hidden = new bool[Count];
        foreach (var i in RandomSubset.Indices((int)Count, heldCount, seed)) hidden[i] = true;

        var starts = new long[RowCount + 1];
        var keptColumns = new int[Count - heldCount];
        var keptValues = new float[Count - heldCount];
        var heldRows = new int[heldCount];
        var heldColumns = new int[heldCount];
        var heldValues = new float[heldCount];
        int kept = 0, held = 0;
        for (var r = 0; r < RowCount; r++)
        {
            for (var k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                if (hidden[k])
                {
                    heldRows[held] = r;
                    heldColumns[held] = columnOf[k];
                    heldValues[held++] = values[k];
                }
                else
                {
                    keptColumns[kept] = columnOf[k];
                    keptValues[kept++] = values[k];
                }
            }
            starts[r + 1] = kept;
        }
        return (new RatingMatrix(RowIndex, ColumnIndex, starts, keptColumns, keptValues),
            new HeldOutRatings(heldRows, heldColumns, heldValues, RowIndex, ColumnIndex));
    }
}
