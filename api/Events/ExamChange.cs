namespace MockExams.Api.Events;

/// <summary>
/// One exam's state as this api last read it, numbered in the order its read started (a read that started later
/// saw at least as much), with its event data serialized once for every subscriber. <see cref="Seats"/> is null
/// when the exam is gone (archived, or absent from the replica).
/// </summary>
internal sealed record ExamChange(long Sequence, string ExamId, ExamSeats? Seats, string Json);
