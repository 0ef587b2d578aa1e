using MockExams.Sandbox.Limits;

namespace MockExams.Sandbox.Observability;

/// <summary>GET /__sandbox/stats: what clients did to the sandbox since start or the last reset.</summary>
public sealed record StatsSnapshot(
    long TotalCalls,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> CallsByEndpoint,
    IReadOnlyDictionary<string, long> RateLimitedByPolicy,
    long SearchCalls,
    long InjectedErrors,
    long InjectedTimeouts,
    BudgetSnapshot Budget,
    WebhookStats Webhooks,
    long LateWritesPending);
