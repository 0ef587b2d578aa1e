using MockExams.Sandbox.Configuration;

namespace MockExams.Sandbox.Crm;

/// <summary>
/// The three object types MockExams uses. Any form HubSpot accepts names a type: the type id (2-41000001),
/// the name (mock_exams), the short name (p_mock_exams) or the fully qualified name (p12345678_mock_exams).
/// </summary>
public sealed class ObjectTypeCatalog
{
    private readonly Dictionary<string, ObjectTypeDefinition> _byAnyName = new(StringComparer.OrdinalIgnoreCase);

    public ObjectTypeCatalog(SandboxSettings settings)
    {
        Contacts = new ObjectTypeDefinition(
            "0-1", "contacts", "contact", null,
            Define(
                new("hs_object_id", PropertyType.Number, ReadOnly: true),
                new("createdate", PropertyType.DateTime, ReadOnly: true),
                new("lastmodifieddate", PropertyType.DateTime, ReadOnly: true),
                new("hs_createdate", PropertyType.DateTime, ReadOnly: true),
                new("hs_lastmodifieddate", PropertyType.DateTime, ReadOnly: true),
                new("email", PropertyType.String, Unique: true),
                new("firstname", PropertyType.String),
                new("lastname", PropertyType.String)),
            ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
            "createdate", "lastmodifieddate");

        MockExams = Custom(settings, settings.ExamObjectTypeId, "mock_exams", "mock_exam",
            new("mock_exam_name", PropertyType.String),
            new("mock_type", PropertyType.String),
            new("exam_date", PropertyType.Date),
            new("start_time", PropertyType.String),
            new("end_time", PropertyType.String),
            new("location", PropertyType.String),
            new("capacity", PropertyType.Number),
            new("total_bookings", PropertyType.Number),
            new("is_active", PropertyType.Bool),
            new("creation_id", PropertyType.String, Unique: true));

        Bookings = Custom(settings, settings.BookingObjectTypeId, "bookings", "booking",
            new("booking_id", PropertyType.String, Unique: true),
            new("mock_exam_id", PropertyType.String),
            new("contact_id", PropertyType.String),
            new("student_id", PropertyType.String),
            new("student_name", PropertyType.String),
            new("student_email", PropertyType.String),
            new("booking_status", PropertyType.String),
            new("is_active", PropertyType.Bool),
            new("attendance", PropertyType.String),
            new("attending_location", PropertyType.String),
            new("exam_date", PropertyType.Date),
            new("dominant_hand", PropertyType.String));

        foreach (var type in All)
        {
            _byAnyName[type.ObjectTypeId] = type;
            _byAnyName[type.Name] = type;
            if (type.FullyQualifiedName is not null)
            {
                _byAnyName[type.FullyQualifiedName] = type;
                _byAnyName["p_" + type.Name] = type;
            }
        }

        _byAnyName["contact"] = Contacts;
    }

    public ObjectTypeDefinition Contacts { get; }

    public ObjectTypeDefinition MockExams { get; }

    public ObjectTypeDefinition Bookings { get; }

    public IReadOnlyList<ObjectTypeDefinition> All => [Contacts, MockExams, Bookings];

    public ObjectTypeDefinition? Resolve(string objectType) => _byAnyName.GetValueOrDefault(objectType);

    private static ObjectTypeDefinition Custom(
        SandboxSettings settings, string objectTypeId, string name, string singular, params PropertyDefinition[] own) =>
        new(objectTypeId, name, singular, $"p{settings.PortalId}_{name}",
            Define([
                new("hs_object_id", PropertyType.Number, ReadOnly: true),
                new("hs_createdate", PropertyType.DateTime, ReadOnly: true),
                new("hs_lastmodifieddate", PropertyType.DateTime, ReadOnly: true),
                .. own,
            ]),
            ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
            "hs_createdate", "hs_lastmodifieddate");

    private static Dictionary<string, PropertyDefinition> Define(params PropertyDefinition[] properties) =>
        properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
}
