using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Objects;

/// <summary>Turns records into HubSpot's response shapes.</summary>
public sealed class RecordViews(CrmStore store, ObjectTypeCatalog types)
{
    /// <summary>
    /// A read: the asked-for properties (unknown names ignored; known but empty ones as null), or the
    /// type's default set when none were asked for; associations when asked for and present.
    /// </summary>
    public ObjectView Read(ObjectTypeDefinition type, CrmRecord record, IReadOnlyList<string>? properties, IReadOnlyList<string>? associations = null)
    {
        var names = (properties is null or [] ? type.DefaultProperties : properties).Where(type.Properties.ContainsKey);
        var values = names.Distinct().ToDictionary(name => name, record.Get);
        return View(record, values) with { Associations = Associations(type, record, associations ?? []) };
    }

    /// <summary>A write's answer: every property the record has.</summary>
    public ObjectView Written(CrmRecord record) =>
        View(record, record.Properties.ToDictionary(p => p.Key, p => (string?)p.Value));

    private static ObjectView View(CrmRecord record, Dictionary<string, string?> properties) =>
        new(record.Id.ToString(), properties, HubSpotTime.Format(record.CreatedAt), HubSpotTime.Format(record.UpdatedAt),
            record.Archived, record.ArchivedAt is { } archivedAt ? HubSpotTime.Format(archivedAt) : null);

    private Dictionary<string, AssociatedIdCollection>? Associations(ObjectTypeDefinition type, CrmRecord record, IReadOnlyList<string> toTypes)
    {
        var result = new Dictionary<string, AssociatedIdCollection>();
        foreach (var toType in toTypes.Select(types.Resolve).OfType<ObjectTypeDefinition>().Distinct())
        {
            var links = store.AssociationsOf(type.ObjectTypeId, record.Id, toType.ObjectTypeId);
            if (links is [])
            {
                continue;
            }

            result[toType.AssociationKey] = new AssociatedIdCollection(links
                .Select(l => new AssociatedId(l.ToId.ToString(), store.AssociationTypes.Find(l.FromTypeId, l.ToTypeId, l.TypeId)?.Name ?? l.TypeId.ToString()))
                .ToList());
        }

        return result.Count == 0 ? null : result;
    }
}
