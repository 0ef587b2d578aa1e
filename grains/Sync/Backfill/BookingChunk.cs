namespace MockExams.Grains.Sync.Backfill;

/// <summary>Booking ids one batch read copies, from exam page <see cref="Page"/> (list order); empty when the page had none left.</summary>
public sealed record BookingChunk(int Page, long[] Ids);
