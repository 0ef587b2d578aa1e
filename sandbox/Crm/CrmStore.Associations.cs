using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Crm;

public sealed partial class CrmStore
{
    /// <summary>Associates two live records with a type and its inverse; HubSpot keeps both directions.</summary>
    public CrmError? Associate(AssociationTypeDefinition type, long fromId, long toId)
    {
        lock (_lock)
        {
            if (!IsLive(type.FromTypeId, fromId) || !IsLive(type.ToTypeId, toId))
            {
                var missing = IsLive(type.FromTypeId, fromId) ? toId : fromId;
                return CrmError.NotFound($"No object with id {missing} exists",
                    new Dictionary<string, IReadOnlyList<string>> { ["id"] = [missing.ToString()] });
            }

            LinkLocked(type, fromId, toId);
            Interlocked.Increment(ref _version);
            return null;
        }
    }

    /// <summary>Removes every association, in both directions, between two records.</summary>
    public void Disassociate(string fromTypeId, long fromId, string toTypeId, long toId)
    {
        lock (_lock)
        {
            if (_links.TryGetValue((fromTypeId, fromId), out var outgoing))
            {
                outgoing.RemoveWhere(l => l.ToTypeId == toTypeId && l.ToId == toId);
            }

            if (_links.TryGetValue((toTypeId, toId), out var incoming))
            {
                incoming.RemoveWhere(l => l.ToTypeId == fromTypeId && l.ToId == fromId);
            }

            Interlocked.Increment(ref _version);
        }
    }

    public bool Exists(string typeId, long id)
    {
        lock (_lock)
        {
            return IsLive(typeId, id);
        }
    }

    private void LinkLocked(AssociationTypeDefinition type, long fromId, long toId)
    {
        var inverse = associationTypes.Inverse(type);
        AddLinkLocked(new AssociationLink(type.FromTypeId, fromId, type.ToTypeId, toId, type.Category, type.TypeId));
        AddLinkLocked(new AssociationLink(inverse.FromTypeId, toId, inverse.ToTypeId, fromId, inverse.Category, inverse.TypeId));
    }
}
