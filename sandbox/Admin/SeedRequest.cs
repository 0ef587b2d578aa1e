namespace MockExams.Sandbox.Admin;

/// <summary>POST /__sandbox/seed: how many exams, bookings per exam, and an optional random seed for repeatable data.</summary>
public sealed record SeedRequest(int Exams = 10, int BookingsPerExam = 5, int? RandomSeed = null);
