namespace Statecraft.Bargaining;

/// <summary>How a receiver moves when it accepts an offer.</summary>
public enum EumOfferKind
{
    /// <summary>The receiver expects to lose a confrontation and moves all the way to the proposer.</summary>
    Confrontation,

    /// <summary>The receiver moves part of the way, by |e_ij / e_ji| of the distance.</summary>
    Compromise,
}

/// <summary>An offer a receiver accepted in a round.</summary>
/// <param name="Receiver">Index (file order) of the actor that moves.</param>
/// <param name="Proposer">Index of the actor whose offer it accepted.</param>
/// <param name="Kind">Confrontation or compromise.</param>
/// <param name="ReceiverChallenges">e_ij: the receiver's expected utility of challenging the proposer, from the receiver's perspective.</param>
/// <param name="ProposerChallenges">e_ji: the receiver's estimate of the proposer's expected utility of challenging it.</param>
/// <param name="NewPosition">The receiver's position after the round.</param>
public sealed record EumOffer(int Receiver, int Proposer, EumOfferKind Kind, double ReceiverChallenges, double ProposerChallenges, double NewPosition);

/// <summary>
/// The state after a round (round 0 is the input). <see cref="Danger"/>, <see cref="RiskAcceptance"/>,
/// <see cref="RiskExponent"/> and <see cref="Offers"/> describe how the round got there and are empty for round 0.
/// </summary>
/// <param name="Round">0 for the input, then 1, 2, ...</param>
/// <param name="Positions">Every actor's position after the round, in file order.</param>
/// <param name="Mean">Capability×salience-weighted mean position.</param>
/// <param name="Median">The position that beats every other actor position in a capability×salience-weighted pairwise vote (see <see cref="ExpectedUtilityModel.Median"/>).</param>
/// <param name="Danger">Each actor's danger level, computed with every risk exponent equal to 1.</param>
/// <param name="RiskAcceptance">Each actor's risk acceptance R in [−1, 1].</param>
/// <param name="RiskExponent">Each actor's risk exponent r = (1 − R/3)/(1 + R/3) in [0.5, 2], used for the round's offers.</param>
/// <param name="Offers">The offers accepted this round, in receiver order.</param>
/// <param name="ProbabilityDenominator">D: the sum of all votes over all ordered pairs of positions, with the round's exponents (0 for round 0).</param>
public sealed record EumRound(
    int Round,
    IReadOnlyList<double> Positions,
    double Mean,
    double Median,
    IReadOnlyList<double> Danger,
    IReadOnlyList<double> RiskAcceptance,
    IReadOnlyList<double> RiskExponent,
    IReadOnlyList<EumOffer> Offers,
    double ProbabilityDenominator);

/// <summary>A run of the expected-utility model: the input, its fixed width, and every round's state.</summary>
/// <param name="Table">The actors, in file order.</param>
/// <param name="Width">W: the range of the initial positions, against which every distance is measured (never updated).</param>
/// <param name="StatusQuoWeight">q: the weight of the status quo in an expected utility (1 in the reference).</param>
/// <param name="Rounds">Round 0 (the input), then one entry per round played.</param>
public sealed record EumRun(EumTable Table, double Width, double StatusQuoWeight, IReadOnlyList<EumRound> Rounds);

/// <summary>
/// The Bueno de Mesquita expected-utility model as replicated by Scholz et al. (the Python
/// <c>bdm_scholz_model.py</c> of dmasad/bdm-scholz-expected-utility-model), rule for rule and in
/// its order of floating-point operations, so its reference log is reproduced to the last digit.
/// docs/bargaining.md states the model, its departures from Bueno de Mesquita's own text (kept on
/// purpose, as the replication has them) and the choices made where the reference is silent.
/// </summary>
public static class ExpectedUtilityModel
{
    /// <summary>Most rounds a run may ask for (a run of 10 rounds is the reference; more is allowed, not unbounded).</summary>
    public const int MaxRounds = 100_000;

