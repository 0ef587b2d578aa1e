using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Grains.HubSpot;

/// <summary>Mock exam ⇄ HubSpot string properties, both ways.</summary>
public static class ExamMapping
{
    public const string ObjectName = "mock exam";

    public static HubSpotExam FromProperties(
        string id, IReadOnlyDictionary<string, string?> properties, bool archived, DateTimeOffset? updatedAt = null, DateTimeOffset? createdAt = null)
    {
        var p = new HubSpotPropertyReader(ObjectName, id, properties);
        return new HubSpotExam(
            id,
            p.String(ExamProperties.MockExamName),
            p.String(ExamProperties.MockType),
            p.Date(ExamProperties.ExamDate),
            p.String(ExamProperties.StartTime),
            p.String(ExamProperties.EndTime),
            p.String(ExamProperties.Location),
            p.Int(ExamProperties.Capacity),
            p.Int(ExamProperties.TotalBookings),
            p.Bool(ExamProperties.IsActive),
            p.DateTime(HubSpotSystemProperties.CreateDate) ?? createdAt,
            p.RequiredDateTime(HubSpotSystemProperties.LastModifiedDate, updatedAt),
            archived);
    }

    public static Dictionary<string, string> ToProperties(NewExam exam)
    {
        var properties = new Dictionary<string, string>
        {
            [ExamProperties.MockExamName] = exam.MockExamName,
            [ExamProperties.MockType] = exam.MockType,
            [ExamProperties.ExamDate] = HubSpotValues.FormatDate(exam.ExamDate),
            [ExamProperties.Location] = exam.Location,
            [ExamProperties.Capacity] = HubSpotValues.FormatInt(exam.Capacity),
            [ExamProperties.TotalBookings] = HubSpotValues.FormatInt(exam.TotalBookings),
            [ExamProperties.IsActive] = HubSpotValues.FormatBool(exam.IsActive),
        };
        AddIfSet(properties, ExamProperties.StartTime, exam.StartTime);
        AddIfSet(properties, ExamProperties.EndTime, exam.EndTime);
        AddIfSet(properties, ExamProperties.CreationId, exam.CreationId);
        return properties;
    }

    public static Dictionary<string, string> ToProperties(ExamChanges changes)
    {
        var properties = new Dictionary<string, string>();
        AddIfSet(properties, ExamProperties.MockExamName, changes.MockExamName);
        AddIfSet(properties, ExamProperties.MockType, changes.MockType);
        AddIfSet(properties, ExamProperties.ExamDate, changes.ExamDate is { } date ? HubSpotValues.FormatDate(date) : null);
        AddIfSet(properties, ExamProperties.StartTime, changes.StartTime);
        AddIfSet(properties, ExamProperties.EndTime, changes.EndTime);
        AddIfSet(properties, ExamProperties.Location, changes.Location);
        AddIfSet(properties, ExamProperties.Capacity, changes.Capacity is { } capacity ? HubSpotValues.FormatInt(capacity) : null);
        AddIfSet(properties, ExamProperties.TotalBookings, changes.TotalBookings is { } total ? HubSpotValues.FormatInt(total) : null);
        AddIfSet(properties, ExamProperties.IsActive, changes.IsActive is { } active ? HubSpotValues.FormatBool(active) : null);
        return properties;
    }

    internal static HubSpotExam FromObject(HubSpotObject o) =>
        FromProperties(o.Id, o.Properties ?? [], o.Archived, o.UpdatedAt, o.CreatedAt);

    private static void AddIfSet(Dictionary<string, string> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties[name] = value;
        }
    }
}
