namespace MockExams.Sandbox.Admin;

public sealed record SeedResult(IReadOnlyList<string> ExamIds, int Contacts, int Bookings, int ActiveBookings);
