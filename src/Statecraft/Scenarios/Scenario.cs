using System.Collections.Immutable;
using Statecraft.Documents;
using Statecraft.Sanctions;

namespace Statecraft.Scenarios;

/// <summary>A probability distribution over an uncertain assumption, or a point value.</summary>
public abstract record Distribution
{
    /// <summary>The distribution's name in files (point, normal, lognormal, beta, uniform, triangular).</summary>
    public abstract string Name { get; }

    /// <summary>The central value shown when one number is needed (the mean, or the median for the lognormal).</summary>
    public abstract double Central { get; }

    /// <summary>The smallest and largest values the distribution can take (infinite for unbounded tails).</summary>
    public abstract (double Low, double High) Support { get; }
}

/// <summary>A known value.</summary>
public sealed record PointValue(double Value) : Distribution
{
    /// <inheritdoc />
    public override string Name => "point";

    /// <inheritdoc />
    public override double Central => Value;

    /// <inheritdoc />
    public override (double Low, double High) Support => (Value, Value);
}

/// <summary>Normal with mean and standard deviation.</summary>
public sealed record NormalDistribution(double Mean, double Sd) : Distribution
{
    /// <inheritdoc />
    public override string Name => "normal";

    /// <inheritdoc />
    public override double Central => Mean;

    /// <inheritdoc />
    public override (double Low, double High) Support => (double.NegativeInfinity, double.PositiveInfinity);
}

/// <summary>Lognormal: the logarithm is normal with mean <c>MeanLog</c> and standard deviation <c>SdLog</c> (R's meanlog, sdlog).</summary>
public sealed record LognormalDistribution(double MeanLog, double SdLog) : Distribution
{
    /// <inheritdoc />
    public override string Name => "lognormal";

    /// <inheritdoc />
    public override double Central => Math.Exp(MeanLog);

    /// <inheritdoc />
    public override (double Low, double High) Support => (0, double.PositiveInfinity);
}

/// <summary>Beta on [0, 1] with shape parameters alpha and beta.</summary>
public sealed record BetaDistribution(double Alpha, double Beta) : Distribution
{
    /// <inheritdoc />
    public override string Name => "beta";

    /// <inheritdoc />
    public override double Central => Alpha / (Alpha + Beta);

    /// <inheritdoc />
    public override (double Low, double High) Support => (0, 1);
}

/// <summary>Uniform on [low, high].</summary>
public sealed record UniformDistribution(double Low, double High) : Distribution
{
    /// <inheritdoc />
    public override string Name => "uniform";

    /// <inheritdoc />
    public override double Central => (Low + High) / 2;

    /// <inheritdoc />
    public override (double Low, double High) Support => (Low, High);
}

/// <summary>Triangular on [low, high] with its peak at mode.</summary>
public sealed record TriangularDistribution(double Low, double Mode, double High) : Distribution
{
    /// <inheritdoc />
    public override string Name => "triangular";

    /// <inheritdoc />
    public override double Central => (Low + Mode + High) / 3;

    /// <inheritdoc />
    public override (double Low, double High) Support => (Low, High);
}

/// <summary>A named, visible, changeable assumption; draws outside <c>Bounds</c> are not allowed.</summary>
public sealed record Assumption(
    string Name,
    Distribution Distribution,
    double? LowerBound,
    double? UpperBound,
    string? Description,
    string? Unit,
    string? Source,
    SourceLocation Location);

