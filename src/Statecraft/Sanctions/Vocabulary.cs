namespace Statecraft.Sanctions;

/// <summary>Who imposed a measure.</summary>
public enum Issuer
{
    /// <summary>The UN Security Council (binding on all member states).</summary>
    Unsc,

    /// <summary>The United States (executive orders and statutes).</summary>
    Us,

    /// <summary>The Republic of Korea.</summary>
    Rok,

    /// <summary>Japan.</summary>
    Japan,
}

/// <summary>Whose conduct a measure restricts, which decides whether it collides with a given provider.</summary>
public enum Binding
{
    /// <summary>Every state and person (UN Security Council decisions under Chapter VII).</summary>
    Everyone,

    /// <summary>Only the issuer's government, nationals and companies.</summary>
    IssuerPersons,

    /// <summary>
    /// The issuer's persons and, through the threat of being cut off from the issuer's financial
    /// system ("secondary sanctions"), anyone else: e.g. US EO 13810 reaches foreign banks.
    /// </summary>
    Secondary,
}

/// <summary>How a measure can be relieved. Ordered from least to most demanding.</summary>
public enum ReliefRoute
{
    /// <summary>A case-by-case exemption or licence; the measure stays in force for everything else.</summary>
    Exemption,

    /// <summary>A time-limited suspension that snaps back on a violation or when it lapses.</summary>
    Suspension,

    /// <summary>Termination. A terminated UN measure returns only through a new resolution, which a veto can block.</summary>
    Termination,
}

/// <summary>A party whose consent a relief route needs.</summary>
public enum ConsentParty
{
    /// <summary>A UN Security Council resolution: nine votes and no veto from China, France, Russia, the UK or the US.</summary>
    Unsc,

    /// <summary>The 1718 Sanctions Committee, which decides by consensus of the fifteen Council members.</summary>
    Committee1718,

    /// <summary>
    /// The statute's conditions, set by the US Congress: statutory measures (NKSPEA 2016, CAATSA title
    /// III) are suspended or terminated only when the President certifies to Congress that the
    /// statute's conditions are met (NKSPEA sections 401-402), or by new law. Congress does not vote
    /// on a certification; it set the conditions, and only it can change them.
    /// </summary>
    UsCongress,

    /// <summary>The US executive: an OFAC licence, a waiver, or amending or revoking an executive order.</summary>
    UsExecutive,

    /// <summary>The South Korean government.</summary>
    RokGovernment,

    /// <summary>The Japanese government (cabinet decision).</summary>
    JapanGovernment,

    /// <summary>WTO members: the General Council establishes an accession working party by consensus.</summary>
    WtoMembers,
}

/// <summary>Display text for the vocabulary, kept beside it so console, JSON and docs agree.</summary>
public static class VocabularyText
{
    /// <summary>One line describing a consent party.</summary>
    public static string Describe(ConsentParty party) => party switch
    {
        ConsentParty.Unsc => "UN Security Council resolution (9 votes; veto: China, France, Russia, UK, US)",
        ConsentParty.Committee1718 => "1718 Committee (consensus of the 15 Council members)",
        ConsentParty.UsCongress => "US statute's conditions (presidential certification to Congress that they are met, or new law)",
        ConsentParty.UsExecutive => "US executive (OFAC licence or statutory waiver; amending or revoking an executive order)",
        ConsentParty.RokGovernment => "South Korean government",
        ConsentParty.JapanGovernment => "Japanese government (cabinet decision)",
        ConsentParty.WtoMembers => "WTO members (General Council consensus)",
        _ => throw new ArgumentOutOfRangeException(nameof(party)),
    };

    /// <summary>The veto players within a consent party, if any.</summary>
    public static IReadOnlyList<string> VetoPlayers(ConsentParty party) => party switch
    {
        ConsentParty.Unsc => ["China", "France", "Russia", "United Kingdom", "United States"],
        ConsentParty.Committee1718 => ["any of the 15 Security Council members"],
        ConsentParty.UsCongress => ["US President (certification)", "US Congress (only by new law)"],
        ConsentParty.UsExecutive => ["US President"],
        ConsentParty.RokGovernment => ["South Korean President"],
        ConsentParty.JapanGovernment => ["Japanese Cabinet"],
        ConsentParty.WtoMembers => ["any WTO member"],
        _ => throw new ArgumentOutOfRangeException(nameof(party)),
    };
}
