namespace MockExams.Cli.Events;

/// <summary>The shape of one realtime-events benchmark.</summary>
/// <param name="Subscribers">SSE streams opened on the api, each watching one exam (round-robin over the exams).</param>
/// <param name="Exams">Exams created for the run (through the api).</param>
/// <param name="Capacity">Seats per exam.</param>
/// <param name="Bookings">Booking requests during the storm, one per distinct student, spread over the exams.</param>
/// <param name="Concurrency">Booking requests in flight at once.</param>
/// <param name="ApiProcessId">The api's process id on this machine: its CPU time is read from /proc around the storm.</param>
public sealed record EventBenchSettings(
    int Subscribers = 1000, int Exams = 10, int Capacity = 40, int Bookings = 500, int Concurrency = 32, int? ApiProcessId = null);
