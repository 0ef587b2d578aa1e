namespace MockExams.Grains.HubSpot;

/// <summary>
/// What the attempts of one call have seen, shared by the transport and the resilience handler's retries. An attempt
/// that timed out or got a 5xx may still be carried out later (a late write), so once one has been repeated, a refusal
/// of a later attempt no longer says the write did not happen.
/// </summary>
internal sealed class HubSpotAttempts
{
    private volatile bool _earlierAttemptUnanswered;

    /// <summary>An attempt of this call went without a usable answer and was sent again.</summary>
    public bool EarlierAttemptUnanswered => _earlierAttemptUnanswered;

    public void Unanswered() => _earlierAttemptUnanswered = true;
}
