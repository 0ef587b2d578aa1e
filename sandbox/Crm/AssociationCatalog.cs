using MockExams.Sandbox.Configuration;

namespace MockExams.Sandbox.Crm;

/// <summary>
/// The association types of this portal: booking↔mock exam and booking↔contact, USER_DEFINED, one id per
/// direction (custom object association ids are portal-specific in HubSpot; ours come from settings).
/// </summary>
public sealed class AssociationCatalog
{
    public const string UserDefined = "USER_DEFINED";

    private readonly List<AssociationTypeDefinition> _types;

    public AssociationCatalog(SandboxSettings settings, ObjectTypeCatalog objectTypes)
    {
        var booking = objectTypes.Bookings;
        var exam = objectTypes.MockExams;
        var contact = objectTypes.Contacts;
        _types =
        [
            Between(booking, exam, settings.BookingToExamAssociationTypeId, settings.ExamToBookingAssociationTypeId),
            Between(exam, booking, settings.ExamToBookingAssociationTypeId, settings.BookingToExamAssociationTypeId),
            Between(booking, contact, settings.BookingToContactAssociationTypeId, settings.ContactToBookingAssociationTypeId),
            Between(contact, booking, settings.ContactToBookingAssociationTypeId, settings.BookingToContactAssociationTypeId),
        ];
    }

    public IReadOnlyList<AssociationTypeDefinition> Between(string fromTypeId, string toTypeId) =>
        _types.Where(t => t.FromTypeId == fromTypeId && t.ToTypeId == toTypeId).ToList();

    /// <summary>The unlabelled type used by the "default" association endpoints, if the pair can be associated.</summary>
    public AssociationTypeDefinition? Default(string fromTypeId, string toTypeId) =>
        _types.FirstOrDefault(t => t.FromTypeId == fromTypeId && t.ToTypeId == toTypeId && t.Label is null);

    public AssociationTypeDefinition? Find(string fromTypeId, string toTypeId, int typeId) =>
        _types.FirstOrDefault(t => t.FromTypeId == fromTypeId && t.ToTypeId == toTypeId && t.TypeId == typeId);

    /// <summary>The type an inline association names: it gives the target's object type.</summary>
    public AssociationTypeDefinition? ForType(string fromTypeId, int typeId) =>
        _types.FirstOrDefault(t => t.FromTypeId == fromTypeId && t.TypeId == typeId);

    public AssociationTypeDefinition Inverse(AssociationTypeDefinition type) =>
        _types.First(t => t.FromTypeId == type.ToTypeId && t.ToTypeId == type.FromTypeId && t.TypeId == type.InverseTypeId);

    private static AssociationTypeDefinition Between(ObjectTypeDefinition from, ObjectTypeDefinition to, int typeId, int inverse) =>
        new(from.ObjectTypeId, to.ObjectTypeId, typeId, UserDefined, null, inverse, $"{from.SingularName}_to_{to.SingularName}");
}
