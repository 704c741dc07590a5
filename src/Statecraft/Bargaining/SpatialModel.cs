using System.Numerics;

namespace Statecraft.Bargaining;

/// <summary>A bargain an actor proposed to its chosen target in a turn (positions on the 0–100 scale).</summary>
/// <param name="Initiator">Index (file order) of the proposing actor.</param>
/// <param name="Target">Index of the actor it challenges.</param>
/// <param name="InitiatorWins">The initiator's own estimate of the probability it would win a contest.</param>
/// <param name="Gain">The initiator's expected utility gain from challenging (the target is the one with the largest gain).</param>
/// <param name="InitiatorPosition">The position the bargain gives the initiator, per dimension.</param>
/// <param name="TargetPosition">The position the bargain gives the target, per dimension.</param>
public sealed record SmpBargain(int Initiator, int Target, double InitiatorWins, double Gain, IReadOnlyList<double> InitiatorPosition, IReadOnlyList<double> TargetPosition);

/// <summary>The bargain an actor adopted from its queue in a turn.</summary>
/// <param name="Actor">Index of the choosing actor.</param>
/// <param name="Initiator">Initiator of the chosen bargain; equal to <paramref name="Actor"/> and <paramref name="Receiver"/> for the status quo.</param>
/// <param name="Receiver">Receiver of the chosen bargain.</param>
/// <param name="QueueSize">How many bargains (the status quo included) the actor chose among.</param>
/// <param name="Probability">The chosen bargain's probability in the queue's election.</param>
public sealed record SmpChoice(int Actor, int Initiator, int Receiver, int QueueSize, double Probability)
{
    /// <summary>True when the actor kept its position.</summary>
    public bool IsStatusQuo => Initiator == Receiver;
}

/// <summary>One state of a run: every actor's position, risk attitude and reported winning probability.</summary>
/// <param name="Turn">0 for the input, then 1, 2, ...</param>
/// <param name="Positions">Positions on the 0–100 scale: <c>Positions[actor][dimension]</c>.</param>
/// <param name="RiskAttitudes">R_i in [−0.5, 1]: the least likely position gets −0.5, the most likely +1.</param>
/// <param name="WinProbabilities">Each actor's position's probability of prevailing among the distinct positions.</param>
public sealed record SmpState(int Turn, IReadOnlyList<IReadOnlyList<double>> Positions, IReadOnlyList<double> RiskAttitudes, IReadOnlyList<double> WinProbabilities);

/// <summary>What happened in the turn that led from state <c>Turn − 1</c> to state <c>Turn</c>.</summary>
/// <param name="Turn">The state the turn produced (1, 2, ...).</param>
/// <param name="Bargains">Proposals, in initiator order (actors that found no worthwhile target propose nothing).</param>
/// <param name="Choices">Every actor's choice, in actor order.</param>
/// <param name="Distance">Σ_i ‖x_i(t) − x_i(t−1)‖ on the 0–1 scale.</param>
/// <param name="Ratio">Distance divided by the first step's distance plus 10⁻⁴: the stopping statistic.</param>
public sealed record SmpTurn(int Turn, IReadOnlyList<SmpBargain> Bargains, IReadOnlyList<SmpChoice> Choices, double Distance, double Ratio);

/// <summary>A run of the spatial model: every state from the input to the last, and every turn between.</summary>
/// <param name="Table">The input.</param>
/// <param name="States">State 0 (the input) to the final state.</param>
/// <param name="Turns">Turn 1 to the last; <c>Turns[t − 1]</c> produced <c>States[t]</c>.</param>
/// <param name="FirstStepDistance">d01: the first step's distance plus 10⁻⁴.</param>
/// <param name="Notes">Departures from the reference met in this run (for example a degenerate election), in the order met.</param>
public sealed record SmpRun(SmpTable Table, IReadOnlyList<SmpState> States, IReadOnlyList<SmpTurn> Turns, double FirstStepDistance, IReadOnlyList<string> Notes)
{
    /// <summary>The last state.</summary>
    public SmpState Final => States[^1];

    /// <summary>True when the run stopped because positions settled, false when it reached <see cref="SpatialModel.MaxTurns"/>.</summary>
    public bool Settled => Turns[^1].Ratio < SpatialModel.StopRatio;

    /// <summary>The actor whose final position has the highest winning probability (the first in file order on ties): the model's forecast.</summary>
    public int MostLikely
    {
        get
        {
            var best = 0;
            for (var a = 1; a < Final.WinProbabilities.Count; a++)
            {
                if (Final.WinProbabilities[a] > Final.WinProbabilities[best])
                {
                    best = a;
                }
            }

            return best;
        }
    }

