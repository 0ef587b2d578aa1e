namespace MockExams.Sandbox.Occupancy;

/// <summary>GET /__sandbox/occupancy: each exam's seats and marks, and those of them that were ever over capacity.</summary>
public sealed record OccupancyView(IReadOnlyList<ExamSeatMarks> Exams, IReadOnlyList<OverCapacityMark> OverCapacity);
