using System.Globalization;

namespace MockExams.Sandbox.Http;

/// <summary>HubSpot's wire formats for instants: ISO-8601 with milliseconds and Z, or epoch milliseconds.</summary>
public static class HubSpotTime
{
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string FormatNullable(DateTimeOffset? instant) => instant is { } value ? Format(value) : "";

    /// <summary>Reads an epoch-ms number, an ISO instant or a date (midnight UTC) into epoch milliseconds.</summary>
    public static bool TryParseEpochMs(string text, out long epochMs)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out epochMs))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            epochMs = instant.ToUnixTimeMilliseconds();
            return true;
        }

        epochMs = 0;
        return false;
    }
}
