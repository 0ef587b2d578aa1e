namespace MockExams.Sandbox.Occupancy;

/// <summary>An exam whose active bookings exceeded its capacity: the worst excess, when it first happened and how often.</summary>
/// <param name="ExamId">The exam's record id.</param>
/// <param name="Active">Active bookings at the worst moment.</param>
/// <param name="Capacity">The exam's capacity at that moment.</param>
/// <param name="At">When the worst excess was first reached.</param>
/// <param name="FirstAt">When active bookings first exceeded capacity.</param>
/// <param name="Writes">Committed writes after which the exam was over capacity.</param>
public sealed record OverCapacityMark(string ExamId, int Active, long Capacity, DateTimeOffset At, DateTimeOffset FirstAt, long Writes);
