using Autoencoders.Notebooks;
using Microsoft.Data.Analysis;

namespace Autoencoders.Tests.Notebooks;

public class TableTests
{
    [Fact]
    public void A_table_has_a_typed_column_per_tuple_field_and_rounds_numbers_to_four_significant_digits()
    {
        var rows = new List<(string Model, int Parameters, double Rmse)> { ("global mean", 1, 1.0593817), ("AutoRec", 610_110, 0.0854912) };

        var table = Table.Of(rows, "model", "parameters", "held-out RMSE");

        Assert.Equal(["model", "parameters", "held-out RMSE"], table.Columns.Select(c => c.Name));
        Assert.IsType<StringDataFrameColumn>(table.Columns[0]);
        Assert.IsType<Int32DataFrameColumn>(table.Columns[1]);
        Assert.Equal(1.059, table.Columns[2][0]);
        Assert.Equal(0.08549, table.Columns[2][1]);
        Assert.Equal(610_110, table.Columns[1][1]);
    }

    [Fact]
    public void Rounding_keeps_four_significant_digits_at_every_scale()
    {
        Assert.Equal(1235, Table.Round(1234.56));
        Assert.Equal(12.35, Table.Round(12.3456));
        Assert.Equal(0.0001235, Table.Round(0.00012346), 10);
        Assert.Equal(0, Table.Round(0));
        Assert.True(double.IsNaN(Table.Round(double.NaN)));
    }

    [Fact]
    public void A_header_count_that_differs_from_the_fields_is_refused_with_the_counts()
    {
        var e = Assert.Throws<ArgumentException>(() => Table.Of(new[] { ("a", 1.0) }, "only one"));
        Assert.Contains("2 fields but 1 headers", e.Message);
    }
}
