using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Analysis;

/// <summary>Tensors to ML.NET's <see cref="IDataView"/> and back: features as one float vector column, labels as a key
/// column. ML.NET's trainers (trees, k-means) read an <see cref="IDataView"/>; the lessons hold tensors.</summary>
/// <remarks>Labels become keys through <c>MapValueToKey</c> with the keys in the order of the values (class k is key
/// k + 1, since key 0 means "missing"), not the default order in which values are first met: predicted keys then
/// translate back to the class numbers the tensors use. That needs every class 0 … C − 1 in the training
/// labels, which <see cref="LabelsToKeys"/> checks.</remarks>
internal static class MlNetData
{
    internal const string Features = "Features", Label = "Label";

    /// <summary>One row per row of <paramref name="features"/> ([n, d]); with <paramref name="labels"/> ([n], classes
    /// 0 … C − 1) a <see cref="Label"/> column of their values too.</summary>
    internal static IDataView ToDataView(MLContext context, Tensor features, Tensor? labels = null)
    {
        if (features.dim() != 2) throw new ArgumentException("Features must be a matrix [n, d].", nameof(features));
        int n = (int)features.shape[0], d = (int)features.shape[1];
        var values = features.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var rows = new List<Row>(n);
        long[]? y = null;
        if (labels is not null)
        {
            if (labels.numel() != n) throw new ArgumentException("One label per row is needed.", nameof(labels));
            y = labels.detach().cpu().to_type(ScalarType.Int64).contiguous().data<long>().ToArray();
        }
        for (int i = 0; i < n; i++)
            rows.Add(new Row { Features = values.AsSpan(i * d, d).ToArray(), Label = y is null ? 0 : y[i] });
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        if (y is null) schema.Remove(schema[Label]);
        return context.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>The step that turns the <see cref="Label"/> values of <paramref name="labels"/> (classes 0 … C − 1,
    /// each present) into keys 1 … C; returns C.</summary>
    internal static (IEstimator<ITransformer> Step, int ClassCount) LabelsToKeys(MLContext context, Tensor labels)
    {
        var classes = labels.detach().cpu().to_type(ScalarType.Int64).contiguous().data<long>().ToArray().Distinct().Order().ToArray();
        if (classes.Length < 2 || classes[0] != 0 || classes[^1] != classes.Length - 1)
            throw new ArgumentException("Labels must be the classes 0 … C − 1 (C ≥ 2), each at least once.", nameof(labels));
        var step = context.Transforms.Conversion.MapValueToKey(Label, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        return (step, classes.Length);
    }

    /// <summary>The key column <paramref name="column"/> of <paramref name="data"/> as 0-based classes [n] (int64).</summary>
    internal static Tensor Classes(IDataView data, string column)
    {
        var keys = data.GetColumn<uint>(column).ToArray();
        return tensor(keys.Select(k => (long)k - 1).ToArray());
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public long Label { get; set; }
    }
}
