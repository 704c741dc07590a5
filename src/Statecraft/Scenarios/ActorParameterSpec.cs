using System.Collections.Immutable;

namespace Statecraft.Scenarios;

/// <summary>
/// A parameter an actor can be given in a scenario, its valid range, and the default used when the
/// file leaves it out. Defaults are stated judgements, listed in docs/scenario-format.md and
/// docs/model.md, and every one can be overridden by the file or tied to an uncertain assumption.
/// </summary>
public sealed record ActorParameterSpec(string Name, double Min, double Max, string Unit, string Meaning, ImmutableDictionary<ActorId, double> Defaults, string Basis)
{
    /// <summary>Every actor parameter.</summary>
    public static ImmutableArray<ActorParameterSpec> All { get; } =
    [
        new("enforcement", 0, 1, "share",
            "share of sanctioned flows through this actor's jurisdiction that enforcement actually stops",
            PerActor(us: 0.95, southKorea: 0.95, japan: 0.95, china: 0.7, russia: 0.5),
            "judgement: the allies enforce strictly; China tightened enforcement from about September 2017 (CNAS/38 North 2018) but leakage persisted; Russia enforces least"),
        new("consent_propensity", 0, 1, "probability",
            "chance this actor agrees when its consent is needed for relief (a vote, a committee decision, a certification)",
            PerActor(us: 0.5, southKorea: 0.9, japan: 0.4, china: 0.9, russia: 0.9),
            "judgement: China and Russia proposed relief in 2018-2019; South Korea sought exemptions; the US and Japan held to pressure until denuclearization"),
        new("delivery_reliability", 0, 1, "probability",
            "chance a promised incentive is delivered on time once its conditions are met",
            PerActor(us: 0.9, southKorea: 0.9, japan: 0.9, china: 0.9, russia: 0.9),
            "judgement: a symmetric placeholder until delivery records are modelled"),
        new("election_shock_rate", 0, 1, "per quarter",
            "chance per quarter of an electoral change that reopens the actor's policy",
            PerActor(us: 0.125, southKorea: 0.05, japan: 0.083),
            "electoral calendars: US federal elections every 2 years (1/8 a quarter); South Korea's single 5-year presidential term (1/20); Japan's lower house at most every 4 years, often sooner (about 1/12)"),
        new("provocation_rate", 0, 1, "per quarter",
            "chance per quarter of a major provocation (nuclear test or long-range missile launch) absent any agreement",
            PerActor(northKorea: 0.15),
            "judgement anchored on the record: six nuclear tests (2006-2017) and repeated long-range launches in about 45 quarters"),
    ];

    /// <summary>The uninformative prior over the North's type used when the file sets none.</summary>
    public static ImmutableDictionary<NorthType, double> DefaultTypePrior { get; } =
        ImmutableDictionary.CreateRange(Enum.GetValues<NorthType>().Select(t => KeyValuePair.Create(t, 1.0 / 3)));

    /// <summary>The parameters that apply to an actor (those with a default for it).</summary>
    public static IEnumerable<ActorParameterSpec> For(ActorId actor) => All.Where(p => p.Defaults.ContainsKey(actor));

    private static ImmutableDictionary<ActorId, double> PerActor(double? us = null, double? southKorea = null, double? northKorea = null, double? china = null, double? japan = null, double? russia = null)
    {
        var b = ImmutableDictionary.CreateBuilder<ActorId, double>();
        void Add(ActorId a, double? v)
        {
            if (v is { } x)
            {
                b[a] = x;
            }
        }

        Add(ActorId.Us, us);
        Add(ActorId.SouthKorea, southKorea);
        Add(ActorId.NorthKorea, northKorea);
        Add(ActorId.China, china);
        Add(ActorId.Japan, japan);
        Add(ActorId.Russia, russia);
        return b.ToImmutable();
    }
}
