using System.Globalization;

namespace MockExams.Grains.HubSpot;

/// <summary>
/// HubSpot sends and takes every property as a string. These conversions are the only place that
/// knows the formats: dates as <c>yyyy-MM-dd</c> (read also as midnight UTC, ISO or epoch ms),
/// date-times as ISO-8601 UTC (read also as epoch ms), numbers invariant, booleans
/// <c>true</c>/<c>false</c>. An empty value is null. A value that does not parse is a
/// <see cref="HubSpotMappingException"/>, never a default.
/// </summary>
public static class HubSpotValues
{
    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string FormatInt(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FormatBool(bool value) => value ? "true" : "false";

    public static bool TryParseDate(string value, out DateOnly date)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }
        // HubSpot's date properties also come back as midnight UTC, as ISO text or epoch ms.
        if (TryParseDateTime(value, out var at) && at.UtcDateTime.TimeOfDay == TimeSpan.Zero)
        {
            date = DateOnly.FromDateTime(at.UtcDateTime);
            return true;
        }
        date = default;
        return false;
    }

    public static bool TryParseDateTime(string value, out DateTimeOffset at)
    {
        if (value.Length > 0 && value.All(char.IsAsciiDigit)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epochMs)
            && epochMs <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            at = DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
            return true;
        }
        // Only explicit UTC or offset forms: a time without a zone would be read in the host's zone.
        if (value.Contains('T', StringComparison.Ordinal) && (value.EndsWith('Z') || HasOffset(value)))
        {
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out at);
        }
        at = default;
        return false;
    }

    public static bool TryParseInt(string value, out int number)
    {
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }
        // HubSpot number properties may come back as "12.0"; a real fraction is not a count.
        if (decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            number = (int)d;
            return true;
        }
        return false;
    }

    public static bool TryParseBool(string value, out bool flag)
    {
        if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
        {
            flag = true;
            return true;
        }
        if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
        {
            flag = false;
            return true;
        }
        flag = default;
        return false;
    }

    private static bool HasOffset(string value) =>
        value.Length > 6 && (value[^6] is '+' or '-') && value[^3] == ':';
}
