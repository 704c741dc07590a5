using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace Statecraft.Economy;

/// <summary>
/// Exponential and logarithm for <see cref="EconomyLanes"/>, built only from additions, multiplications,
/// divisions, rounding and bit operations, each exactly rounded by IEEE 754 and never fused. The runtime's
/// own vector functions choose fused multiply-adds when the processor has them, so the same input gave
/// different last bits under the JIT on this machine and in the native (AOT) build, and would on machines
/// without FMA: a sharded run could then merge into a result that no single process gives. These give the
/// same bits on every x64 or Arm machine, in every build, with or without hardware vectors.
/// <para>
/// Accuracy, checked against <see cref="Math.Exp"/> and <see cref="Math.Log(double)"/> by the tests: within a
/// few units in the last place over the whole range. Exp: <c>x = k ln 2 + r</c>, <c>|r| &lt;= ln 2 / 2</c>, with
/// ln 2 split in two so <c>k ln 2</c> loses nothing; <c>e^r</c> by its Taylor polynomial to degree 13
/// (truncation below 2e-17 relative); then <c>2^k</c> applied in two exact halves. Log: <c>x = 2^e m</c> with
/// <c>m</c> in [sqrt(1/2), sqrt(2)); <c>ln m = 2 atanh(s)</c>, <c>s = (m - 1) / (m + 1)</c>, <c>|s| &lt;= 0.172</c>,
/// by the odd series to <c>s^23</c> (truncation below 1e-18); plus <c>e ln 2</c>.
/// </para>
/// </summary>
internal static class LaneMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01; // ln 2 with its last 32 bits zero, so k * Ln2Hi is exact
    private const double Ln2Lo = 1.90821492927058770002e-10; // ln 2 - Ln2Hi
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double ExpOverflow = 709.782712893383973096; // above: e^x is beyond the largest double
    private const double ExpUnderflow = -745.133219101941108420; // below: e^x rounds to 0
    private const double Sqrt2 = 1.41421356237309504880;

    // 1 / n! for n = 2..13: the Taylor coefficients of e^r after 1 + r.
    private static readonly double[] Factorials =
    [
        1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
        1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800,
    ];

    /// <summary>e^x in every lane (+infinity above the overflow threshold, 0 below underflow, NaN for NaN).</summary>
    public static V Exp(V x)
    {
        var clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpUnderflow - 1.0)), Vector256.Create(ExpOverflow + 1.0));
        var k = Vector256.Round(clamped * InvLn2);
        var r = (clamped - (k * Ln2Hi)) - (k * Ln2Lo);

        // Horner from the highest term: p = 1 + r (1 + r (1/2 + r (1/6 + ...))).
        var p = Vector256.Create(Factorials[^1]);
        for (var i = Factorials.Length - 2; i >= 0; i--) p = (p * r) + Vector256.Create(Factorials[i]);
        p = (p * r) + V.One;
        p = (p * r) + V.One;

        // 2^k in two halves, each a normal power of two, so that neither overflows before the result does.
        var kn = Vector256.ConvertToInt64(k);
        var half = Vector256.ShiftRightArithmetic(kn, 1);
        var rest = kn - half;
        var result = p * PowerOfTwo(half) * PowerOfTwo(rest);

        result = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(ExpOverflow)), Vector256.Create(double.PositiveInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(ExpUnderflow)), V.Zero, result);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary>ln x in every lane (-infinity at 0, NaN below 0 or for NaN, +infinity at +infinity).</summary>
    public static V Log(V x)
    {
        // Subnormals: scale into the normal range first, and take the 54 back from the exponent.
        var tiny = Vector256.LessThan(x, Vector256.Create(2.2250738585072014e-308));
        var scaled = Vector256.ConditionalSelect(tiny, x * 18014398509481984.0, x);
        var bits = scaled.AsInt64();
        var exponent = (Vector256.ShiftRightLogical(bits, 52) & Vector256.Create(0x7FFL)) - Vector256.Create(1023L);
        exponent = Vector256.ConditionalSelect(tiny.AsInt64(), exponent - Vector256.Create(54L), exponent);
        var m = ((bits & Vector256.Create(0x000FFFFFFFFFFFFFL)) | Vector256.Create(0x3FF0000000000000L)).AsDouble();

        // m in [1, 2): above sqrt(2), halve it (exactly) and count one more power of two.
        var high = Vector256.GreaterThan(m, Vector256.Create(Sqrt2));
        m = Vector256.ConditionalSelect(high, m * 0.5, m);
        exponent = Vector256.ConditionalSelect(high.AsInt64(), exponent + Vector256.Create(1L), exponent);

        var f = m - V.One;
        var s = f / (f + Vector256.Create(2.0));
        var s2 = s * s;
        // ln m = 2 s (1 + s^2/3 + s^4/5 + ... + s^22/23), Horner from the highest term.
        var q = Vector256.Create(1.0 / 23);
        for (var n = 21; n >= 3; n -= 2) q = (q * s2) + Vector256.Create(1.0 / n);
        q = (q * s2) + V.One;
        var lnM = (s + s) * q;

        var e = Vector256.ConvertToDouble(exponent);
        var result = (e * Ln2Hi) + ((e * Ln2Lo) + lnM);

        result = Vector256.ConditionalSelect(Vector256.Equals(x, V.Zero), Vector256.Create(double.NegativeInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, V.Zero), Vector256.Create(double.NaN), result);
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(double.PositiveInfinity)), x, result);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V PowerOfTwo(Vector256<long> k) => Vector256.ShiftLeft(k + Vector256.Create(1023L), 52).AsDouble();
}
