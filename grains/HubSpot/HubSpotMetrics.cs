using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MockExams.Grains.HubSpot;

/// <summary>Budget and call metrics on the <c>MockExams.HubSpot</c> meter.</summary>
public sealed class HubSpotMetrics
{
    public const string MeterName = "MockExams.HubSpot";

    private readonly Counter<long> _granted;
    private readonly Counter<long> _waits;
    private readonly Histogram<double> _waitSeconds;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _grantedLocally;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _responses;

    public HubSpotMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _granted = meter.CreateCounter<long>("mockexams.hubspot.budget.granted", "{call}", "Calls the governor let through, by lane and kind.");
        _waits = meter.CreateCounter<long>("mockexams.hubspot.budget.waits", "{wait}", "Times a caller had to wait for budget.");
        _waitSeconds = meter.CreateHistogram<double>("mockexams.hubspot.budget.wait_duration", "s", "Time spent waiting for budget by calls that got it.");
        _grantedLocally = meter.CreateCounter<long>("mockexams.hubspot.budget.granted_locally", "{call}", "Calls granted from this process's share while Redis was unreachable.");
        _rejected = meter.CreateCounter<long>("mockexams.hubspot.budget.rejected", "{call}", "Calls refused as over budget (the caller's deadline would pass).");
        _rateLimited = meter.CreateCounter<long>("mockexams.hubspot.rate_limited", "{response}", "429 answers from HubSpot, by policy.");
        _throttled = meter.CreateCounter<long>("mockexams.hubspot.budget.throttled", "{hold}", "Holds because HubSpot reported its 10-second window nearly full.");
        _responses = meter.CreateCounter<long>("mockexams.hubspot.responses", "{response}", "HubSpot answers by status code.");
    }

    internal void Granted(HubSpotLane lane, HubSpotCallKind kind, TimeSpan waited, bool hadToWait)
    {
        var tags = LaneTags(lane, kind);
        _granted.Add(1, tags);
        if (hadToWait)
        {
            _waits.Add(1, tags);
        }
        _waitSeconds.Record(waited.TotalSeconds, tags);
    }

    /// <summary>A call granted from this process's own share while Redis was unreachable (also counted as granted).</summary>
    internal void GrantedLocally(HubSpotLane lane, HubSpotCallKind kind) => _grantedLocally.Add(1, LaneTags(lane, kind));

    internal void Rejected(HubSpotLane lane, HubSpotCallKind kind) => _rejected.Add(1, LaneTags(lane, kind));

    internal void RateLimited(string policyName) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>("policy", policyName));

    internal void Throttled() => _throttled.Add(1);

    internal void Response(int statusCode) =>
        _responses.Add(1, new KeyValuePair<string, object?>("status", statusCode));

    private static TagList LaneTags(HubSpotLane lane, HubSpotCallKind kind) =>
        new() { { "lane", LaneName(lane) }, { "kind", kind == HubSpotCallKind.Search ? "search" : "standard" } };

    private static string LaneName(HubSpotLane lane) => lane switch
    {
        HubSpotLane.UserWrite => "user_write",
        HubSpotLane.Sync => "sync",
        _ => "backfill",
    };
}
