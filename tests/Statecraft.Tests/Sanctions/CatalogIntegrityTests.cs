using System.Text.RegularExpressions;
using Statecraft.Data;
using Statecraft.Sanctions;

namespace Statecraft.Tests.Sanctions;

/// <summary>The shipped catalog: complete, sourced, relievable, and consistent with the UN measures table in the dataset.</summary>
public sealed partial class CatalogIntegrityTests
{
    private static readonly Catalog Catalog = Catalog.Korea;

    private static readonly Dictionary<string, DateOnly> AdoptedOn = new()
    {
        // Adoption dates as recorded in data/korea/unsc_measures.csv.
        ["1718"] = new(2006, 10, 14), ["1874"] = new(2009, 6, 12), ["2087"] = new(2013, 1, 22),
        ["2094"] = new(2013, 3, 7), ["2270"] = new(2016, 3, 2), ["2321"] = new(2016, 11, 30),
        ["2371"] = new(2017, 8, 5), ["2375"] = new(2017, 9, 11), ["2397"] = new(2017, 12, 22),
    };

    [GeneratedRegex("^(UNSC-(1718|1874|2087|2094|2270|2321|2371|2375|2397)-[0-9A-Z]+(-[0-9A-Z]+)*|US-[A-Z0-9-]+|ROK-[A-Z0-9-]+|JP-[A-Z0-9-]+)$")]
    private static partial Regex IdPattern();

    [Fact]
    public void Every_measure_has_a_stable_id_a_title_a_summary_a_source_and_relief_with_consent()
    {
        Assert.True(Catalog.Measures.Length >= 35, $"expected the full catalog, found {Catalog.Measures.Length} measures");
        Assert.All(Catalog.Measures, m =>
        {
            Assert.Matches(IdPattern(), m.Id);
            Assert.False(string.IsNullOrWhiteSpace(m.Title));
            Assert.True(m.Title.Length <= 80, $"{m.Id}: title is {m.Title.Length} characters; keep it to one table line");
            Assert.False(string.IsNullOrWhiteSpace(m.Summary));
            Assert.False(string.IsNullOrWhiteSpace(m.Source));
            Assert.NotEmpty(m.Blocks);
            Assert.NotEmpty(m.Relief);
            Assert.All(m.Relief, r => Assert.NotEmpty(r.Consent));
        });
    }

    [Theory]
    [InlineData("UNSC-2375-18")]
    [InlineData("UNSC-2397-7")]
    [InlineData("UNSC-2094-11")]
    [InlineData("UNSC-2397-4")]
    [InlineData("UNSC-2397-5")]
    [InlineData("UNSC-2397-6")]
    [InlineData("UNSC-2397-8")]
    [InlineData("UNSC-2371-8")]
    [InlineData("UNSC-2375-16")]
    [InlineData("UNSC-2375-17")]
    [InlineData("US-EO-13382")]
    [InlineData("US-EO-13687")]
    [InlineData("US-EO-13722")]
    [InlineData("US-EO-13810")]
    [InlineData("US-NKSPEA")]
    [InlineData("US-CAATSA-III")]
    [InlineData("ROK-MAY24")]
    [InlineData("ROK-KAESONG-2016")]
    [InlineData("JP-TRADE-BAN")]
    public void The_measures_the_issue_names_are_in_the_catalog(string id) => Assert.NotNull(Catalog.Find(id));

    [Fact]
    public void UN_measures_bind_everyone_take_effect_on_adoption_and_are_relieved_by_the_Council_or_its_committee()
    {
        foreach (var m in Catalog.Measures.Where(m => m.Issuer == Issuer.Unsc))
        {
            Assert.Equal(Binding.Everyone, m.Binds);
            Assert.Equal(AdoptedOn[m.Id.Split('-')[1]], m.InForce);
            foreach (var r in m.Relief)
            {
                var expected = r.Route == ReliefRoute.Exemption ? ConsentParty.Committee1718 : ConsentParty.Unsc;
                Assert.True(r.Consent.Contains(expected), $"{m.Id}: {r.Route} must need {expected}");
            }

            Assert.True(m.ReliefBy(ReliefRoute.Termination) is not null, $"{m.Id}: every UN measure can be terminated by the Council");
        }
    }

    [Fact]
    public void Unilateral_measures_are_relieved_by_their_own_issuer()
    {
        var own = new Dictionary<Issuer, ConsentParty[]>
        {
            [Issuer.Us] = [ConsentParty.UsExecutive, ConsentParty.UsCongress],
            [Issuer.Rok] = [ConsentParty.RokGovernment],
            [Issuer.Japan] = [ConsentParty.JapanGovernment],
        };
        foreach (var m in Catalog.Measures.Where(m => m.Issuer != Issuer.Unsc))
        {
            Assert.All(m.Relief, r => Assert.All(r.Consent, c => Assert.Contains(c, own[m.Issuer])));
        }
    }

