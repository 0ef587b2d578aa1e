using Microsoft.Extensions.Logging;

namespace MockExams.Grains.Sync;

public sealed partial class RemoteChangeApplier
{
    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning,
        Message = "Booking {BookingId} names no exam in HubSpot (mock_exam_id) and the replica does not know it: not applied")]
    private static partial void LogUnroutable(ILogger logger, string bookingId);
}
