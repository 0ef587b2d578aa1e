using Microsoft.Extensions.Logging;

namespace MockExams.Grains.HubSpot;

public sealed partial class HubSpotClient
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "HubSpot batch create of {Count} bookings ended without a usable answer ({Failure}, attempt {Attempt}); looking them up by booking_id before sending the missing ones")]
    private static partial void LogCreateSettling(ILogger logger, int count, int attempt, string failure);
}
