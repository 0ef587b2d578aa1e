using System.ComponentModel.DataAnnotations;

namespace MockExams.Api.Events;

/// <summary>
/// Realtime exam events (<c>GET /api/mock-exams/events</c>, <c>/api/mock-exams/{id}/events</c>). Section "ExamEvents";
/// env <c>ExamEvents__MaxConnections</c>, <c>ExamEvents__HeartbeatSeconds</c>, <c>ExamEvents__RetryAfterSeconds</c>,
/// <c>ExamEvents__ReconnectMilliseconds</c>.
/// </summary>
public sealed class ExamEventsOptions
{
    public const string SectionName = "ExamEvents";

    /// <summary>Open event streams this api process serves at once; one more is answered 503 with Retry-After.</summary>
    [Range(1, 100_000)] public int MaxConnections { get; set; } = 2_000;

    /// <summary>A stream with nothing to say for this long sends a <c>heartbeat</c> event, so proxies keep it open and clients notice a dead one.</summary>
    [Range(1, 300)] public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>The Retry-After of a refused stream (connection cap reached, or this api not hearing changes).</summary>
    [Range(1, 3_600)] public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>The <c>retry:</c> the stream tells EventSource clients to wait before reconnecting.</summary>
    [Range(100, 600_000)] public int ReconnectMilliseconds { get; set; } = 2_000;
}
