namespace Statecraft.Negotiation;

/// <summary>
/// A counter-based random source: the n-th number of a stream is a hash of the stream's key and n
/// (the SplitMix64 finaliser), so any draw can be made in any order without carrying state. The game
/// gives every event its own slot (quarter, purpose), which keeps random numbers common across
/// strategies: two roadmaps played on trajectory i see the same provocation, election and weather
/// draws even when they diverge, so their difference is paired. A value type; nothing is allocated.
/// </summary>
public readonly record struct StreamRandom(ulong Key)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The SplitMix64 output function: a bijective mix of 64 bits.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z += Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An independent child stream, named by a number.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public StreamRandom Derive(ulong name) => new(Mix(Key ^ Mix(name)));

    /// <summary>An independent child stream, named by a string (for example an assumption's name).</summary>
    public StreamRandom Derive(string name) => Derive(NameKey(name));

    /// <summary>The number a string names a child stream by (FNV-1a: stable across runs and platforms, unlike string.GetHashCode).</summary>
    public static ulong NameKey(string name)
    {
        var h = 14695981039346656037UL;
        foreach (var c in name)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        return h;
    }

    /// <summary>The <paramref name="counter"/>-th uniform number of the stream, in [0, 1).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Uniform(ulong counter) => (Mix(Key + (counter * Golden)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal from the uniforms at <c>2c</c> and <c>2c + 1</c> (Box–Muller).</summary>
    public double Normal(ulong counter)
    {
        var u1 = 1.0 - Uniform(2 * counter);
        var u2 = Uniform((2 * counter) + 1);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
