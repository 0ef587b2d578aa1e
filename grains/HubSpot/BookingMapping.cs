using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Grains.HubSpot;

/// <summary>Booking ⇄ HubSpot string properties, both ways.</summary>
public static class BookingMapping
{
    public const string ObjectName = "booking";

    /// <summary>
    /// A record id named in a property, matched exactly: trimmed (" 123" typed by staff names exam 123, so it reaches
    /// that exam's one grain), and null when it is no record id at all (digits only), so it cannot name a grain of its own.
    /// </summary>
    public static string? RecordId(string? value)
    {
        var id = value?.Trim();
        return id is [_, ..] && id.All(char.IsAsciiDigit) ? id : null;
    }

    public static HubSpotBooking FromProperties(
        string id, IReadOnlyDictionary<string, string?> properties, bool archived, DateTimeOffset? updatedAt = null, DateTimeOffset? createdAt = null)
    {
        var p = new HubSpotPropertyReader(ObjectName, id, properties);
        return new HubSpotBooking(
            id,
            p.String(BookingProperties.BookingId),
            RecordId(p.String(BookingProperties.MockExamId)),
            p.String(BookingProperties.ContactId),
            p.String(BookingProperties.StudentId),
            p.String(BookingProperties.StudentName),
            p.String(BookingProperties.StudentEmail),
            p.String(BookingProperties.BookingStatus),
            p.Bool(BookingProperties.IsActive),
            p.String(BookingProperties.Attendance),
            p.String(BookingProperties.AttendingLocation),
            p.Date(BookingProperties.ExamDate),
            p.String(BookingProperties.DominantHand),
            p.DateTime(HubSpotSystemProperties.CreateDate) ?? createdAt,
            p.RequiredDateTime(HubSpotSystemProperties.LastModifiedDate, updatedAt),
            archived);
    }

    public static Dictionary<string, string> ToProperties(NewBooking booking)
    {
        var properties = new Dictionary<string, string>
        {
            [BookingProperties.BookingId] = booking.BookingId,
            [BookingProperties.MockExamId] = booking.MockExamId,
            [BookingProperties.ContactId] = booking.ContactId,
            [BookingProperties.BookingStatus] = booking.BookingStatus,
            [BookingProperties.IsActive] = HubSpotValues.FormatBool(booking.IsActive),
        };
        AddIfSet(properties, BookingProperties.StudentId, booking.StudentId);
        AddIfSet(properties, BookingProperties.StudentName, booking.StudentName);
        AddIfSet(properties, BookingProperties.StudentEmail, booking.StudentEmail);
        AddIfSet(properties, BookingProperties.AttendingLocation, booking.AttendingLocation);
        AddIfSet(properties, BookingProperties.ExamDate, booking.ExamDate is { } date ? HubSpotValues.FormatDate(date) : null);
        AddIfSet(properties, BookingProperties.DominantHand, booking.DominantHand);
        AddIfSet(properties, BookingProperties.Attendance, booking.Attendance);
        return properties;
    }

    public static Dictionary<string, string> ToProperties(BookingChanges changes)
    {
        var properties = new Dictionary<string, string>();
        AddIfSet(properties, BookingProperties.BookingStatus, changes.BookingStatus);
        AddIfSet(properties, BookingProperties.IsActive, changes.IsActive is { } active ? HubSpotValues.FormatBool(active) : null);
        AddIfSet(properties, BookingProperties.Attendance, changes.Attendance);
        AddIfSet(properties, BookingProperties.AttendingLocation, changes.AttendingLocation);
        AddIfSet(properties, BookingProperties.DominantHand, changes.DominantHand);
        return properties;
    }

    internal static HubSpotBooking FromObject(HubSpotObject o) =>
        FromProperties(o.Id, o.Properties ?? [], o.Archived, o.UpdatedAt, o.CreatedAt);

    private static void AddIfSet(Dictionary<string, string> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties[name] = value;
        }
    }
}
