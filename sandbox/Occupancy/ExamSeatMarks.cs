namespace MockExams.Sandbox.Occupancy;

/// <summary>
/// One mock exam's seats as HubSpot held them: active bookings now and the exam's capacity now; the most ever active
/// at once and the capacity then; and the worst moment bookings exceeded capacity, if one ever came.
/// </summary>
/// <param name="ExamId">The exam's record id.</param>
/// <param name="Active">Bookings active now (<c>is_active</c> "true", not archived, <c>mock_exam_id</c> naming the exam).</param>
/// <param name="Capacity">The exam's <c>capacity</c> now; null while the exam is unknown or has none.</param>
/// <param name="PeakActive">The most bookings ever active at once.</param>
/// <param name="CapacityAtPeak">The exam's capacity when <paramref name="PeakActive"/> was first reached.</param>
/// <param name="PeakAt">When <paramref name="PeakActive"/> was first reached.</param>
/// <param name="OverCapacity">The worst moment active bookings exceeded capacity; null when they never did.</param>
public sealed record ExamSeatMarks(
    string ExamId,
    int Active,
    long? Capacity,
    int PeakActive,
    long? CapacityAtPeak,
    DateTimeOffset? PeakAt,
    OverCapacityMark? OverCapacity);
