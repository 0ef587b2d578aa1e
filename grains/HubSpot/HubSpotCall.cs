namespace MockExams.Grains.HubSpot;

/// <summary>One HubSpot request as the transport sends it (the body already serialized, so it can be sent again).</summary>
/// <param name="Retryable">
/// Whether the resilience handler may repeat it after a timeout or 5xx. False when a repeat could
/// apply the write twice (creates); those callers settle the ambiguity themselves.
/// </param>
/// <param name="ObjectType">For error messages: the object type the call is about.</param>
/// <param name="RecordId">For error messages: the record the call is about, if one.</param>
/// <param name="Reservation">Budget taken ahead for this call's first attempt, if any.</param>
/// <param name="Attempts">Filled in by the transport: whether an attempt went unanswered and was repeated.</param>
internal sealed record HubSpotCall(
    HttpMethod Method,
    string Path,
    byte[]? Body,
    HubSpotLane Lane,
    HubSpotCallKind Kind,
    bool Retryable,
    string ObjectType,
    string? RecordId = null,
    HubSpotBudgetReservation? Reservation = null,
    HubSpotAttempts? Attempts = null)
{
    /// <summary>A call that changes HubSpot (anything but a read by GET or a search/read POST is treated as one).</summary>
    public bool Writes => Method != HttpMethod.Get && !Path.EndsWith("/search", StringComparison.Ordinal) && !Path.EndsWith("/read", StringComparison.Ordinal);
}
