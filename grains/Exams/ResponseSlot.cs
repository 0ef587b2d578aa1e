using MockExams.Exams;
using StackExchange.Redis;

namespace MockExams.Grains.Exams;

/// <summary>
/// One cacheable response of an exam activation (its body, or its bookings with one status filter): the Redis
/// key, the activation's in-memory copy of the exact bytes, and the fill in flight that concurrent readers share.
/// Touched only on the activation's scheduler, so it needs no locks.
/// </summary>
internal sealed class ResponseSlot(RedisKey key, BookingStatusFilter? bookings)
{
    public RedisKey Key { get; } = key;

    /// <summary>Null for the exam body; the status filter for a bookings response.</summary>
    public BookingStatusFilter? Bookings { get; } = bookings;

    public Snapshot? Copy { get; set; }

    public InFlight? Fill { get; set; }

    /// <summary>The bytes as a completed answer (so a hit allocates nothing), valid for its stamp until it expires.</summary>
    public sealed record Snapshot(Task<JsonBody?> Answer, ReadStamp Stamp, long ExpiresAtMilliseconds);

    /// <summary>A fill that began under <paramref name="Stamp"/>; only readers arriving under the same stamp may join it.</summary>
    public sealed record InFlight(Task<JsonBody?> Task, ReadStamp Stamp);
}
