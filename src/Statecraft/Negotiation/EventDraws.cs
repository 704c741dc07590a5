namespace Statecraft.Negotiation;

/// <summary>
/// The numbers a trajectory's game stream gives whatever the roadmap: each quarter's provocation and election
/// draws, the quarterly valuation error and each year's harvest shock. They are the same for every strategy
/// played on the trajectory (common random numbers), so the Monte Carlo draws them once per trajectory and the
/// strategies read them, instead of each strategy hashing and transforming them again. Values are exactly
/// those <see cref="StreamRandom"/> gives at the same slots; only the work is shared. Reused: <see cref="Reset"/>
/// starts a new trajectory and allocates nothing.
/// </summary>
public sealed class EventDraws
{
    // Slots of the game stream, per quarter (counters are quarter * NegotiationGame.SlotsPerQuarter + slot).
    internal const int SlotMajor = 0, SlotMinor = 1, SlotElection = 2, Elections = 3;

    private readonly double[] major;
    private readonly double[] minor;
    private readonly double[] election;
    private readonly double[] noise;
    private readonly double[] weather;

    /// <param name="quarters">The longest horizon of the strategies that share the draws.</param>
    public EventDraws(int quarters)
    {
        if (quarters < 0) throw new ArgumentOutOfRangeException(nameof(quarters));
        Quarters = quarters;
        major = new double[quarters];
        minor = new double[quarters];
        election = new double[quarters * Elections];
        noise = new double[quarters];
        // A horizon starting in any quarter of a year spans at most quarters / 4 + 2 calendar years.
        weather = new double[(quarters / 4) + 2];
    }

    /// <summary>Quarters held.</summary>
    public int Quarters { get; }

    /// <summary>The game stream these draws come from (consent, delivery and other roadmap-dependent draws are made from it directly).</summary>
    public StreamRandom Stream { get; private set; }

    /// <summary>Starts the draws of the trajectory whose game stream is <paramref name="stream"/>.</summary>
    public void Reset(StreamRandom stream)
    {
        Stream = stream;
        // Every strategy reads these every quarter: drawn now. The normals are drawn when first asked for
        // (NaN until then; a Box-Muller normal is never NaN), as a strategy that offers nothing never asks.
        for (var q = 0; q < Quarters; q++)
        {
            var counter = (ulong)q * NegotiationGame.SlotsPerQuarter;
            major[q] = stream.Uniform(counter + SlotMajor);
            minor[q] = stream.Uniform(counter + SlotMinor);
            for (var e = 0; e < Elections; e++) election[(q * Elections) + e] = stream.Uniform(counter + (ulong)(SlotElection + e));
        }

        Array.Fill(noise, double.NaN);
        Array.Fill(weather, double.NaN);
    }

    /// <summary>The uniform that decides a major provocation in quarter <paramref name="q"/>.</summary>
    public double Major(int q) => major[q];

    /// <summary>The uniform that decides a minor provocation in quarter <paramref name="q"/>.</summary>
    public double Minor(int q) => minor[q];

    /// <summary>The uniform that decides whether electoral actor <paramref name="e"/> (US, South Korea, Japan) holds an election in quarter <paramref name="q"/>.</summary>
    public double Election(int q, int e) => election[(q * Elections) + e];

    /// <summary>The standard normal of the North's valuation error in quarter <paramref name="q"/>.</summary>
    public double Noise(int q)
    {
        var x = noise[q];
        if (double.IsNaN(x)) noise[q] = x = Stream.Derive(NegotiationGame.NoiseStream).Normal((ulong)q);
        return x;
    }

    /// <summary>The standard normal of the harvest shock in year <paramref name="year"/> of the horizon (0 = the year it starts in).</summary>
    public double Weather(int year)
    {
        var x = weather[year];
        if (double.IsNaN(x)) weather[year] = x = Stream.Derive(NegotiationGame.WeatherStream).Normal((ulong)year);
        return x;
    }
}