    /// <summary>
    /// Every actor the model counts as standing at the most likely final position: within its 0.1
    /// tolerance of it and shown the same winning probability (an actor near two groups can be
    /// within 0.1 and still be counted with the other group).
    /// </summary>
    public IReadOnlyList<int> Holders
    {
        get
        {
            var best = MostLikely;
            var at = Final.Positions[best];
            return [.. Enumerable.Range(0, Final.Positions.Count).Where(a =>
                Final.WinProbabilities[a] == Final.WinProbabilities[best]
                && Math.Sqrt(Final.Positions[a].Zip(at, (x, y) => (x - y) * (x - y)).Sum()) < 100 * SpatialModel.SamePositionTolerance)];
        }
    }
}

/// <summary>
/// KTAB's Spatial Model of Politics with <c>smpc</c>'s default settings (linear victory
/// probabilities, conditional PCE, deterministic transitions, proportional voting, BigR
/// one-third adjustment in the mid range, semi-commitment, S2P2 interpolation, initiator-only
/// bargains). Each turn every actor challenges the rival it expects most to gain from, proposes a
/// compromise weighted by salience² × probability², and every actor adopts the most likely bargain
/// of those offered to it; the run stops when the positions barely move. The arithmetic follows
/// the reference's order of operations, because bargains are rounded to 10⁻⁴ and a last-bit
/// difference could move a coordinate by 0.01. docs/bargaining.md states every rule.
/// </summary>
public static class SpatialModel
{
    /// <summary>The run always plays at least this many turns.</summary>
    public const int MinTurns = 2;

    /// <summary>The run never plays more turns than this.</summary>
    public const int MaxTurns = 100;

    /// <summary>The run stops once a step moves less than this fraction of the first step.</summary>
    public const double StopRatio = 0.02;

    /// <summary>Smallest expected gain for which an actor bothers to challenge.</summary>
    public const double MinChallengeGain = 1e-5;

    /// <summary>Positions closer than this (0–1 scale) count as one in the reported probabilities.</summary>
    public const double SamePositionTolerance = 1e-3;

    /// <summary>Tables with at least this many actors are worked on by all cores unless told otherwise; smaller ones gain nothing from threads.</summary>
    public const int ParallelFromActors = 32;

    /// <summary>
    /// Plays the model to its stopping rule and records every state and turn. <paramref name="threads"/>
    /// workers share each turn (0: every core for tables of <see cref="ParallelFromActors"/> actors or
    /// more, else one); the result is the same to the last bit for any number.
    /// </summary>
    public static SmpRun Run(SmpTable table, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        var engine = new Engine(table, Workers(table, threads));
        var states = new List<SmpState>();
        var turns = new List<SmpTurn>();
        var notes = new List<string>();
        var (d01, _) = Play(engine, notes, (t, bargains, choices, distance, ratio) =>
        {
            states.Add(engine.Snapshot(t));
            if (t > 0)
            {
                turns.Add(new SmpTurn(t, bargains!, choices!, distance, ratio));
            }
        });
        return new SmpRun(table, states, turns, d01, notes);
    }

    /// <summary>
    /// Only the final positions (0–1 scale, actor-major) and the number of turns, with nothing
    /// recorded along the way: the form a benchmark or a batch of runs wants. Same arithmetic as <see cref="Run"/>.
    /// </summary>
    public static (double[] Positions, int Turns) Final(SmpTable table, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        var engine = new Engine(table, Workers(table, threads));
        var (_, turns) = Play(engine, null, null);
        return (engine.Positions(), turns);
    }

    /// <summary>
    /// The run loop both entry points share: tables of the input state, then turn after turn until
    /// the stopping rule. <paramref name="record"/>, when given, sees each state as it is tabulated
    /// (state 0 with no turn) and makes the engine keep the turn's bargains and choices for it.
    /// Returns d01 (the first step's distance plus 10⁻⁴) and the number of turns played.
    /// </summary>
    private static (double D01, int Turns) Play(Engine engine, List<string>? notes, Action<int, List<SmpBargain>?, List<SmpChoice>?, double, double>? record)
    {
        engine.Tabulate(0, notes);
        record?.Invoke(0, null, null, 0, 0);
        var d01 = 0.0;
        for (var t = 1; ; t++)
        {
            var (bargains, choices) = engine.Turn(record: record is not null);
            engine.Tabulate(t, notes);
            var distance = engine.StepDistance();
            if (t == 1)
            {
                d01 = distance + 1e-4;
            }

            var ratio = distance / d01;
            record?.Invoke(t, bargains, choices, distance, ratio);
            if (t >= MaxTurns || (t >= MinTurns && ratio < StopRatio))
            {
                return (d01, t);
            }
        }
    }

