using Statecraft.Negotiation;
using Statecraft.Reports;
using Statecraft.Scenarios;
using Statecraft.Simulation;
using Statecraft.Tests.Negotiation;

namespace Statecraft.Tests.Reports;

/// <summary>The numbers the charts draw are the run's: its accumulators, and counts over its trajectories played one by one.</summary>
public sealed class ReportFiguresTests
{
    private const int Runs = 240;
    private const ulong Seed = 11;

    private static readonly Lazy<SimulationResult> Result = new(() =>
        ReportFixture.Run(Runs, GameFixture.Shipped("maximum-pressure"), GameFixture.Shipped("pyongyang-declaration-2018")));

    [Theory]
    [InlineData("gdp-fan")]
    [InlineData("household-income-fan")]
    public void The_fan_chart_data_of_each_quarter_are_the_accumulators_percentiles(string chart)
    {
        var result = Result.Value;
        var values = ReportFixture.Values(ReportFixture.Specs(ReportFixture.Render(result))[chart]);
        var labels = ReportFigures.Labels(result);

        Assert.Equal(result.Strategies.Sum(s => s.Summary.Horizon), values.Count);
        for (var s = 0; s < result.Strategies.Length; s++)
        {
            var run = result.Strategies[s];
            var path = chart == "gdp-fan" ? run.Summary.GdpPath : run.Summary.HouseholdIncomePath;
            var rows = values.Where(v => v.GetProperty("strategy").GetString() == labels[s]).ToList();
            Assert.Equal(run.Summary.Horizon, rows.Count);
            for (var q = 0; q < rows.Count; q++)
            {
                Assert.Equal(run.Game.Start.Plus(q).ToString(), rows[q].GetProperty("quarter").GetString());
                Assert.Equal(Runs, path[q].Count);
                foreach (var (p, field) in new[] { (0.05, "p05"), (0.25, "p25"), (0.5, "p50"), (0.75, "p75"), (0.95, "p95") })
                    Assert.Equal(path[q].Quantile(p), rows[q].GetProperty(field).GetDouble());
                Assert.True(rows[q].GetProperty("p05").GetDouble() <= rows[q].GetProperty("p50").GetDouble());
                Assert.True(rows[q].GetProperty("p50").GetDouble() <= rows[q].GetProperty("p95").GetDouble());
            }
        }
    }

    /// <summary>
    /// The per-quarter household income is what the final-year figure averages: in every trajectory the
    /// mean of the last four quarters' values is the outcome the summaries report at the horizon.
    /// </summary>
    [Fact]
    public void Each_trajectorys_household_income_path_averages_to_its_final_year_figure()
    {
        var g = GameFixture.Shipped("delury-engagement");
        for (var k = 0; k < 40; k++)
        {
            var (w, _, _) = GameFixture.Play(g, k);
            var o = w.Outcome;
            var lastYear = o.HouseholdIncomePath.AsSpan(g.Horizon - 4, 4).ToArray().Average();
            Assert.Equal(o.HouseholdIncomeIndex, lastYear, 9);
            Assert.All(o.HouseholdIncomePath, x => Assert.True(double.IsFinite(x) && x > 0));
        }
    }

    [Fact]
    public void Steps_reached_rise_with_the_quarter_and_are_the_share_of_trajectories_verified_by_then()
    {
        var result = Result.Value;
        var rows = ReportFigures.StepsReached(result);
        var labels = ReportFigures.Labels(result);

        for (var s = 0; s < result.Strategies.Length; s++)
        {
            var run = result.Strategies[s];
            // The run's trajectories played again one at a time, their step quarters counted here.
            var quarters = Enumerable.Range(0, Runs).Select(k => (int[])GameFixture.Play(run.Game, k, Seed).Workspace.Outcome.StepQuarter.Clone()).ToList();
            var demanded = Enumerable.Range(0, TrajectoryOutcome.Steps).Where(i => ReportFigures.Demanded(run.Game, (Step)i)).ToList();
            Assert.NotEmpty(demanded);
            foreach (var step in demanded)
            {
                var name = Documents.YamlName.Of((Step)step);
                var curve = rows.Where(r => r.Strategy == labels[s] && r.Step == name).OrderBy(r => r.QuarterIndex).ToList();
                Assert.Equal(Enumerable.Range(0, run.Game.Horizon), curve.Select(r => r.QuarterIndex));
                for (var q = 0; q < curve.Count; q++)
                {
                    var verified = quarters.Count(x => x[step] >= 0 && x[step] <= q);
                    Assert.Equal(verified / (double)Runs, curve[q].Probability);
                    if (q > 0) Assert.True(curve[q].Probability >= curve[q - 1].Probability, $"{name} falls in quarter {q}");
                }

                Assert.Equal(run.Summary.StepTime[step].Count / (double)Runs, curve[^1].Probability);
            }

            Assert.All(rows.Where(r => r.Strategy == labels[s]), r => Assert.True(Documents.YamlName<Step>.TryParse(r.Step, out var x) && demanded.Contains((int)x), r.Step));
        }
    }

    [Fact]
    public void Two_scenarios_with_one_name_get_distinct_labels()
    {
        var g = GameFixture.Shipped("relief-only");
        var result = ReportFixture.Run(50, g, g);

        var labels = ReportFigures.Labels(result);

        Assert.Equal(2, labels.Distinct().Count());
        Assert.All(labels, l => Assert.StartsWith(g.Scenario.Name, l, StringComparison.Ordinal));
    }
}
