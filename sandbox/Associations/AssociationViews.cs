using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Objects;

namespace MockExams.Sandbox.Associations;

/// <summary>A record's associations to one type, grouped by target and paged by target id, as v4 answers them.</summary>
public static class AssociationViews
{
    public static (List<AssociatedObjectView> Page, string? NextCursor) Page(
        CrmStore store, string fromTypeId, long fromId, string toTypeId, long afterId, int limit)
    {
        var groups = store.AssociationsOf(fromTypeId, fromId, toTypeId)
            .GroupBy(l => l.ToId)
            .Where(g => g.Key >= afterId)
            .Take(limit + 1)
            .ToList();
        var next = groups.Count > limit ? PagingCursor.Encode(groups[limit].Key) : null;
        var page = groups.Take(limit)
            .Select(g => new AssociatedObjectView(g.Key.ToString(), g.Select(l => new AssociationTypeView(
                l.Category, l.TypeId, store.AssociationTypes.Find(l.FromTypeId, l.ToTypeId, l.TypeId)?.Label)).ToList()))
            .ToList();
        return (page, next);
    }
}
