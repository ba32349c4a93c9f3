using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Analysis;

namespace Autoencoders.Notebooks;

/// <summary>A results table from the tuples a lesson collects, with numbers rounded for people.</summary>
/// <remarks>Lessons gather results as lists of named tuples (<c>(string Model, double Rmse)</c>) and show them as a
/// table. Building a <see cref="DataFrame"/> by hand repeats one typed column per field and a rounding call per number;
/// here the column types come from the tuple's field types and every floating-point number keeps four significant
/// digits (0.09634, 12.35, 1235), so a table never prints 16 digits of noise.</remarks>
public static class Table
{
    /// <summary>Significant digits kept by <see cref="Of"/> for floating-point values.</summary>
    public const int SignificantDigits = 4;

    /// <summary>One row per tuple of <paramref name="rows"/>, one column per field, headed by
    /// <paramref name="headers"/> (as many as the tuple has fields, at most seven).</summary>
    /// <example><code>Table.Of(results, "model", "held-out RMSE")</code></example>
    /// <exception cref="ArgumentException">The number of headers differs from the number of fields.</exception>
    public static DataFrame Of<T>(IEnumerable<T> rows, params string[] headers) where T : ITuple
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(headers);
        var fieldTypes = typeof(T).IsGenericType ? typeof(T).GetGenericArguments() : [];
        if (fieldTypes.Length != headers.Length || fieldTypes.Length is 0 or > 7)
            throw new ArgumentException(
                $"The rows have {fieldTypes.Length} fields but {headers.Length} headers were given: name each field once " +
                "(tables take tuples of one to seven fields).", nameof(headers));
        var list = rows.ToList();
        return new DataFrame(fieldTypes.Select((type, i) => Column(headers[i], type, list.Select(r => r[i]))));
    }

    /// <summary><paramref name="value"/> rounded to <see cref="SignificantDigits"/> significant digits.</summary>
    public static double Round(double value)
    {
        if (value == 0 || !double.IsFinite(value)) return value;
        var decimals = SignificantDigits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return Math.Round(value, Math.Clamp(decimals, 0, 15));
    }

    static DataFrameColumn Column(string header, Type type, IEnumerable<object?> values)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
            return new DoubleDataFrameColumn(header, values.Select(v => v is null ? (double?)null : Round(Convert.ToDouble(v, CultureInfo.InvariantCulture))));
        if (underlying == typeof(int) || underlying == typeof(short) || underlying == typeof(byte))
            return new Int32DataFrameColumn(header, values.Select(v => v is null ? (int?)null : Convert.ToInt32(v, CultureInfo.InvariantCulture)));
        if (underlying == typeof(long))
            return new Int64DataFrameColumn(header, values.Select(v => (long?)v));
        if (underlying == typeof(bool))
            return new BooleanDataFrameColumn(header, values.Select(v => (bool?)v));
        if (underlying == typeof(TimeSpan))
            return new DoubleDataFrameColumn(header, values.Select(v => v is TimeSpan t ? Round(t.TotalSeconds) : (double?)null));
        return new StringDataFrameColumn(header, values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
    }
}
