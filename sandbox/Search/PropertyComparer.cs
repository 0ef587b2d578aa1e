using System.Globalization;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Search;

/// <summary>
/// Compares property values the way search does: numbers as numbers; dates and date-times as epoch
/// milliseconds (filters may give epoch ms or ISO text); everything else as case-insensitive text.
/// </summary>
public static class PropertyComparer
{
    public static int? Compare(PropertyDefinition property, string stored, string filterValue)
    {
        if (property.Type is PropertyType.Number or PropertyType.Date or PropertyType.DateTime)
        {
            return TryNumber(property, stored, out var left) && TryNumber(property, filterValue, out var right) ? left.CompareTo(right) : null;
        }

        return string.Compare(stored, filterValue, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Orders two stored values; missing values sort last.</summary>
    public static int Order(PropertyDefinition property, string? left, string? right) =>
        (left, right) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => Compare(property, left, right) ?? string.CompareOrdinal(left, right),
        };

    /// <summary>The number a value of a number, date or date-time property compares as; false for text or an unreadable value.</summary>
    public static bool TryNumber(PropertyDefinition property, string? text, out double number)
    {
        number = 0;
        if (text is null)
        {
            return false;
        }

        if (property.Type == PropertyType.Number)
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        }

        if (property.Type is PropertyType.Date or PropertyType.DateTime && HubSpotTime.TryParseEpochMs(text, out var epochMs))
        {
            number = epochMs;
            return true;
        }

        return false;
    }
}
