using System.Text.Json.Serialization;

namespace MockExams.Cli.Storm;

/// <summary>What a storm did and whether every invariant held; written as JSON with <c>--json</c>.</summary>
public sealed record StormReport
{
    [JsonPropertyName("exams")] public int Exams { get; init; }
    [JsonPropertyName("capacity")] public int Capacity { get; init; }
    [JsonPropertyName("requests")] public int Requests { get; init; }
    [JsonPropertyName("booked")] public int Booked { get; init; }
    [JsonPropertyName("rejected")] public int Rejected { get; init; }
    [JsonPropertyName("rejected_by_reason")] public Dictionary<string, int> RejectedByReason { get; init; } = [];
    [JsonPropertyName("retry_later_503")] public int RetryLater { get; init; }
    [JsonPropertyName("retry_after_missing")] public int RetryAfterMissing { get; init; }
    [JsonPropertyName("http_429")] public int Http429 { get; init; }
    [JsonPropertyName("other_errors")] public int OtherErrors { get; init; }
    [JsonPropertyName("cancelled")] public int Cancelled { get; init; }
    [JsonPropertyName("hubspot_calls")] public long HubSpotCalls { get; init; }
    [JsonPropertyName("hubspot_calls_by_endpoint")] public Dictionary<string, long> HubSpotCallsByEndpoint { get; init; } = [];
    [JsonPropertyName("hubspot_429")] public long HubSpot429 { get; init; }

    /// <summary>HubSpot calls that create bookings (batch or single create of the booking type), 429s left out.</summary>
    [JsonPropertyName("booking_create_calls")] public long BookingCreateCalls { get; init; }

    /// <summary>Bookings answered 201 per booking-create call (100 fit in one).</summary>
    [JsonPropertyName("bookings_per_create_call")] public double BookingsPerCreateCall { get; init; }

    /// <summary>HubSpot calls from the first booking request sent until the last one answered.</summary>
    [JsonPropertyName("hubspot_calls_during_rush")] public long HubSpotCallsDuringRush { get; init; }

    /// <summary>The storm's exams whose active bookings exceeded capacity in HubSpot at any instant (the sandbox's high-water marks).</summary>
    [JsonPropertyName("over_capacity_exams")] public int OverCapacityExams { get; init; }
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; init; }
    [JsonPropertyName("p50_ms")] public double P50Ms { get; init; }
    [JsonPropertyName("p99_ms")] public double P99Ms { get; init; }
    [JsonPropertyName("max_ms")] public double MaxMs { get; init; }

    /// <summary>
    /// The rush second by second, by when each request was sent: how many, and their p50/p99. Tells a cold start
    /// (the first second's tail) from a queue that grows (later seconds' tails).
    /// </summary>
    [JsonPropertyName("latency_by_second_sent")] public List<StormSecond> LatencyBySecondSent { get; init; } = [];
    [JsonPropertyName("replica_checked")] public bool ReplicaChecked { get; init; }
    [JsonPropertyName("violations")] public List<string> Violations { get; init; } = [];
}

/// <summary>The requests sent in one second of the rush (<see cref="StormReport.LatencyBySecondSent"/>).</summary>
public sealed record StormSecond(
    [property: JsonPropertyName("second")] int Second,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p99_ms")] double P99Ms);