    /// <summary>Plays <paramref name="rounds"/> rounds from the table's positions.</summary>
    /// <exception cref="ArgumentOutOfRangeException">rounds outside 0..<see cref="MaxRounds"/> or a negative or non-finite q.</exception>
    public static EumRun Run(EumTable table, int rounds, double statusQuoWeight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rounds, MaxRounds);
        if (!double.IsFinite(statusQuoWeight) || statusQuoWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(statusQuoWeight), statusQuoWeight, "q must be a finite number of 0 or more");
        }

        var state = new State(table, statusQuoWeight);
        var history = new List<EumRound>(rounds + 1)
        {
            new(0, [.. state.X], state.Mean(), state.Median(), [], [], [], [], 0),
        };
        var offers = new List<EumOffer>();
        for (var t = 1; t <= rounds; t++)
        {
            state.Round(offers);
            history.Add(new EumRound(t, [.. state.X], state.Mean(), state.Median(), [.. state.Danger], [.. state.RiskAcceptance], [.. state.R], [.. offers], state.Denominator));
        }

        return new EumRun(table, state.W, statusQuoWeight, history);
    }

    /// <summary>
    /// Only the capability×salience-weighted mean after each round (index 0 = the input), with no
    /// history kept: the form a benchmark or a batch of runs wants. Same arithmetic as <see cref="Run"/>.
    /// </summary>
    public static double[] Means(EumTable table, int rounds, double statusQuoWeight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        var state = new State(table, statusQuoWeight);
        var means = new double[rounds + 1];
        means[0] = state.Mean();
        for (var t = 1; t <= rounds; t++)
        {
            state.Round(null);
            means[t] = state.Mean();
        }

        return means;
    }

    /// <summary>
    /// The median by a sequential pairwise vote with exponent 1 (the reference's <c>find_median</c>):
    /// starting from the first distinct position, each further distinct position replaces the
    /// incumbent when Σ_k c_k·s_k·(|x_k − m| − |x_k − y|)/W &gt; 0. That vote prefers y to m exactly
    /// when y has the smaller capability×salience-weighted total distance to the actors, so the
    /// result is the weighted median of the actor positions whatever the candidates' order, except
    /// for exact ties; those go to the earlier candidate, and candidates are taken in order of first
    /// appearance in the file (the reference takes CPython's set order, which no spec defines).
    /// </summary>
    public static double Median(IReadOnlyList<double> positions, IReadOnlyList<double> weights, double width)
    {
        var m = positions[0];
        for (var a = 1; a < positions.Count; a++)
        {
            var y = positions[a];
            var seen = false;
            for (var b = 0; b < a && !seen; b++)
            {
                seen = positions[b] == y;
            }

            if (seen)
            {
                continue;
            }

            var vote = 0.0;
            for (var k = 0; k < positions.Count; k++)
            {
                vote += weights[k] * ((Math.Abs(positions[k] - m) / width) - (Math.Abs(positions[k] - y) / width));
            }

            if (vote > 0)
            {
                m = y;
            }
        }

        return m;
    }

    /// <summary>
    /// x^e, with x^1 returned unchanged: glibc's pow does the same, and skipping the call for the
    /// exponent-1 passes (every danger computation) is both faster and exact on any platform.
    /// </summary>
    private static double Power(double x, double e) => e == 1.0 ? x : Math.Pow(x, e);

    /// <summary>The mutable state of one run, in flat arrays reused from round to round.</summary>
    private sealed class State
    {
        private readonly int n;
        private readonly double q;
        private readonly double[] salience;

        /// <summary>c_k·s_k, the vote weight of actor k.</summary>
        private readonly double[] weight;

        /// <summary>dist[k·n + a] = (|x_k − x_a| / W)^r_k: voter k's distance to actor a's position under k's exponent.</summary>
        private readonly double[] dist;

        private readonly double[] newPosition;

        /// <summary>
        /// Actors often share positions. Everything that depends on a rival only through its position
        /// (a voter's distance to it, the probabilities, the win and lose utilities, and the rival's
        /// expected utility of challenging the receiver) is computed once per distinct position and
        /// reused for every actor there: the same inputs, so the same bits as computing it again.
        /// </summary>
        private readonly int[] positionIndex;
        private readonly double[] distinct;
        private int distinctCount;
        private readonly double[] perPosition;
        private readonly double[] perPositionWin;
        private readonly double[] perPositionLose;
        private readonly double[] perPositionPij;
        private readonly bool[] perPositionDone;
        private readonly int[] bestProposer;
        private readonly EumOfferKind[] bestKind;
        private readonly double[] bestEij;
        private readonly double[] bestEji;

        /// <summary>D: the probability denominator for the current positions and exponents.</summary>
        private double denominator;

        public double Denominator => denominator;

        public State(EumTable table, double q)
        {
            n = table.Actors.Count;
            this.q = q;
            X = [.. table.Actors.Select(a => a.Position)];
            salience = [.. table.Actors.Select(a => a.Salience)];
            weight = [.. table.Actors.Select(a => a.Capability * a.Salience)];
            W = X.Max() - X.Min();
            R = new double[n];
            Array.Fill(R, 1.0);
            Danger = new double[n];
            RiskAcceptance = new double[n];
            dist = new double[n * n];
            newPosition = new double[n];
            positionIndex = new int[n];
            distinct = new double[n];
            perPosition = new double[n];
            perPositionWin = new double[n];
            perPositionLose = new double[n];
            perPositionPij = new double[n];
            perPositionDone = new bool[n];
            bestProposer = new int[n];
            bestKind = new EumOfferKind[n];
            bestEij = new double[n];
            bestEji = new double[n];
        }

        public double[] X { get; }

        public double[] R { get; }

        public double[] Danger { get; }

        public double[] RiskAcceptance { get; }

        public double W { get; }

        public double Mean()
        {
            var num = 0.0;
            var den = 0.0;
            for (var a = 0; a < n; a++)
            {
                num += weight[a] * X[a];
                den += weight[a];
            }

            return num / den;
        }

        public double Median() => ExpectedUtilityModel.Median(X, weight, W);

        /// <summary>One round: risk exponents from scratch, then every receiver's best offer on frozen positions, then all moves at once.</summary>
        public void Round(List<EumOffer>? accepted)
        {
            // Dangers are judged as if everyone were risk neutral (all r = 1).
            Array.Fill(R, 1.0);
            Tabulate();
            var gmax = double.NegativeInfinity;
            var gmin = double.PositiveInfinity;
            for (var a = 0; a < n; a++)
            {
                // EU_a(b → a) depends on b only through its position: one value per distinct position.
                Array.Clear(perPositionDone, 0, distinctCount);
                var danger = 0.0;
                for (var b = 0; b < n; b++)
                {
                    if (b != a)
                    {
                        var u = positionIndex[b];
                        if (!perPositionDone[u])
                        {
                            perPosition[u] = ExpectedUtility(a, b, a);
                            perPositionDone[u] = true;
                        }

                        danger += perPosition[u];
                    }
                }

                Danger[a] = danger;
                gmax = Math.Max(gmax, danger);
                gmin = Math.Min(gmin, danger);
            }

            for (var a = 0; a < n; a++)
            {
                // Equal dangers make the reference divide 0 by 0 (it stops with an error). Every
                // actor is then equally exposed, so none is more risk-acceptant than another: R = 0.
                var big = gmax == gmin ? 0.0 : (((2 * Danger[a]) - gmax) - gmin) / (gmax - gmin);
                RiskAcceptance[a] = big;
                R[a] = (1 - (big / 3)) / (1 + (big / 3));
            }

            Tabulate();
            for (var i = 0; i < n; i++)
            {
                BestOffer(i);
            }

            accepted?.Clear();
            for (var i = 0; i < n; i++)
            {
                if (bestProposer[i] < 0)
                {
                    continue;
                }

                X[i] = newPosition[i];
                accepted?.Add(new EumOffer(i, bestProposer[i], bestKind[i], bestEij[i], bestEji[i], newPosition[i]));
            }
        }

        /// <summary>Fills <see cref="dist"/> and D for the current positions and exponents.</summary>
        private void Tabulate()
        {
            distinctCount = 0;
            for (var a = 0; a < n; a++)
            {
                var u = 0;
                while (u < distinctCount && distinct[u] != X[a])
                {
                    u++;
                }

                if (u == distinctCount)
                {
                    distinct[distinctCount++] = X[a];
                }

                positionIndex[a] = u;
            }

            for (var k = 0; k < n; k++)
            {
                var row = k * n;
                for (var u = 0; u < distinctCount; u++)
                {
                    perPosition[u] = Power(Math.Abs(X[k] - distinct[u]) / W, R[k]);
                }

                for (var a = 0; a < n; a++)
                {
                    dist[row + a] = perPosition[positionIndex[a]];
                }
            }

            // D = Σ_k Σ_a Σ_b |V_k(x_a, x_b)|, k outer, a middle, b inner, as the reference sums it.
            var d = 0.0;
            for (var k = 0; k < n; k++)
            {
                var row = k * n;
                var w = weight[k];
                for (var a = 0; a < n; a++)
                {
                    var da = dist[row + a];
                    for (var b = 0; b < n; b++)
                    {
                        d += Math.Abs(w * (dist[row + b] - da));
                    }
                }
            }

            denominator = d;
        }

        /// <summary>
        /// P(x_y prevails over x_z): the votes for y over z divided by D, the sum of all votes over all
        /// ordered pairs of positions (not by the votes on this pair alone, as in Bueno de Mesquita).
        /// </summary>
        private double Probability(int y, int z)
        {
            if (X[y] == X[z])
            {
                return 0;
            }

            var num = 0.0;
            for (var k = 0; k < n; k++)
            {
                var v = weight[k] * (dist[(k * n) + z] - dist[(k * n) + y]);
                if (v > 0)
                {
                    num += v;
                }
            }

            return num / denominator;
        }

        /// <summary>EU_p(i → j): actor p's estimate of i's expected utility of challenging j, with p's exponent in the utilities.</summary>
        private double ExpectedUtility(int p, int i, int j)
        {
            var rp = R[p];
            var half = (0.5 * Math.Abs(X[i] - X[j])) / W;
            return ExpectedUtility(Probability(i, j), salience[j], 2 - (4 * Power(0.5 - half, rp)), 2 - (4 * Power(0.5 + half, rp)), 2 - (4 * Power(0.5, rp)));
        }

        /// <summary>
        /// EU(i → j) from its parts: π = P(x_i, x_j), the target's salience (its probability of
        /// resisting), and the perspective's utilities of winning, losing and the status quo. The
        /// utilities depend on |x_i − x_j| and the perspective's exponent only, so a receiver
        /// computes them once for both directions of a pair and for every rival at one position.
        /// </summary>
        private double ExpectedUtility(double pi, double targetSalience, double win, double lose, double statusQuo)
        {
            var resist = targetSalience * ((pi * win) + ((1 - pi) * lose));
            var notResist = (1 - targetSalience) * win;
            return (resist + notResist) - (q * statusQuo);
        }

        /// <summary>
        /// The offer receiver i accepts, if any: the nearest confrontation, else the compromise with
        /// the smallest weighted-mean key. Capitulation never happens (the reference's test for it
        /// compares e_ji with its own absolute value).
        /// </summary>
        private void BestOffer(int i)
        {
            var xi = X[i];
            var ri = R[i];
            var statusQuo = 2 - (4 * Power(0.5, ri));
            Array.Clear(perPositionDone, 0, distinctCount);
            var bestConfrontation = -1;
            var confrontationDistance = double.PositiveInfinity;
            var bestCompromise = -1;
            var compromiseKey = double.PositiveInfinity;
            double confEij = 0, confEji = 0, compEij = 0, compEji = 0, compPosition = 0;
            for (var j = 0; j < n; j++)
            {
                var xj = X[j];
                if (xj == xi)
                {
                    continue;
                }

                var u = positionIndex[j];
                if (!perPositionDone[u])
                {
                    var half = (0.5 * Math.Abs(xi - xj)) / W;
                    perPositionWin[u] = 2 - (4 * Power(0.5 - half, ri));
                    perPositionLose[u] = 2 - (4 * Power(0.5 + half, ri));
                    perPositionPij[u] = Probability(i, j);

                    // j's challenge of i: its target is i (i's salience), so it is the same for every rival here.
                    perPosition[u] = ExpectedUtility(Probability(j, i), salience[i], perPositionWin[u], perPositionLose[u], statusQuo);
                    perPositionDone[u] = true;
                }

                var win = perPositionWin[u];
                var lose = perPositionLose[u];
                var eij = ExpectedUtility(perPositionPij[u], salience[j], win, lose, statusQuo);
                var eji = perPosition[u];
                if (eji > eij && eij > 0)
                {
                    var distance = Math.Abs(xi - xj);
                    if (distance < confrontationDistance)
                    {
                        confrontationDistance = distance;
                        bestConfrontation = j;
                        confEij = eij;
                        confEji = eji;
                    }
                }
                else if (eji > 0 && eij < 0 && eji > Math.Abs(eij))
                {
                    // The key is a weighted mean of the two positions, not the distance moved: the
                    // smallest key wins, which favours low positions (the reference's choice, kept).
                    var key = ((Math.Abs(eij) * xi) + (Math.Abs(eji) * xj)) / (Math.Abs(eij) + Math.Abs(eji));
                    if (key < compromiseKey)
                    {
                        compromiseKey = key;
                        bestCompromise = j;
                        compEij = eij;
                        compEji = eji;
                        compPosition = xi + ((xj - xi) * Math.Abs(eij / eji));
                    }
                }
            }

            if (bestConfrontation >= 0)
            {
                bestProposer[i] = bestConfrontation;
                bestKind[i] = EumOfferKind.Confrontation;
                bestEij[i] = confEij;
                bestEji[i] = confEji;
                newPosition[i] = X[bestConfrontation];
            }
            else if (bestCompromise >= 0)
            {
                bestProposer[i] = bestCompromise;
                bestKind[i] = EumOfferKind.Compromise;
                bestEij[i] = compEij;
                bestEji[i] = compEji;
                newPosition[i] = compPosition;
            }
            else
            {
                bestProposer[i] = -1;
            }
        }
    }
}
