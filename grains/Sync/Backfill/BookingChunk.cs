namespace MockExams.Grains.Sync.Backfill;

/// <summary>Booking ids one batch read copies; <see cref="Sequence"/> is the claim order.</summary>
public sealed record BookingChunk(int Sequence, long[] Ids);
