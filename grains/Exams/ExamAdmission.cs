namespace MockExams.Grains.Exams;

/// <summary>
/// What admission decisions need about one exam, kept in the grain's memory: loaded from the replica on the first
/// write, then changed only by the grain's own writes and the remote changes it applies (it is the exam's only writer).
/// </summary>
public sealed class ExamAdmission
{
    private readonly Dictionary<string, ActiveBooking> _byBookingId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bookingIdByHubSpotId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _activeByContact = new(StringComparer.Ordinal);

    /// <summary>The replica has no row for the exam.</summary>
    public static ExamAdmission Missing(bool replicaFilling = false) => new() { Exists = false, ReplicaFilling = replicaFilling };

    public bool Exists { get; set; } = true;

    /// <summary>
    /// The replica's first backfill is still copying bookings: the replica may hold the exam without all of its
    /// bookings (or not hold it yet), so no decision about seats or students may be taken from it.
    /// </summary>
    public bool ReplicaFilling { get; init; }

    /// <summary>Seats; a missing capacity in HubSpot means no seat can be booked.</summary>
    public int Capacity { get; set; }

    public bool IsActive { get; set; }

    public bool Archived { get; set; }

    public DateOnly? ExamDate { get; set; }

    public int ActiveCount => _byBookingId.Count;

    /// <summary>Seats not taken (negative when HubSpot holds more bookings than the capacity allows).</summary>
    public int SeatsLeft => Capacity - ActiveCount;

    /// <summary>Whether a booking could be accepted at all today (seats aside).</summary>
    public bool OpenForBooking(DateOnly today) => Exists && !Archived && IsActive && !(ExamDate < today);

    public IEnumerable<ActiveBooking> ActiveBookings => _byBookingId.Values;

    public bool HoldsActiveBooking(string contactId) => _activeByContact.GetValueOrDefault(contactId) > 0;

    /// <summary>Seats held by creates HubSpot has not confirmed yet (their outcome may still be unknown).</summary>
    public int UnconfirmedCount => _byBookingId.Values.Count(b => b.HubSpotId is null);

    /// <summary>The contact holds an active booking HubSpot has confirmed.</summary>
    public bool HoldsConfirmedBooking(string contactId) =>
        HoldsActiveBooking(contactId) && _byBookingId.Values.Any(b => b.HubSpotId is not null && b.ContactId == contactId);

    /// <summary>The active booking with this <c>booking_id</c> or HubSpot record id; null when none is active.</summary>
    public ActiveBooking? FindActive(string bookingIdOrHubSpotId) =>
        _byBookingId.GetValueOrDefault(bookingIdOrHubSpotId)
        ?? (_bookingIdByHubSpotId.TryGetValue(bookingIdOrHubSpotId, out var bookingId) ? _byBookingId.GetValueOrDefault(bookingId) : null);

    public void Hold(ActiveBooking booking)
    {
        Release(booking.BookingId);
        _byBookingId[booking.BookingId] = booking;
        if (booking.HubSpotId is { } hubSpotId)
        {
            _bookingIdByHubSpotId[hubSpotId] = booking.BookingId;
        }

        _activeByContact[booking.ContactId] = _activeByContact.GetValueOrDefault(booking.ContactId) + 1;
    }

    public void Release(string bookingId)
    {
        if (!_byBookingId.Remove(bookingId, out var released))
        {
            return;
        }

        if (released.HubSpotId is { } hubSpotId)
        {
            _bookingIdByHubSpotId.Remove(hubSpotId);
        }

        var left = _activeByContact.GetValueOrDefault(released.ContactId) - 1;
        if (left > 0)
        {
            _activeByContact[released.ContactId] = left;
        }
        else
        {
            _activeByContact.Remove(released.ContactId);
        }
    }

    public ExamAdmission Clone()
    {
        var copy = new ExamAdmission
        {
            Exists = Exists,
            Capacity = Capacity,
            IsActive = IsActive,
            Archived = Archived,
            ExamDate = ExamDate,
        };
        foreach (var booking in _byBookingId.Values)
        {
            copy.Hold(booking);
        }

        return copy;
    }
}