    /// <summary>The input state's perspective utilities A^h[i][j], flat as [(h·n + i)·n + j] (for checks against KTAB's PosUtil table).</summary>
    internal static double[] InitialPerspectives(SmpTable table)
    {
        var engine = new Engine(table, 1);
        engine.Tabulate(0, null);
        return engine.Perspectives();
    }

    private static int Workers(SmpTable table, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        return threads > 0 ? threads : table.Actors.Count >= ParallelFromActors ? Environment.ProcessorCount : 1;
    }

    /// <summary>u(δ, R) = (1 − δ)(1 + δR): risk neutral at R = 0, concave (risk averse) for R &gt; 0.</summary>
    internal static double Utility(double delta, double r) =>
        delta <= 1 ? (1 - delta) * (1 + (delta * r)) : (1 - delta) * (1 + r);

    /// <summary>Rounds a 0–1 coordinate to 10⁻⁴ the reference's way: add one half, truncate toward zero.</summary>
    internal static double Round4(double z) => (int)(0.5 + (z * 10000.0)) / 10000.0;

    /// <summary>
    /// Probabilistic Condorcet election over <paramref name="options"/> options: pairwise victory
    /// probabilities from proportional votes (each pair starts at 10⁻⁸ a side), then each option's
    /// product of its probabilities of beating every option (its own 0.5 included), normalised.
    /// <c>utility[k·stride + o]</c> is voter k's utility of option o.
    /// </summary>
    internal static void Election(ReadOnlySpan<double> weights, ReadOnlySpan<double> utility, int stride, int options, Span<double> pairwise, Span<double> probability)
    {
        // Vectorised across the rivals b of each option a: every lane adds its voters' votes in the
        // same order as a scalar loop would, so the totals are the same to the last bit. The lanes
        // past a read padding (the caller's spans extend Lanes beyond the last voter's row) and are
        // discarded.
        var voters = weights.Length;
        var floor = new Vector<double>(1e-8);
        for (var a = 0; a < options; a++)
        {
            pairwise[(a * options) + a] = 0.5;
            for (var b0 = 0; b0 < a; b0 += Lanes)
            {
                var cab = floor;
                var cba = floor;
                for (var k = 0; k < voters; k++)
                {
                    var row = k * stride;
                    var v = new Vector<double>(weights[k]) * (new Vector<double>(utility[row + a]) - new Vector<double>(utility.Slice(row + b0, Lanes)));
                    cab = Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<double>.Zero), cab + v, cab);
                    cba = Vector.ConditionalSelect(Vector.LessThan(v, Vector<double>.Zero), cba - v, cba);
                }

                var total = cab + cba;
                var forA = cab / total;
                var forB = cba / total;
                for (var l = 0; l < Lanes && b0 + l < a; l++)
                {
                    pairwise[(a * options) + b0 + l] = forA[l];
                    pairwise[((b0 + l) * options) + a] = forB[l];
                }
            }
        }

        var z = 0.0;
        for (var a = 0; a < options; a++)
        {
            var pi = 1.0;
            for (var b = 0; b < options; b++)
            {
                pi *= pairwise[(a * options) + b];
            }

            probability[a] = pi;
            z += pi;
        }

        for (var a = 0; a < options; a++)
        {
            probability[a] /= z;
        }
    }

    /// <summary>Doubles per vector on this machine: every flat array a vector loop reads is padded by this many.</summary>
    private static readonly int Lanes = Vector<double>.Count;

    /// <summary>The state of one run in flat arrays, allocated once and reused every turn.</summary>
    private sealed class Engine
    {
        private readonly int n;
        private readonly int dims;

        /// <summary>c_i: power, the weight in elections.</summary>
        private readonly double[] power;

        /// <summary>s_id on the 0–1 scale, actor-major.</summary>
        private readonly double[] salience;

        /// <summary>S_i·c_i: the weight of i's contribution in a challenge.</summary>
        private readonly double[] contestWeight;

        /// <summary>S_i: total salience.</summary>
        private readonly double[] totalSalience;

        /// <summary>Current positions on the 0–1 scale, actor-major; the previous state's beside them.</summary>
        private double[] x;
        private double[] previous;

        private readonly double[] delta;
        private readonly double[] neutral;
        private readonly double[] electionProbability;
        private readonly double[] risk;

        /// <summary>
        /// ownRow[h·n + j] = A^h[h][j]: h's utility of j's position, the one row of h's perspective
        /// table that the bargain values and the reported probabilities need. The rest of a table is
        /// needed only while h weighs its challenges, so it is built then, into a worker's scratch:
        /// memory grows with n², not n³.
        /// </summary>
        private readonly double[] ownRow;

        /// <summary>Each proposal's principals as lane-ready integers (padded; −1 where an actor proposes nothing).</summary>
        private readonly long[] proposalInitiator;
        private readonly long[] proposalTarget;

        /// <summary>The per-actor steps as delegates made once, so a turn allocates none.</summary>
        private readonly Action<int, Scratch> chooseTarget;
        private readonly Action<int, Scratch> valueBargains;

        /// <summary>One scratch per worker; workers take actors i = w, w + workers, ...</summary>
        private readonly Scratch[] scratch;

        private readonly int[] target;
        private readonly double[] initiatorWins;
        private readonly double[] gain;
        private readonly double[] offerToInitiator;
        private readonly double[] offerToTarget;

        /// <summary>Queue entries: −1 for the owner's status quo, i ≥ 0 for i's proposal.</summary>
        private readonly int[] queue;
        private readonly int[] queueLength;
        private readonly double[] statusQuoValue;
        private readonly double[] bargainValue;
        private readonly double[] votes;
        private readonly double[] pairwise;
        private readonly double[] probability;
        private readonly double[] winProbability;
        private readonly int[] representative;
        private readonly int maxQueue;


        public Engine(SmpTable table, int threads)
        {
            n = table.Actors.Count;
            dims = table.Dimensions.Count;
            power = [.. table.Actors.Select(a => a.Power)];
            salience = new double[n * dims];
            x = new double[n * dims];
            previous = new double[n * dims];
            totalSalience = new double[n];
            contestWeight = new double[n];
            for (var i = 0; i < n; i++)
            {
                var total = 0.0;
                for (var d = 0; d < dims; d++)
                {
                    // Divisions, as the reference scales, not multiplications by 0.01.
                    x[(i * dims) + d] = table.Actors[i].Positions[d] / 100.0;
                    salience[(i * dims) + d] = table.Actors[i].Saliences[d] / 100.0;
                    total += salience[(i * dims) + d];
                }

                totalSalience[i] = total;
                contestWeight[i] = total * power[i];
            }

            delta = new double[n * n];
            neutral = new double[(n * n) + Lanes];
            electionProbability = new double[n];
            risk = new double[n];
            ownRow = new double[(n * n) + Lanes];
            chooseTarget = ChooseTarget;
            valueBargains = ValueBargains;
            proposalInitiator = new long[((n + Lanes - 1) / Lanes) * Lanes];
            proposalTarget = new long[proposalInitiator.Length];
            scratch = [.. Enumerable.Range(0, Math.Clamp(threads, 1, n)).Select(_ => new Scratch(n))];
            target = new int[n];
            initiatorWins = new double[n];
            gain = new double[n];
            offerToInitiator = new double[n * dims];
            offerToTarget = new double[n * dims];
            maxQueue = n + 1;
            queue = new int[n * maxQueue];
            queueLength = new int[n];
            statusQuoValue = new double[n];
            bargainValue = new double[n * n];
            votes = new double[(n * Math.Max(maxQueue, n)) + Lanes];

            pairwise = new double[Math.Max(maxQueue, n) * Math.Max(maxQueue, n)];
            probability = new double[Math.Max(maxQueue, n)];
            winProbability = new double[n];
            representative = new int[n];
        }

        /// <summary>dist_i(a, b): i's salience-weighted distance between two points, on [0, 1].</summary>
        private double Distance(int i, double[] a, int aAt, double[] b, int bAt)
        {
            var num = 0.0;
            var den = 0.0;
            var sAt = i * dims;
            for (var d = 0; d < dims; d++)
            {
                var t = a[aAt + d] - b[bAt + d];
                var q = t * salience[sAt + d];
                num += q * q;
                den += salience[sAt + d] * salience[sAt + d];
            }

            return Math.Sqrt(num / den);
        }

        /// <summary>The per-state tables: distances, the risk-neutral election, risk attitudes, perspective utilities, reported probabilities.</summary>
        public void Tabulate(int turn, List<string>? notes)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var dij = Distance(i, x, i * dims, x, j * dims);
                    delta[(i * n) + j] = dij;
                    neutral[(i * n) + j] = Utility(dij, 0);
                }
            }

            // Options are the actors' positions, duplicates kept; weights are power alone.
            Election(power, neutral, n, n, pairwise, electionProbability);
            var pmin = double.PositiveInfinity;
            var pmax = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                pmin = Math.Min(pmin, electionProbability[i]);
                pmax = Math.Max(pmax, electionProbability[i]);
            }

            if (pmax == pmin)
            {
                // Every position equally likely (all actors in one place, or a perfect symmetry):
                // the reference divides by zero and aborts. No actor is then more or less likely to
                // prevail than another, so every one is treated as risk neutral.
                Array.Clear(risk);
                notes?.Add($"state {turn}: every position is equally likely to prevail, so risk attitudes are set to 0 (KTAB stops with an error here)");
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    risk[i] = ((3 * electionProbability[i]) - (pmax + (2 * pmin))) / (2 * (pmax - pmin));
                }
            }

            for (var h = 0; h < n; h++)
            {
                FillRow(h, h, ownRow, h * n);
            }

            ReportedProbabilities();
        }

        /// <summary>
        /// Row i of h's perspective table into <paramref name="into"/> at <paramref name="at"/>:
        /// A^h[i][j] = u(Δ_ij, ρ_hi) with ρ_hi = (2R_h + R_i)/3, h's estimate of i's risk attitude.
        /// </summary>
        private void FillRow(int h, int i, double[] into, int at)
        {
            var rho = ((2.0 * risk[h]) + risk[i]) / 3.0;
            var j = 0;

            // u(δ, ρ) lane by lane, with the scalar's operations (distances never exceed 1).
            var vrho = new Vector<double>(rho);
            for (; j + Lanes <= n; j += Lanes)
            {
                var d = new Vector<double>(delta, (i * n) + j);
                var u = Vector.ConditionalSelect(
                    Vector.LessThanOrEqual(d, Vector<double>.One),
                    (Vector<double>.One - d) * (Vector<double>.One + (d * vrho)),
                    (Vector<double>.One - d) * (Vector<double>.One + vrho));
                u.CopyTo(into, at + j);
            }

            for (; j < n; j++)
            {
                into[at + j] = Utility(delta[(i * n) + j], rho);
            }
        }

        /// <summary>
        /// Each actor's position's chance of prevailing: positions within 10⁻³ of each other are
        /// merged (an actor joins the first representative it is near), every actor votes with its
        /// own perspective, and an actor is shown the probability of the last representative near it.
        /// </summary>
        private void ReportedProbabilities()
        {
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                var joined = false;
                for (var r = 0; r < count && !joined; r++)
                {
                    joined = Euclidean(x, i, x, representative[r]) < SamePositionTolerance;
                }

                if (!joined)
                {
                    representative[count++] = i;
                }
            }

            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < count; c++)
                {
                    votes[(i * count) + c] = ownRow[(i * n) + representative[c]];
                }
            }

            Election(power, votes, count, count, pairwise, probability);
            for (var i = 0; i < n; i++)
            {
                for (var r = 0; r < count; r++)
                {
                    if (Euclidean(x, i, x, representative[r]) < SamePositionTolerance)
                    {
                        winProbability[i] = probability[r];
                    }
                }
            }
        }

        private double Euclidean(double[] a, int i, double[] b, int j)
        {
            var sum = 0.0;
            for (var d = 0; d < dims; d++)
            {
                var t = a[(i * dims) + d] - b[(j * dims) + d];
                sum += t * t;
            }

            return Math.Sqrt(sum);
        }

        /// <summary>Σ_i ‖x_i(t) − x_i(t−1)‖: how far the last turn moved everyone.</summary>
        public double StepDistance()
        {
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                total += Euclidean(x, i, previous, i);
            }

            return total;
        }

        /// <summary>
        /// i's estimate (from its own perspective, h = k = i), for every rival j at once, of the
        /// probability φ_j that it beats j if it challenges, and of its expected utility gain g_j.
        /// Both principals vote with weight S·c. Each third party m sides with whichever principal
        /// gives it more, judging its own small contest from the principals' votes alone but adding
        /// its vote to the running totals. The loop over third parties runs across rivals in vector
        /// lanes; each lane performs the scalar rule's operations in its order, so every φ and g is
        /// the same to the last bit as a rival-by-rival loop gives (the replication tests hold it to that).
        /// </summary>
        private void Challenges(int i, Scratch work)
        {
            for (var r = 0; r < n; r++)
            {
                FillRow(i, r, work.Block, r * n);
            }

            var a = work.Block;
            var challengeX0 = work.X0;
            var challengeY0 = work.Y0;
            var challengeX = work.X;
            var challengeY = work.Y;
            var block = 0;
            var rowI = block + (i * n);
            var aii = a[rowI + i];
            var wi = contestWeight[i];
            for (var j = 0; j < n; j++)
            {
                var rowJ = block + (j * n);
                var ci = wi * (aii - a[rowI + j]);
                var cj = contestWeight[j] * (a[rowJ + i] - a[rowJ + j]);
                var sx = 1e-10;
                var sy = 1e-10;
                if (ci > 0)
                {
                    sx += ci;
                }

                if (ci < 0)
                {
                    sy -= ci;
                }

                if (cj > 0)
                {
                    sx += cj;
                }

                if (cj < 0)
                {
                    sy -= cj;
                }

                challengeX0[j] = sx;
                challengeY0[j] = sy;
                challengeX[j] = sx;
                challengeY[j] = sy;
            }

            for (var m = 0; m < n; m++)
            {
                if (m == i)
                {
                    continue;
                }

                var rowM = block + (m * n);
                var wn = new Vector<double>(contestWeight[m]);
                var ua = a[rowM + i];
                var ue = a[rowM + m];
                var va = new Vector<double>(ua);
                var ve = new Vector<double>(ue);
                var sidesWithI = new Vector<double>((ua + ua) + ue);
                var sidesWithJ = new Vector<double>((ua + ua) + ua);

                // m is no third party in its own contest with i: keep the totals of lane j = m.
                var keepX = challengeX[m];
                var keepY = challengeY[m];
                for (var j0 = 0; j0 < n; j0 += Lanes)
                {
                    var ub = new Vector<double>(a, rowM + j0);
                    var x0 = new Vector<double>(challengeX0, j0);
                    var y0 = new Vector<double>(challengeY0, j0);
                    var t = wn * (va - ub);
                    var xp = Vector.ConditionalSelect(Vector.GreaterThan(t, Vector<double>.Zero), x0 + t, x0);
                    var yp = Vector.ConditionalSelect(Vector.LessThan(t, Vector<double>.Zero), y0 - t, y0);
                    var pi = xp / (xp + yp);
                    var piBar = Vector<double>.One - pi;
                    var bb = ub + ub;
                    var v1 = (pi * sidesWithI) + (piBar * (bb + ub));
                    var v2 = (pi * sidesWithJ) + (piBar * (bb + ve));
                    var v = wn * (v1 - v2);
                    var sx = new Vector<double>(challengeX, j0);
                    var sy = new Vector<double>(challengeY, j0);
                    Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<double>.Zero), sx + v, sx).CopyTo(challengeX, j0);
                    Vector.ConditionalSelect(Vector.LessThan(v, Vector<double>.Zero), sy - v, sy).CopyTo(challengeY, j0);
                }

                challengeX[m] = keepX;
                challengeY[m] = keepY;
            }

            var uWin = aii + aii;
            for (var j = 0; j < n; j++)
            {
                var aij = a[rowI + j];
                var euSq = aii + aij;
                var uLose = aij + aij;
                var sx = challengeX[j];
                var sy = challengeY[j];
                var phi = sx / (sx + sy);
                var phiBar = sy / (sx + sy);
                var euContest = (phi * uWin) + (phiBar * uLose);
                var sj = totalSalience[j];
                var euChallenge = ((1 - sj) * uWin) + (sj * euContest);
                work.Phi[j] = phi;
                work.Gain[j] = euChallenge - euSq;
            }
        }

        /// <summary>One turn: targets, bargains, queues, every actor's choice; the new positions replace the old.</summary>
        public (List<SmpBargain>? Bargains, List<SmpChoice>? Choices) Turn(bool record)
        {
            ForEachActor(chooseTarget);

            List<SmpBargain>? bargains = null;
            if (record)
            {
                bargains = new List<SmpBargain>(n);
                for (var i = 0; i < n; i++)
                {
                    if (target[i] >= 0)
                    {
                        bargains.Add(new SmpBargain(i, target[i], initiatorWins[i], gain[i], Scaled(offerToInitiator, i), Scaled(offerToTarget, i)));
                    }
                }
            }

            BuildQueues();
            ValueBargains();
            var choices = record ? new List<SmpChoice>(n) : null;
            for (var k = 0; k < n; k++)
            {
                var chosen = Choose(k, out var chance);
                var entry = queue[(k * maxQueue) + chosen];
                var into = k * dims;
                if (entry < 0)
                {
                    Array.Copy(x, into, previous, into, dims);
                }
                else
                {
                    var offer = entry == k ? offerToInitiator : offerToTarget;
                    Array.Copy(offer, entry * dims, previous, into, dims);
                }

                choices?.Add(entry < 0
                    ? new SmpChoice(k, k, k, queueLength[k], chance)
                    : new SmpChoice(k, entry, target[entry], queueLength[k], chance));
            }

            // previous now holds the new positions: swap so x is the new state and previous the old.
            (x, previous) = (previous, x);
            return (bargains, choices);
        }

        /// <summary>
        /// Runs <paramref name="work"/> for every actor, on the engine's workers: worker w takes actors
        /// w, w + workers, ... Each actor's work reads only the state and writes only that actor's
        /// entries, so the result is the same for any number of workers.
        /// </summary>
        private void ForEachActor(Action<int, Scratch> work)
        {
            if (scratch.Length == 1)
            {
                for (var i = 0; i < n; i++)
                {
                    work(i, scratch[0]);
                }

                return;
            }

            Parallel.For(0, scratch.Length, w =>
            {
                for (var i = w; i < n; i += scratch.Length)
                {
                    work(i, scratch[w]);
                }
            });
        }

        /// <summary>i's target (the rival with the largest expected gain above the minimum, the first on ties) and the bargain it offers.</summary>
        private void ChooseTarget(int i, Scratch work)
        {
            Challenges(i, work);
            var best = -1.0;
            target[i] = -1;
            for (var j = 0; j < n; j++)
            {
                var g = work.Gain[j];
                if (j != i && g > MinChallengeGain && g > best)
                {
                    best = g;
                    target[i] = j;
                    initiatorWins[i] = work.Phi[j];
                }
            }

            gain[i] = best;
            if (target[i] >= 0)
            {
                Interpolate(i, target[i]);
            }
        }

        /// <summary>
        /// The bargain i offers j: each coordinate moves both toward a compromise weighted by
        /// salience² × (probability of winning)², with a 10⁻⁶ nudge toward the initiator, rounded to 10⁻⁴.
        /// </summary>
        private void Interpolate(int i, int j)
        {
            var pI = initiatorWins[i];
            var pJ = 1 - pI;
            for (var d = 0; d < dims; d++)
            {
                var ti = x[(i * dims) + d];
                var tj = x[(j * dims) + d];

                // pow(v, 2) as the reference calls it: glibc's pow is not always the rounded v·v.
                var wi = Math.Pow(salience[(i * dims) + d], 2) * Math.Pow(pI, 2);
                var wj = Math.Pow(salience[(j * dims) + d], 2) * Math.Pow(pJ, 2);
                const double m = 1e-6;
                offerToInitiator[(i * dims) + d] = Round4((((wi + m) * ti) + (wj * tj)) / ((wi + m) + wj));
                offerToTarget[(i * dims) + d] = Round4(((wi * ti) + ((m + wj) * tj)) / ((wi + m) + wj));
            }
        }

        /// <summary>Q_k: the status quo, k's own proposal and every proposal aimed at k, in the reference's canonical order.</summary>
        private void BuildQueues()
        {
            Array.Clear(queueLength);
            for (var i = 0; i < n; i++)
            {
                queue[(i * maxQueue) + queueLength[i]++] = -1;
                var j = target[i];
                if (j >= 0)
                {
                    queue[(i * maxQueue) + queueLength[i]++] = i;
                    queue[(j * maxQueue) + queueLength[j]++] = i;
                }
            }
        }

        /// <summary>
        /// Every actor's value of the status quo and of each proposal: the mean over all actors'
        /// positions of its utility, with the two principals moved to the bargain (valued with the
        /// actor's own R) and everyone else where they are (valued from its perspective table).
        /// Each value is the same whichever queue holds the bargain, so it is computed once.
        /// </summary>
        private void ValueBargains()
        {
            for (var i = 0; i < n; i++)
            {
                proposalInitiator[i] = i;
                proposalTarget[i] = target[i];
            }

            ForEachActor(valueBargains);
        }

        /// <summary>
        /// a's values. The sum over unmoved actors runs across proposals in vector lanes: each lane
        /// adds a's utilities of the actors' positions in ascending order, skipping its own two
        /// principals, exactly as a proposal-by-proposal loop does.
        /// </summary>
        private void ValueBargains(int a, Scratch work)
        {
            var row = a * n;
            var sum = 0.0;
            for (var m = 0; m < n; m++)
            {
                sum += ownRow[row + m];
            }

            statusQuoValue[a] = sum / n;
            var acc = work.X;
            for (var i = 0; i < n; i++)
            {
                if (target[i] >= 0)
                {
                    var moved = 0.0 + Utility(Distance(a, x, a * dims, offerToInitiator, i * dims), risk[a]);
                    moved += Utility(Distance(a, x, a * dims, offerToTarget, i * dims), risk[a]);
                    acc[i] = moved;
                }
            }

            for (var i0 = 0; i0 < n; i0 += Lanes)
            {
                var lanes = new Vector<double>(acc, i0);
                var initiators = new Vector<long>(proposalInitiator, i0);
                var targets = new Vector<long>(proposalTarget, i0);
                for (var m = 0; m < n; m++)
                {
                    var vm = new Vector<long>(m);
                    var unmoved = Vector.AndNot(~Vector.Equals(initiators, vm), Vector.Equals(targets, vm));
                    lanes = Vector.ConditionalSelect(unmoved, lanes + new Vector<double>(ownRow[row + m]), lanes);
                }

                lanes.CopyTo(acc, i0);
            }

            for (var i = 0; i < n; i++)
            {
                if (target[i] >= 0)
                {
                    bargainValue[(a * n) + i] = acc[i] / n;
                }
            }
        }

        /// <summary>k's choice: the first bargain of its queue with the largest probability in an election among them.</summary>
        private int Choose(int k, out double chance)
        {
            var size = queueLength[k];
            var entries = queue.AsSpan(k * maxQueue, size);
            for (var a = 0; a < n; a++)
            {
                for (var m = 0; m < size; m++)
                {
                    var entry = entries[m];
                    votes[(a * size) + m] = entry < 0 ? statusQuoValue[a] : bargainValue[(a * n) + entry];
                }
            }

            Election(power, votes, size, size, pairwise, probability);
            var chosen = 0;
            for (var m = 1; m < size; m++)
            {
                if (probability[m] > probability[chosen])
                {
                    chosen = m;
                }
            }

            chance = probability[chosen];
            return chosen;
        }

        private double[] Scaled(double[] flat, int i)
        {
            var values = new double[dims];
            for (var d = 0; d < dims; d++)
            {
                values[d] = 100.0 * flat[(i * dims) + d];
            }

            return values;
        }

        public SmpState Snapshot(int turn)
        {
            var positions = new IReadOnlyList<double>[n];
            for (var i = 0; i < n; i++)
            {
                positions[i] = Scaled(x, i);
            }

            return new SmpState(turn, positions, [.. risk], [.. winProbability]);
        }

        public double[] Positions() => [.. x];

        public double[] Perspectives()
        {
            var table = new double[n * n * n];
            for (var h = 0; h < n; h++)
            {
                for (var i = 0; i < n; i++)
                {
                    FillRow(h, i, table, ((h * n) + i) * n);
                }
            }

            return table;
        }
    }

    /// <summary>A worker's scratch for weighing challenges: one perspective table and per-rival totals, padded for vector loads.</summary>
    private sealed class Scratch
    {
        public Scratch(int n)
        {
            var padded = ((n + Lanes - 1) / Lanes) * Lanes;
            Block = new double[(n * n) + Lanes];
            X0 = new double[padded];
            Y0 = new double[padded];
            X = new double[padded];
            Y = new double[padded];
            Phi = new double[n];
            Gain = new double[n];
        }

        /// <summary>The challenger's perspective table A^i, row-major.</summary>
        public double[] Block { get; }

        /// <summary>Principals-only vote totals for and against the challenger, per rival.</summary>
        public double[] X0 { get; }

        public double[] Y0 { get; }

        /// <summary>Running vote totals for and against the challenger, per rival.</summary>
        public double[] X { get; }

        public double[] Y { get; }

        /// <summary>φ_j: the challenger's probability of beating rival j.</summary>
        public double[] Phi { get; }

        /// <summary>g_j: the challenger's expected gain from challenging rival j.</summary>
        public double[] Gain { get; }
    }
}