namespace MockExams.Grains.HubSpot;

/// <summary>HubSpot locked the data against concurrent writes (423); the lock lasts about 2 s.</summary>
public sealed class HubSpotLockedException(string message, string? correlationId)
    : HubSpotException(message, 423, "LOCKED", correlationId)
{
    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(2);
}
