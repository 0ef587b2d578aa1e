namespace MockExams.Cli.Chaos;

/// <summary>One system's view of the run's exams and bookings (HubSpot's dump, or the replica), reduced to what is compared.</summary>
public sealed record ChaosTruth(
    IReadOnlyDictionary<string, ChaosExamView> Exams,
    IReadOnlyList<ChaosBookingView> Bookings);

/// <summary>An exam as one system holds it.</summary>
public sealed record ChaosExamView(string Id, int Capacity, int TotalBookings, string? Location);

/// <summary>A booking as one system holds it (record id, our booking_id, exam, contact, active).</summary>
public sealed record ChaosBookingView(string HubSpotId, string? BookingId, string? ExamId, string? ContactId, bool Active);
