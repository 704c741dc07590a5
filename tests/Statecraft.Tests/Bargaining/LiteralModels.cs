using Statecraft.Bargaining;

namespace Statecraft.Tests.Bargaining;

/// <summary>
/// Both models written the slow, literal way, rule by rule as docs/bargaining.md states them, with
/// no tables shared between rules, no caching and no vector lanes: an oracle for inputs the
/// reference runs do not cover. The library's versions reorganise the work (shared distance
/// tables, one value per distinct position, lanes across rivals, workers); on any input they must
/// give these numbers to the last bit.
/// </summary>
internal static class LiteralModels
{
    /// <summary>Positions after each round (index 0 = the input).</summary>
    public static List<double[]> Eum(EumTable table, int rounds)
    {
        var n = table.Actors.Count;
        var c = table.Actors.Select(a => a.Capability).ToArray();
        var s = table.Actors.Select(a => a.Salience).ToArray();
        var x = table.Actors.Select(a => a.Position).ToArray();
        var w = x.Max() - x.Min();
        var r = Enumerable.Repeat(1.0, n).ToArray();
        var history = new List<double[]> { x.ToArray() };

        double Pow(double b, double e) => e == 1.0 ? b : Math.Pow(b, e);
        double Vote(int k, double y, double z) => c[k] * s[k] * (Pow(Math.Abs(x[k] - z) / w, r[k]) - Pow(Math.Abs(x[k] - y) / w, r[k]));
        double Denominator()
        {
            var d = 0.0;
            for (var k = 0; k < n; k++)
            {
                for (var a = 0; a < n; a++)
                {
                    for (var b = 0; b < n; b++)
                    {
                        d += Math.Abs(Vote(k, x[a], x[b]));
                    }
                }
            }

            return d;
        }

        double Probability(double y, double z)
        {
            if (y == z)
            {
                return 0;
            }

            var num = 0.0;
            for (var k = 0; k < n; k++)
            {
                num += Math.Max(0, Vote(k, y, z));
            }

            return num / Denominator();
        }

        double Eu(int p, int i, int j)
        {
            var pi = Probability(x[i], x[j]);
            var win = 2 - (4 * Pow(0.5 - ((0.5 * Math.Abs(x[i] - x[j])) / w), r[p]));
            var lose = 2 - (4 * Pow(0.5 + ((0.5 * Math.Abs(x[i] - x[j])) / w), r[p]));
            var sq = 2 - (4 * Pow(0.5, r[p]));
            return ((s[j] * ((pi * win) + ((1 - pi) * lose))) + ((1 - s[j]) * win)) - (1.0 * sq);
        }

        for (var t = 1; t <= rounds; t++)
        {
            Array.Fill(r, 1.0);
            var danger = new double[n];
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    if (b != a)
                    {
                        danger[a] += Eu(a, b, a);
                    }
                }
            }

            var (gmax, gmin) = (danger.Max(), danger.Min());
            var newR = danger.Select(g =>
            {
                var big = gmax == gmin ? 0.0 : (((2 * g) - gmax) - gmin) / (gmax - gmin);
                return (1 - (big / 3)) / (1 + (big / 3));
            }).ToArray();
            newR.CopyTo(r, 0);

            var moves = new double?[n];
            for (var i = 0; i < n; i++)
            {
                var conf = new List<(double Distance, double To)>();
                var comp = new List<(double Key, double To)>();
                for (var j = 0; j < n; j++)
                {
                    if (x[j] == x[i])
                    {
                        continue;
                    }

                    var eij = Eu(i, i, j);
                    var eji = Eu(i, j, i);
                    if (eji > eij && eij > 0)
                    {
                        conf.Add((Math.Abs(x[i] - x[j]), x[j]));
                    }
                    else if (eji > 0 && eij < 0 && eji > Math.Abs(eij))
                    {
                        comp.Add((((Math.Abs(eij) * x[i]) + (Math.Abs(eji) * x[j])) / (Math.Abs(eij) + Math.Abs(eji)), x[i] + ((x[j] - x[i]) * Math.Abs(eij / eji))));
                    }
                }

                if (conf.Count > 0)
                {
                    moves[i] = conf.Aggregate((best, o) => o.Distance < best.Distance ? o : best).To;
                }
                else if (comp.Count > 0)
                {
                    moves[i] = comp.Aggregate((best, o) => o.Key < best.Key ? o : best).To;
                }
            }

            for (var i = 0; i < n; i++)
            {
                x[i] = moves[i] ?? x[i];
            }

