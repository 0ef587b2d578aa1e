using MockExams.Sandbox.Limits;
using MockExams.Sandbox.Occupancy;

namespace MockExams.Sandbox.Observability;

/// <summary>GET /__sandbox/stats: what clients did to the sandbox since start or the last reset.</summary>
/// <param name="CallsByObjectType">Object type name → endpoint → status → calls, for calls whose path names a type.</param>
/// <param name="OverCapacityExams">Every exam whose active bookings exceeded its capacity at some instant (none: no overbooking).</param>
public sealed record StatsSnapshot(
    long TotalCalls,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> CallsByEndpoint,
    IReadOnlyDictionary<string, long> RateLimitedByPolicy,
    long SearchCalls,
    long InjectedErrors,
    long InjectedTimeouts,
    BudgetSnapshot Budget,
    WebhookStats Webhooks,
    long LateWritesPending,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> CallsByObjectType,
    IReadOnlyList<OverCapacityMark> OverCapacityExams);
