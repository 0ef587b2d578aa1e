namespace MockExams.Cli.Storm;

/// <summary>The shape of one booking storm.</summary>
/// <param name="Exams">Exams created for the storm (through the api).</param>
/// <param name="Capacity">Seats per exam.</param>
/// <param name="Requests">Booking requests, each from a distinct student, spread evenly over the exams.</param>
/// <param name="Duplicates">Extra requests from students who already sent one for the same exam.</param>
/// <param name="Cancels">Bookings cancelled (through the api) once the rush is over.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="SettleTimeout">How long to wait for HubSpot's coalesced total_bookings before verifying.</param>
public sealed record StormSettings(
    int Exams = 20, int Capacity = 50, int Requests = 2000, int Duplicates = 0, int Cancels = 0, int Concurrency = 2000,
    TimeSpan? SettleTimeout = null);
