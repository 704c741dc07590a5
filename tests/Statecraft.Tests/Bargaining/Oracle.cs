using System.Globalization;
using Statecraft.Bargaining;
using Statecraft.Data;
using Statecraft.Tests.Cli;

namespace Statecraft.Tests.Bargaining;

/// <summary>
/// The reference runs copied from the published models (Bargaining/Oracles, see its README):
/// the Scholz et al. Python EUM on its example actors, and KTAB's smpc on dummyData_3Dim.
/// </summary>
internal static class Oracle
{
    public static string PathOf(string file) => Repository.PathOf("tests/Statecraft.Tests/Bargaining/Oracles/" + file);

    public static string Text(string file) => File.ReadAllText(PathOf(file));

    public static CsvTable Table(string file) => CsvTable.Parse(Text(file), file);

    public static double Number(CsvTable table, CsvRow row, string column) =>
        double.Parse(table.Get(row, column), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static int Integer(CsvTable table, CsvRow row, string column) =>
        int.Parse(table.Get(row, column), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static EumTable EumExample()
    {
        var load = EumTable.Parse(Text("eum-example-actors.csv"), "eum-example-actors.csv");
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        return load.Table!;
    }

    public static SmpTable Dummy3Dim()
    {
        var load = SmpTable.Parse(Text("smp-dummy3dim-input.csv"), "smp-dummy3dim-input.csv");
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        return load.Table!;
    }

    public static SmpTable SoePolComp()
    {
        var load = SmpTable.Parse(Text("smp-soe-input.csv"), "smp-soe-input.csv");
        Assert.True(load.IsValid, string.Join("\n", load.Diagnostics));
        return load.Table!;
    }
}
