using System.Diagnostics.Metrics;

namespace MockExams.Grains.Replica;

/// <summary>Replica query counts: what a cache miss costs, and the proof that a hit costs nothing.</summary>
public sealed class ReplicaMetrics
{
    public const string MeterName = "MockExams.Replica";
    public const string QueriesInstrument = "mockexams.replica.queries";

    private readonly Counter<long> _queries;

    public ReplicaMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _queries = meter.CreateCounter<long>(QueriesInstrument, unit: "{query}", description: "Queries sent to the replica, by query name.");
    }

    public void QueryExecuted(string query) => _queries.Add(1, new KeyValuePair<string, object?>("query", query));
}
