using Statecraft.Documents;
using Statecraft.Sanctions;

namespace Statecraft.Tests.Sanctions;

/// <summary>
/// A small catalog written for tests, so validator and check tests state their own premises
/// instead of depending on how the shipped catalog words a measure.
/// </summary>
internal static class FixtureCatalog
{
    public const string Text = """
        measures:
          - id: UNSC-2375-18
            issuer: unsc
            instrument: "S/RES/2375 (2017) OP18"
            title: Joint ventures banned
            summary: All joint ventures with DPRK entities are banned.
            in_force: 2017-09-11
            binds: everyone
            blocks: [joint_venture:new, joint_venture:existing]
            relief:
              - {route: exemption, consent: [committee_1718]}
              - {route: suspension, consent: [unsc]}
              - {route: termination, consent: [unsc]}
            source: fixture
            confidence: high
          - id: UNSC-2094-11
            issuer: unsc
            instrument: "S/RES/2094 (2013) OP11"
            title: Bulk cash
            summary: Bulk cash and financial services.
            in_force: 2013-03-07
            binds: everyone
            blocks: [finance:bulk_cash, finance:financial_services]
            relief:
              - {route: suspension, consent: [unsc]}
              - {route: termination, consent: [unsc]}
            source: fixture
            confidence: medium
          - id: UNSC-2397-7
            issuer: unsc
            instrument: "S/RES/2397 (2017) OP7"
            title: Machinery import ban
            summary: Industrial machinery, vehicles and metals.
            in_force: 2017-12-22
            binds: everyone
            blocks: [import:industrial_machinery, import:transport_vehicles, import:iron_steel_metals]
            relief:
              - {route: exemption, consent: [committee_1718]}
              - {route: suspension, consent: [unsc]}
              - {route: termination, consent: [unsc]}
            source: fixture
            confidence: high
          - id: UNSC-2375-15
            issuer: unsc
            instrument: "S/RES/2375 (2017) OP15"
            title: Crude cap (superseded)
            summary: Crude oil capped.
            in_force: 2017-09-11
            ended: 2017-12-22
            binds: everyone
            blocks: [import:crude_oil]
            relief:
              - {route: termination, consent: [unsc]}
            source: fixture
            confidence: high
          - id: US-EO-13722
            issuer: us
            instrument: Executive Order 13722
            title: US persons may not export or invest
            summary: Exports and new investment by US persons banned.
            in_force: 2016-03-16
            binds: issuer_persons
            blocks: [services:technical, investment:new, export:*, import:*]
            relief:
              - {route: exemption, consent: [us_executive]}
              - {route: termination, consent: [us_executive]}
            source: fixture
            confidence: high
          - id: UNSC-1874-19
            issuer: unsc
            instrument: "S/RES/1874 (2009) OP19"
            title: No new grants or soft loans
            summary: Calls upon states not to make new grants or concessional loans.
            in_force: 2009-06-12
            hortatory: true
            binds: everyone
            blocks: [finance:grants_loans]
            relief:
              - {route: termination, consent: [unsc]}
            source: fixture
            confidence: high
          - id: ROK-KAESONG-2016
            issuer: rok
            instrument: ROK government decision of 10 February 2016
            title: Kaesong closed
            summary: Kaesong closed.
            in_force: 2016-02-10
            binds: issuer_persons
            blocks: [project:kaesong]
            relief:
              - {route: termination, consent: [rok_government]}
            source: fixture
            confidence: high
        """;

    public static Catalog Instance { get; } = Catalog.Parse(Text, "fixture.yaml", new DiagnosticBag())
        ?? throw new InvalidOperationException("the fixture catalog does not parse");
}
