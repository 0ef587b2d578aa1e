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

    /// <summary>
    /// The bytes, valid for their stamp until they expire, under an id no other copy ever has (a caller holding
    /// the same bytes names it to get an answer without them). Both answers are completed tasks made once, so a
    /// hit allocates nothing.
    /// </summary>
    public sealed class Snapshot
    {
        private readonly Task<ExamRead> _withBody;
        private readonly Task<ExamRead> _unchanged;

        public Snapshot(JsonBody body, ReadStamp stamp, long expiresAtMilliseconds)
        {
            Stamp = stamp;
            ExpiresAtMilliseconds = expiresAtMilliseconds;
            _withBody = Task.FromResult(ExamRead.Fresh(body, Id));
            _unchanged = Task.FromResult(ExamRead.Current(Id));
        }

        public Guid Id { get; } = Guid.NewGuid();

        public ReadStamp Stamp { get; }

        public long ExpiresAtMilliseconds { get; }

        public Task<ExamRead> AnswerFor(Guid? heldCopy) => heldCopy == Id ? _unchanged : _withBody;
    }

    /// <summary>A fill that began under <paramref name="Stamp"/>; only readers arriving under the same stamp may join it.</summary>
    public sealed record InFlight(Task<ExamRead> Task, ReadStamp Stamp);
}
