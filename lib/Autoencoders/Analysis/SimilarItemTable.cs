using Microsoft.Data.Analysis;

namespace Autoencoders.Analysis;

/// <summary>Turns search results (row indices) into a readable table by joining them to a catalogue such as the
/// MovieLens movies frame (movieId, title, genres): a list of row numbers means nothing to a reader, titles do.</summary>
public static class SimilarItemTable
{
    /// <summary>A frame with one row per result, in result order: the id column, every other column of
    /// <paramref name="catalogue"/> (as text), and <c>score</c>. <paramref name="itemIds"/> maps embedding rows to ids
    /// (row i of the embedding is the item with id itemIds[i], e.g. <c>RatingMatrix.RowIndex.Ids</c>); ids missing from the catalogue get empty fields.</summary>
    public static DataFrame Create(IReadOnlyList<SimilarItem> results, IReadOnlyList<int> itemIds, DataFrame catalogue,
        string idColumn = "movieId")
    {
        var ids = catalogue.Columns[idColumn];
        var rowOfId = new Dictionary<long, long>();
        for (long r = 0; r < ids.Length; r++)
            if (ids[r] is { } id) rowOfId.TryAdd(Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture), r);

        var idOut = new Int32DataFrameColumn(idColumn, results.Count);
        var others = catalogue.Columns.Where(c => c.Name != idColumn)
            .Select(c => (Source: c, Target: new StringDataFrameColumn(c.Name, results.Count))).ToList();
        var score = new DoubleDataFrameColumn("score", results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            int id = itemIds[results[i].Index];
            idOut[i] = id;
            score[i] = results[i].Score;
            if (!rowOfId.TryGetValue(id, out long row)) continue;
            foreach (var (source, target) in others) target[i] = source[row]?.ToString();
        }
        var columns = new List<DataFrameColumn> { idOut };
        columns.AddRange(others.Select(o => (DataFrameColumn)o.Target));
        columns.Add(score);
        return new DataFrame(columns);
    }
}