            history.Add([.. x]);
        }

        return history;
    }

    /// <summary>Positions (0–1 scale, [actor][dimension]) of every state, and the winning probabilities of the last.</summary>
    public static (List<double[][]> States, double[] FinalProbabilities) Smp(SmpTable table)
    {
        var n = table.Actors.Count;
        var dims = table.Dimensions.Count;
        var c = table.Actors.Select(a => a.Power).ToArray();
        var sal = table.Actors.Select(a => a.Saliences.Select(v => v / 100.0).ToArray()).ToArray();
        var total = sal.Select(v => v.Aggregate(0.0, (acc, e) => acc + e)).ToArray();
        var x = table.Actors.Select(a => a.Positions.Select(v => v / 100.0).ToArray()).ToArray();

        double Dist(int i, double[] a, double[] b)
        {
            double num = 0, den = 0;
            for (var d = 0; d < dims; d++)
            {
                var q = (a[d] - b[d]) * sal[i][d];
                num += q * q;
                den += sal[i][d] * sal[i][d];
            }

            return Math.Sqrt(num / den);
        }

        static double U(double delta, double r) => delta <= 1 ? (1 - delta) * (1 + (delta * r)) : (1 - delta) * (1 + r);
        static double Norm(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (p, q) => (p - q) * (p - q)).Aggregate(0.0, (acc, e) => acc + e));

        double[] Pce(double[] weights, double[,] utility)
        {
            var options = utility.GetLength(1);
            var p = new double[options, options];
            for (var a = 0; a < options; a++)
            {
                p[a, a] = 0.5;
                for (var b = 0; b < a; b++)
                {
                    double cab = 1e-8, cba = 1e-8;
                    for (var k = 0; k < weights.Length; k++)
                    {
                        var v = weights[k] * (utility[k, a] - utility[k, b]);
                        if (v > 0)
                        {
                            cab += v;
                        }

                        if (v < 0)
                        {
                            cba -= v;
                        }
                    }

                    p[a, b] = cab / (cab + cba);
                    p[b, a] = cba / (cab + cba);
                }
            }

            var pi = new double[options];
            var z = 0.0;
            for (var a = 0; a < options; a++)
            {
                pi[a] = 1.0;
                for (var b = 0; b < options; b++)
                {
                    pi[a] *= p[a, b];
                }

                z += pi[a];
            }

            return [.. pi.Select(v => v / z)];
        }

        // Per-state tables: risk attitudes and perspective utilities A[h][i][j].
        (double[] R, double[,,] A) Tables(double[][] pos)
        {
            var u0 = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    u0[i, j] = U(Dist(i, pos[i], pos[j]), 0);
                }
            }

            var p = Pce(c, u0);
            var (pmin, pmax) = (p.Min(), p.Max());
            var r = p.Select(v => pmax == pmin ? 0.0 : ((3 * v) - (pmax + (2 * pmin))) / (2 * (pmax - pmin))).ToArray();
            var a = new double[n, n, n];
            for (var h = 0; h < n; h++)
            {
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        a[h, i, j] = U(Dist(i, pos[i], pos[j]), ((2.0 * r[h]) + r[i]) / 3.0);
                    }
                }
            }

            return (r, a);
        }

        double[] Reported(double[][] pos, double[,,] a)
        {
            var reps = new List<int>();
            for (var i = 0; i < n; i++)
            {
                if (!reps.Exists(q => Norm(pos[i], pos[q]) < 1e-3))
                {
                    reps.Add(i);
                }
            }

            var v = new double[n, reps.Count];
            for (var i = 0; i < n; i++)
            {
                for (var q = 0; q < reps.Count; q++)
                {
                    v[i, q] = a[i, i, reps[q]];
                }
            }

            var prob = Pce(c, v);
            return [.. Enumerable.Range(0, n).Select(i => prob[reps.FindLastIndex(q => Norm(pos[i], pos[q]) < 1e-3)])];
        }

        var states = new List<double[][]> { x };
        var (risk, persp) = Tables(x);
        var d01 = 0.0;
        for (var t = 1; ; t++)
        {
            var cur = states[^1];

            // Targets and bargains.
            var bargains = new List<(int I, int J, double[] BI, double[] BJ)>();
            var own = new (int I, int J, double[] BI, double[] BJ)?[n];
            for (var i = 0; i < n; i++)
            {
                var best = -1.0;
                var target = -1;
                var phiBest = 0.0;
                for (var j = 0; j < n; j++)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    double A(int k, int m) => persp[i, k, m];
                    var ci = total[i] * c[i] * (A(i, i) - A(i, j));
                    var cj = total[j] * c[j] * (A(j, i) - A(j, j));
                    double sx = 1e-10, sy = 1e-10;
                    foreach (var v in new[] { ci, cj })
                    {
                        if (v > 0)
                        {
                            sx += v;
                        }

                        if (v < 0)
                        {
                            sy -= v;
                        }
                    }

                    var (x0, y0) = (sx, sy);
                    for (var m = 0; m < n; m++)
                    {
                        if (m == i || m == j)
                        {
                            continue;
                        }

                        var wn = total[m] * c[m];
                        var tt = wn * (A(m, i) - A(m, j));
                        var xp = tt > 0 ? x0 + tt : x0;
                        var yp = tt < 0 ? y0 - tt : y0;
                        var pi = xp / (xp + yp);
                        var v1 = (pi * ((A(m, i) + A(m, i)) + A(m, m))) + ((1.0 - pi) * ((A(m, j) + A(m, j)) + A(m, j)));
                        var v2 = (pi * ((A(m, i) + A(m, i)) + A(m, i))) + ((1.0 - pi) * ((A(m, j) + A(m, j)) + A(m, m)));
                        var v = wn * (v1 - v2);
                        if (v > 0)
                        {
                            sx += v;
                        }

                        if (v < 0)
                        {
                            sy -= v;
                        }
                    }

                    var phi = sx / (sx + sy);
                    var contest = (phi * (A(i, i) + A(i, i))) + ((sy / (sx + sy)) * (A(i, j) + A(i, j)));
                    var g = (((1 - total[j]) * (A(i, i) + A(i, i))) + (total[j] * contest)) - (A(i, i) + A(i, j));
                    if (g > 1e-5 && g > best)
                    {
                        (best, target, phiBest) = (g, j, phi);
                    }
                }

                if (target >= 0)
                {
                    var bi = new double[dims];
                    var bj = new double[dims];
                    for (var d = 0; d < dims; d++)
                    {
                        var wi = Math.Pow(sal[i][d], 2) * Math.Pow(phiBest, 2);
                        var wj = Math.Pow(sal[target][d], 2) * Math.Pow(1 - phiBest, 2);
                        bi[d] = (int)(0.5 + ((((wi + 1e-6) * cur[i][d]) + (wj * cur[target][d])) / ((wi + 1e-6) + wj) * 10000.0)) / 10000.0;
                        bj[d] = (int)(0.5 + (((wi * cur[i][d]) + ((1e-6 + wj) * cur[target][d])) / ((wi + 1e-6) + wj) * 10000.0)) / 10000.0;
                    }

                    own[i] = (i, target, bi, bj);
                }
            }

            // Queues in the canonical order, every actor's values, every actor's choice.
            var queues = Enumerable.Range(0, n).Select(_ => new List<(int I, int J, double[] BI, double[] BJ)?>()).ToArray();
            for (var i = 0; i < n; i++)
            {
                queues[i].Add(null);
                if (own[i] is { } b)
                {
                    queues[i].Add(b);
                    queues[b.J].Add(b);
                }
            }

            var next = new double[n][];
            for (var k = 0; k < n; k++)
            {
                var q = queues[k];
                var v = new double[n, q.Count];
                for (var a = 0; a < n; a++)
                {
                    for (var m = 0; m < q.Count; m++)
                    {
                        if (q[m] is not { } b)
                        {
                            var sum = 0.0;
                            for (var o = 0; o < n; o++)
                            {
                                sum += persp[a, a, o];
                            }

                            v[a, m] = sum / n;
                        }
                        else
                        {
                            var acc = 0.0 + U(Dist(a, cur[a], b.BI), risk[a]);
                            acc += U(Dist(a, cur[a], b.BJ), risk[a]);
                            for (var o = 0; o < n; o++)
                            {
                                if (o != b.I && o != b.J)
                                {
                                    acc += persp[a, a, o];
                                }
                            }

                            v[a, m] = acc / n;
                        }
                    }
                }

                var prob = Pce(c, v);
                var chosen = 0;
                for (var m = 1; m < q.Count; m++)
                {
                    if (prob[m] > prob[chosen])
                    {
                        chosen = m;
                    }
                }

                next[k] = q[chosen] is { } pick ? [.. (pick.I == k ? pick.BI : pick.BJ)] : [.. cur[k]];
            }

            states.Add(next);
            (risk, persp) = Tables(next);
            var distance = Enumerable.Range(0, n).Aggregate(0.0, (acc, i) => acc + Norm(next[i], cur[i]));
            if (t == 1)
            {
                d01 = distance + 1e-4;
            }

            if (t >= 100 || (t >= 2 && distance / d01 < 0.02))
            {
                return (states, Reported(next, persp));
            }
        }
    }
}
