using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Crm;

/// <summary>Validation of one write input before anything in the batch is applied.</summary>
public sealed partial class CrmStore
{
    private WritePlan PlanLocked(
        ObjectTypeDefinition type, WriteRequest input, WriteMode mode, SandboxSettings settings, DateTimeOffset now,
        HashSet<(string Property, string Value)> claimed)
    {
        if (input.InjectedRefusal is { } refusal)
        {
            return new WritePlan(input, null, input.Properties, refusal);
        }

        if (PropertyValidation.Check(type, input.Properties) is { } invalid)
        {
            return new WritePlan(input, null, input.Properties, invalid);
        }

        CrmRecord? target = null;
        var properties = input.Properties;
        if (mode != WriteMode.Create)
        {
            if (input.IdProperty is { } idProperty and not "hs_object_id"
                && !type.UniqueProperties.Any(p => p.Name == idProperty))
            {
                return new WritePlan(input, null, properties, CrmError.Validation(
                    $"Property {idProperty} is not a unique identifier property of {type.Name}; use hs_object_id or a unique-value property"));
            }

            if (mode == WriteMode.Upsert && input.IdProperty is null or "hs_object_id")
            {
                return new WritePlan(input, null, properties, CrmError.Validation("Upsert requires idProperty naming a unique-value property"));
            }

            target = FindLocked(type, input.IdValue ?? "", input.IdProperty, archived: false);
            if (target is null && mode == WriteMode.Update)
            {
                return new WritePlan(input, null, properties, CrmError.NotFound(
                    "resource not found", new Dictionary<string, IReadOnlyList<string>> { ["ids"] = [input.IdValue ?? ""] }));
            }

            if (target is null)
            {
                properties = new Dictionary<string, string?>(properties) { [input.IdProperty!] = input.IdValue };
            }
        }

        if (target is not null && IsLockedLocked(type, target.Id, settings, now))
        {
            return new WritePlan(input, target, properties, new CrmError(StatusCodes.Status423Locked, "LOCKED",
                $"Object {target.Id} is locked by too many concurrent writes; wait {settings.LockWindowMs} ms before writing it again"));
        }

        var claims = new List<(string Property, string Value)>();
        foreach (var unique in type.UniqueProperties)
        {
            if (properties.GetValueOrDefault(unique.Name) is not { Length: > 0 } value)
            {
                continue;
            }

            var normalized = NormalizeUnique(unique.Name, value);
            if (_unique.TryGetValue((type.ObjectTypeId, unique.Name, normalized), out var owner) && owner != target?.Id)
            {
                return new WritePlan(input, target, properties, UniqueConflict.Describe(type, unique.Name, value, owner, settings));
            }

            if (claimed.Contains((unique.Name, normalized)))
            {
                return new WritePlan(input, target, properties, UniqueConflict.Describe(type, unique.Name, value, null, settings));
            }

            claims.Add((unique.Name, normalized));
        }

        if (target is null && CheckAssociationsLocked(type, input.Associations ?? []) is { } badAssociation)
        {
            return new WritePlan(input, null, properties, badAssociation);
        }

        claimed.UnionWith(claims);
        return new WritePlan(input, target, properties, null);
    }

    private CrmError? CheckAssociationsLocked(ObjectTypeDefinition type, IReadOnlyList<AssociationRequest> associations)
    {
        foreach (var association in associations)
        {
            var definition = associationTypes.ForType(type.ObjectTypeId, association.TypeId);
            if (definition is null || definition.Category != association.Category)
            {
                return CrmError.Validation(
                    $"{association.Category} {association.TypeId} is not a valid association type from {type.Name}");
            }

            if (!IsLive(definition.ToTypeId, association.ToId))
            {
                return CrmError.Validation(
                    $"Cannot associate to {definition.ToTypeId} {association.ToId}: the record does not exist",
                    new CrmErrorDetail($"Object {association.ToId} of type {definition.ToTypeId} not found", "INVALID_ASSOCIATION"));
            }
        }

        return null;
    }

    private bool IsLockedLocked(ObjectTypeDefinition type, long id, SandboxSettings settings, DateTimeOffset now)
    {
        if (settings.LockThreshold <= 0 || !_recentWrites.TryGetValue((type.ObjectTypeId, id), out var writes))
        {
            return false;
        }

        var windowStart = now.AddMilliseconds(-settings.LockWindowMs);
        while (writes.TryPeek(out var oldest) && oldest < windowStart)
        {
            writes.Dequeue();
        }

        return writes.Count >= settings.LockThreshold;
    }
}