/// <summary>A number written in the file, or the name of an assumption that supplies it.</summary>
public sealed record Quantity(double? Fixed, string? AssumptionName)
{
    /// <inheritdoc />
    public override string ToString() => AssumptionName ?? Fixed!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One actor's parameters. Parameters the file leaves out take the defaults in <see cref="ActorParameterSpec"/>.</summary>
public sealed record ActorSettings(
    ActorId Actor,
    ImmutableDictionary<string, Quantity> Parameters,
    ImmutableDictionary<NorthType, double> TypePrior,
    SourceLocation Location)
{
    /// <summary>The author's note on the actor's settings, kept so a rewritten file still says why.</summary>
    public string? Note { get; init; }
}

/// <summary>A step the North is asked to take in a phase, and how it is verified.</summary>
public sealed record StepDemand(Step Step, Verification Verification, SourceLocation Location)
{
    /// <summary>The author's note on the step.</summary>
    public string? Note { get; init; }
}

/// <summary>When an incentive is delivered: <c>upfront</c>, <c>on_verified_step</c> (optionally one named step), or <c>after_quarters: N</c>.</summary>
public sealed record Sequencing(SequencingRule Rule, Step? Step = null, int Quarters = 0)
{
    /// <inheritdoc />
    public override string ToString() => Rule switch
    {
        SequencingRule.Upfront => "upfront",
        SequencingRule.OnVerifiedStep when Step is { } s => $"on_verified_step: {Documents.YamlName.Of(s)}",
        SequencingRule.OnVerifiedStep => "on_verified_step",
        _ => $"after_quarters: {Quarters}",
    };
}

/// <summary>One incentive offered in a phase.</summary>
/// <param name="Id">Unique in the roadmap.</param>
/// <param name="Kind">What is offered.</param>
/// <param name="Provider">Who delivers it.</param>
/// <param name="Sequencing">When, within the phase.</param>
/// <param name="Measures">For sanctions relief: the measures relieved.</param>
/// <param name="Route">For sanctions relief: exemption, suspension or termination.</param>
/// <param name="DurationQuarters">For a suspension: how long before it lapses (null: until revoked).</param>
/// <param name="Covers">For a joint-venture carve-out: the incentives it covers (empty: all in the roadmap).</param>
/// <param name="Zone">For SEZ support: the zone.</param>
/// <param name="Linkage">For SEZ support: linkage conditions.</param>
/// <param name="AmountMusdPerYear">Size in USD million a year, where the kind has one.</param>
/// <param name="AlsoInvolves">Activities beyond those the kind involves by default.</param>
/// <param name="Note">The author's note.</param>
/// <param name="Location">Where the incentive is written.</param>
public sealed record Incentive(
    string Id,
    IncentiveKind Kind,
    Provider Provider,
    Sequencing Sequencing,
    ImmutableArray<string> Measures,
    ReliefRoute? Route,
    int? DurationQuarters,
    ImmutableArray<string> Covers,
    string? Zone,
    ImmutableArray<Linkage> Linkage,
    Quantity? AmountMusdPerYear,
    ImmutableArray<string> AlsoInvolves,
    string? Note,
    SourceLocation Location)
{
    /// <summary>
    /// Where each of <see cref="Measures"/> is written, in their order (empty for an incentive built in code), so the
    /// warning that a relieved measure is not in force points at it when the rules check the record.
    /// </summary>
    public ImmutableArray<SourceLocation> MeasureLocations { get; init; } = [];
}

/// <summary>A phase of the roadmap: the steps asked of the North, what is offered, and on what conditions.</summary>
public sealed record Phase(
    int Number,
    string Name,
    ImmutableArray<StepDemand> Steps,
    ImmutableArray<Incentive> Incentives,
    ImmutableArray<Condition> Conditions,
    SourceLocation Location)
{
    /// <summary>The source or reasoning of the phase, as written.</summary>
    public string? Note { get; init; }
}

/// <summary>The ordered phases of a negotiation roadmap.</summary>
public sealed record Roadmap(ImmutableArray<Phase> Phases)
{
    /// <summary>The author's note on the roadmap as a whole.</summary>
    public string? Note { get; init; }

    /// <summary>Every incentive with its phase, in roadmap order.</summary>
    public IEnumerable<(Phase Phase, Incentive Incentive)> AllIncentives =>
        Phases.SelectMany(p => p.Incentives.Select(i => (p, i)));
}

/// <summary>An exogenous shock the scenario schedules from one quarter to another, inclusive.</summary>
public sealed record ScenarioShock(string Id, ShockKind Kind, Quarter From, Quarter Until, double Intensity, string? Note, SourceLocation Location);

/// <summary>A scenario: a roadmap with its start, horizon, assumptions, actors, the sanctions in force and scheduled shocks.</summary>
public sealed record Scenario(
    string Path,
    string Name,
    string? Description,
    Quarter Start,
    int HorizonQuarters,
    ImmutableArray<Assumption> Assumptions,
    ImmutableArray<ActorSettings> Actors,
    ImmutableArray<string> SanctionsInForce,
    Roadmap Roadmap,
    ImmutableArray<ScenarioShock> Shocks = default)
{
    /// <summary>The scheduled shocks; empty when the file has none.</summary>
    public ImmutableArray<ScenarioShock> Shocks { get; init; } = Shocks.IsDefault ? [] : Shocks;

    /// <summary>The note under <c>sanctions</c>: why the baseline was changed.</summary>
    public string? SanctionsNote { get; init; }

    /// <summary>Where an old single file (<c>statecraft/1</c>) writes its embedded beliefs (<c>actors</c>); null for a roadmap without them.</summary>
    public Documents.SourceLocation? EmbeddedWorldAt { get; init; }

    /// <summary>Where <c>start</c> is written, for messages about it (a scenario built in code has none).</summary>
    public Documents.SourceLocation? StartAt { get; init; }
}
