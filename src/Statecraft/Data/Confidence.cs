namespace Statecraft.Data;

/// <summary>How far a figure can be trusted, as tagged in the source data.</summary>
public enum Confidence
{
    /// <summary>Official or consistently reported.</summary>
    High,

    /// <summary>One credible report, or a named institute's estimate.</summary>
    Medium,

    /// <summary>Disputed, anecdotal or derived.</summary>
    Low,
}
