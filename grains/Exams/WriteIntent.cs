namespace MockExams.Grains.Exams;

/// <summary>
/// One flush's HubSpot writes, journaled in grain state before HubSpot is called and removed once HubSpot and the
/// replica both hold them. A journal entry found at activation means a silo died in between: the bookings are looked
/// up by <c>booking_id</c> and only the missing ones created, so nothing is lost and nothing is created twice.
/// </summary>
[GenerateSerializer, Alias("mockexams.WriteIntent")]
public sealed class WriteIntent
{
    [Id(0)] public Guid Id { get; set; } = Guid.CreateVersion7();

    [Id(1)] public List<IntendedBooking> Creates { get; set; } = [];

    /// <summary>HubSpot record ids of the bookings to cancel (cancelling twice changes nothing).</summary>
    [Id(2)] public List<string> Cancels { get; set; } = [];

    /// <summary>
    /// Set when the requests were answered "retry later" because HubSpot's outcome was unknown: recovery then only
    /// adopts the bookings HubSpot already has and creates none (the clients were told nothing was booked).
    /// </summary>
    [Id(3)] public bool ClientsToldToRetry { get; set; }

    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Written only by builds before the budget-refused look-up was treated as an unknown outcome: creates that may
    /// have landed. Settled like <see cref="Creates"/> of an intent whose clients were told to retry (seats held until
    /// a look-up answers); nothing writes it any more.
    /// </summary>
    [Id(5)] public List<IntendedBooking> Unsent { get; set; } = [];

    public bool IsEmpty => Creates is [] && Cancels is [] && Unsent is [];
}
