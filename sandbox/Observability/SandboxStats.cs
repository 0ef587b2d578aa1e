using System.Collections.Concurrent;
using MockExams.Sandbox.Limits;
using MockExams.Sandbox.Occupancy;

namespace MockExams.Sandbox.Observability;

/// <summary>
/// Counters for tests and benchmarks. Endpoints are route patterns ("POST /crm/v3/objects/{objectType}/search"); the
/// calls are also counted per object type (bookings, mock_exams, contacts), and the snapshot names every exam the
/// store saw over capacity (<see cref="Crm.CrmStore.OverCapacityExams"/>, which the caller passes: the store tells
/// the webhook queue of changes, and the queue counts into these stats).
/// </summary>
public sealed class SandboxStats
{
    private readonly ConcurrentDictionary<(string Endpoint, string Status), long> _calls = new();
    private readonly ConcurrentDictionary<(string ObjectType, string Endpoint, string Status), long> _callsByObjectType = new();
    private readonly ConcurrentDictionary<string, long> _rateLimited = new();
    private long _searchCalls;
    private long _injectedErrors;
    private long _injectedTimeouts;
    private long _lateWritesPending;
    private long _eventsQueued;
    private long _eventsDelivered;
    private long _webhookRequestsSucceeded;
    private long _webhookAttemptsFailed;
    private long _webhookBatchesAbandoned;

    /// <param name="objectType">The name of the object type the call's path names, if it names one.</param>
    public void RecordCall(string endpoint, string status, string? objectType = null)
    {
        _calls.AddOrUpdate((endpoint, status), 1, (_, n) => n + 1);
        if (objectType is not null)
        {
            _callsByObjectType.AddOrUpdate((objectType, endpoint, status), 1, (_, n) => n + 1);
        }
    }

    public void RecordRateLimited(string policyName) => _rateLimited.AddOrUpdate(policyName, 1, (_, n) => n + 1);

    public void RecordSearch() => Interlocked.Increment(ref _searchCalls);

    public void RecordInjectedError() => Interlocked.Increment(ref _injectedErrors);

    public void RecordInjectedTimeout() => Interlocked.Increment(ref _injectedTimeouts);

    /// <summary>A late write (<c>LateWriteRate</c>) was answered 504 and waits to be carried out; -1 once it has been.</summary>
    public void RecordLateWritePending(int change) => Interlocked.Add(ref _lateWritesPending, change);

    public void RecordEventsQueued(int count) => Interlocked.Add(ref _eventsQueued, count);

    public void RecordWebhookDelivered(int events)
    {
        Interlocked.Increment(ref _webhookRequestsSucceeded);
        Interlocked.Add(ref _eventsDelivered, events);
    }

    public void RecordWebhookAttemptFailed() => Interlocked.Increment(ref _webhookAttemptsFailed);

    public void RecordWebhookAbandoned() => Interlocked.Increment(ref _webhookBatchesAbandoned);

    public StatsSnapshot Snapshot(BudgetSnapshot budget, IReadOnlyList<OverCapacityMark> overCapacityExams)
    {
        var calls = _calls.ToArray();
        var byEndpoint = calls
            .GroupBy(c => c.Key.Endpoint)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, long>)g.OrderBy(c => c.Key.Status).ToDictionary(c => c.Key.Status, c => c.Value));
        var byObjectType = _callsByObjectType.ToArray()
            .GroupBy(c => c.Key.ObjectType)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>)g
                    .GroupBy(c => c.Key.Endpoint)
                    .OrderBy(e => e.Key, StringComparer.Ordinal)
                    .ToDictionary(
                        e => e.Key,
                        e => (IReadOnlyDictionary<string, long>)e.OrderBy(c => c.Key.Status).ToDictionary(c => c.Key.Status, c => c.Value)));
        return new StatsSnapshot(
            calls.Sum(c => c.Value),
            byEndpoint,
            _rateLimited.ToDictionary(),
            Interlocked.Read(ref _searchCalls),
            Interlocked.Read(ref _injectedErrors),
            Interlocked.Read(ref _injectedTimeouts),
            budget,
            new WebhookStats(
                Interlocked.Read(ref _eventsQueued),
                Interlocked.Read(ref _eventsDelivered),
                Interlocked.Read(ref _webhookRequestsSucceeded),
                Interlocked.Read(ref _webhookAttemptsFailed),
                Interlocked.Read(ref _webhookBatchesAbandoned)),
            Interlocked.Read(ref _lateWritesPending),
            byObjectType,
            overCapacityExams);
    }

    public void Reset()
    {
        _calls.Clear();
        _callsByObjectType.Clear();
        _rateLimited.Clear();
        Interlocked.Exchange(ref _searchCalls, 0);
        Interlocked.Exchange(ref _injectedErrors, 0);
        Interlocked.Exchange(ref _injectedTimeouts, 0);
        Interlocked.Exchange(ref _eventsQueued, 0);
        Interlocked.Exchange(ref _eventsDelivered, 0);
        Interlocked.Exchange(ref _webhookRequestsSucceeded, 0);
        Interlocked.Exchange(ref _webhookAttemptsFailed, 0);
        Interlocked.Exchange(ref _webhookBatchesAbandoned, 0);
    }
}