    [Fact]
    public void US_statutes_need_Congress_to_terminate_and_executive_orders_do_not()
    {
        foreach (var id in new[] { "US-NKSPEA", "US-CAATSA-III" })
        {
            Assert.Contains(ConsentParty.UsCongress, Catalog.Find(id)!.ReliefBy(ReliefRoute.Termination)!.Consent);
        }

        foreach (var m in Catalog.Measures.Where(m => m.Id.StartsWith("US-EO-", StringComparison.Ordinal)))
        {
            Assert.All(m.Relief, r => Assert.Equal([ConsentParty.UsExecutive], r.Consent.ToArray()));
        }
    }

    [Fact]
    public void A_superseded_measure_ends_the_day_its_successor_takes_effect()
    {
        var superseded = Catalog.Measures.Where(m => m.SupersededBy is not null).ToList();
        Assert.NotEmpty(superseded);
        Assert.All(superseded, m =>
        {
            var successor = Catalog.Find(m.SupersededBy!)!;
            Assert.Equal(successor.InForce, m.Ended);
        });
    }

    [Fact]
    public void Every_row_of_the_UN_measures_table_in_the_dataset_is_in_the_catalog()
    {
        using var stream = typeof(Catalog).Assembly.GetManifestResourceStream("Data/korea/unsc_measures.csv")!;
        var table = CsvTable.Parse(new StreamReader(stream).ReadToEnd(), "unsc_measures.csv");
        Assert.True(table.Rows.Count >= 25);
        foreach (var row in table.Rows)
        {
            var resolution = table.Get(row, "resolution");
            var paragraph = table.Get(row, "paragraph");
            var ofResolution = Catalog.Measures.Where(m => m.Id.StartsWith($"UNSC-{resolution}-", StringComparison.Ordinal)).ToList();
            Assert.True(ofResolution.Count > 0, $"no measure of resolution {resolution}");
            if (Regex.IsMatch(paragraph, "^[0-9]+$"))
            {
                Assert.True(Catalog.Find($"UNSC-{resolution}-{paragraph}") is not null, $"line {row.Line}: no measure UNSC-{resolution}-{paragraph}");
            }
        }
    }

    [Fact]
    public void Only_paragraphs_that_call_upon_states_are_hortatory()
    {
        var hortatory = Catalog.Measures.Where(m => m.Hortatory).ToList();

        Assert.Equal(["UNSC-1874-19"], hortatory.Select(m => m.Id));
        Assert.All(hortatory, m => Assert.Contains("Calls", m.Summary, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_measure_blocks_humanitarian_aid_or_WTO_membership()
    {
        Assert.All(Catalog.Measures, m =>
        {
            Assert.Null(m.BlockingPattern("aid:humanitarian"));
            Assert.Null(m.BlockingPattern("membership:wto"));
        });
    }

    [Fact]
    public void The_catalog_on_1_October_2018_holds_the_2017_bans_but_not_the_caps_they_replaced()
    {
        var inForce = Catalog.InForceOn(new DateOnly(2018, 10, 1)).Select(m => m.Id).ToHashSet();

        Assert.Contains("UNSC-2371-8", inForce);
        Assert.Contains("UNSC-2397-4", inForce);
        Assert.Contains("ROK-KAESONG-2016", inForce);
        Assert.DoesNotContain("UNSC-2321-26", inForce);
    }

    [Fact]
    public void A_broken_catalog_is_reported_with_locations()
    {
        var diagnostics = new Statecraft.Documents.DiagnosticBag();
        var text = FixtureCatalog.Text.Replace("issuer: unsc\n    instrument: \"S/RES/2375 (2017) OP18\"", "issuer: un\n    instrument: \"S/RES/2375 (2017) OP18\"", StringComparison.Ordinal)
            .Replace("[joint_venture:new, joint_venture:existing]", "[joint_venture:nwe]", StringComparison.Ordinal);

        Assert.Null(Catalog.Parse(text, "broken.yaml", diagnostics));
        Assert.Contains(diagnostics.Items, d => d.ToString().StartsWith("broken.yaml:3:13: error: unknown issuer 'un'", StringComparison.Ordinal));
        Assert.Contains(diagnostics.Items, d => d.ToString().Contains("unknown activity 'joint_venture:nwe'", StringComparison.Ordinal));
    }
}
