using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Crm;

public sealed partial class CrmStore
{
    public BatchWriteOutcome Create(ObjectTypeDefinition type, IReadOnlyList<WriteRequest> inputs, ChangeSource source) =>
        Write(type, inputs, source, WriteMode.Create);

    public BatchWriteOutcome Update(ObjectTypeDefinition type, IReadOnlyList<WriteRequest> inputs, ChangeSource source) =>
        Write(type, inputs, source, WriteMode.Update);

    public BatchWriteOutcome Upsert(ObjectTypeDefinition type, IReadOnlyList<WriteRequest> inputs, ChangeSource source) =>
        Write(type, inputs, source, WriteMode.Upsert);

    /// <summary>Archives live records; returns the ones that were live (the others are silently skipped).</summary>
    public IReadOnlyList<CrmRecord> Archive(ObjectTypeDefinition type, IReadOnlyList<(string IdValue, string? IdProperty)> ids, ChangeSource source)
    {
        var changes = new List<RecordChange>();
        var archived = new List<CrmRecord>();
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var (idValue, idProperty) in ids)
            {
                if (FindLocked(type, idValue, idProperty, archived: false) is not { } live)
                {
                    continue;
                }

                var version = live with { Archived = true, ArchivedAt = now, UpdatedAt = now };
                _records[version.Id] = version;
                IdsLocked(type.ObjectTypeId, archived: false).Remove(version.Id);
                IdsLocked(type.ObjectTypeId, archived: true).Add(version.Id);
                IndexUniqueLocked(live, add: false);
                _occupancy.Replace(live, version);
                searchIndex.Enqueue(version, immediate: source == ChangeSource.Seed);
                Changed(changes, new RecordChange(ChangeKind.Deletion, type.ObjectTypeId, version.Id, null, null, now, source));
                archived.Add(version);
            }

            if (archived is not [])
            {
                _occupancy.Commit(now);
                Interlocked.Increment(ref _version);
            }
        }

        Publish(changes);
        return archived;
    }

    private BatchWriteOutcome Write(ObjectTypeDefinition type, IReadOnlyList<WriteRequest> inputs, ChangeSource source, WriteMode mode)
    {
        var changes = new List<RecordChange>();
        BatchWriteOutcome outcome;
        lock (_lock)
        {
            outcome = WriteLocked(type, inputs, source, mode, changes);
            _occupancy.Commit(time.GetUtcNow());
        }

        Publish(changes);
        return outcome;
    }

    private BatchWriteOutcome WriteLocked(
        ObjectTypeDefinition type, IReadOnlyList<WriteRequest> inputs, ChangeSource source, WriteMode mode, List<RecordChange> changes)
    {
        if (mode != WriteMode.Create
            && inputs.GroupBy(i => (i.IdProperty, i.IdValue)).Where(g => g.Count() > 1).Select(g => g.Key.IdValue).ToList() is [_, ..] duplicates)
        {
            return BatchWriteOutcome.Reject(CrmError.Validation($"Duplicate IDs found in batch input: [{string.Join(", ", duplicates)}]. IDs must be unique"));
        }

        var now = time.GetUtcNow();
        var settings = config.Current;
        var claimed = new HashSet<(string Property, string Value)>();
        var plans = inputs.Select(input => PlanLocked(type, input, mode, settings, now, claimed)).ToList();

        // Inputs with an objectWriteTraceId may fail alone; any other failure rejects the whole batch, as in HubSpot.
        if (plans.FirstOrDefault(p => p.Error is not null && p.Input.ObjectWriteTraceId is null) is { Error: { } fatal })
        {
            return BatchWriteOutcome.Reject(fatal);
        }

        var results = plans
            .Select(p => p.Error is { } error
                ? new WriteResult(p.Input, null, error.WithTraceId(p.Input.ObjectWriteTraceId), false)
                : ApplyLocked(type, p, source, now, changes))
            .ToList();
        return new BatchWriteOutcome(null, results);
    }

    private WriteResult ApplyLocked(ObjectTypeDefinition type, WritePlan plan, ChangeSource source, DateTimeOffset now, List<RecordChange> changes)
    {
        var stamp = HubSpotTime.Format(now);
        if (plan.Target is not { } target)
        {
            var id = _nextId++;
            var properties = plan.Properties
                .Where(p => !string.IsNullOrEmpty(p.Value))
                .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
            properties["hs_object_id"] = id.ToString();
            properties[type.CreatedProperty] = stamp;
            properties[type.LastModifiedProperty] = stamp;
            properties["hs_createdate"] = stamp;
            properties["hs_lastmodifieddate"] = stamp;
            var created = new CrmRecord(id, type.ObjectTypeId, properties, now, now, false, null);
            _records[id] = created;
            IdsLocked(type.ObjectTypeId, archived: false).Add(id);
            IndexUniqueLocked(created, add: true);
            _occupancy.Replace(null, created);
            foreach (var association in plan.Input.Associations ?? [])
            {
                var definition = associationTypes.ForType(type.ObjectTypeId, association.TypeId)!;   // checked by PlanLocked
                LinkLocked(definition, id, association.ToId);
            }

            Changed(changes, new RecordChange(ChangeKind.Creation, type.ObjectTypeId, id, null, null, now, source));
            foreach (var (name, value) in plan.Properties.Where(p => !string.IsNullOrEmpty(p.Value)).OrderBy(p => p.Key))
            {
                Changed(changes, new RecordChange(ChangeKind.PropertyChange, type.ObjectTypeId, id, name, value, now, source));
            }

            CommitLocked(created, source, now);
            return new WriteResult(plan.Input, created, null, Created: true);
        }

        var merged = new Dictionary<string, string>(target.Properties, StringComparer.Ordinal);
        var changed = new List<(string Name, string Value)>();
        foreach (var (name, value) in plan.Properties)
        {
            var current = merged.GetValueOrDefault(name);
            if (string.IsNullOrEmpty(value))
            {
                if (merged.Remove(name))
                {
                    changed.Add((name, ""));
                }
            }
            else if (current != value)
            {
                merged[name] = value;
                changed.Add((name, value));
            }
        }

        if (changed is [])
        {
            return new WriteResult(plan.Input, target, null, Created: false);
        }

        merged[type.LastModifiedProperty] = stamp;
        merged["hs_lastmodifieddate"] = stamp;
        var updated = target with { Properties = merged, UpdatedAt = now };
        _records[updated.Id] = updated;
        IndexUniqueLocked(target, add: false);
        IndexUniqueLocked(updated, add: true);
        _occupancy.Replace(target, updated);
        foreach (var (name, value) in changed)
        {
            Changed(changes, new RecordChange(ChangeKind.PropertyChange, type.ObjectTypeId, updated.Id, name, value, now, source));
        }

        CommitLocked(updated, source, now);
        return new WriteResult(plan.Input, updated, null, Created: false);
    }

    private void CommitLocked(CrmRecord version, ChangeSource source, DateTimeOffset now)
    {
        var key = (version.ObjectTypeId, version.Id);
        if (!_recentWrites.TryGetValue(key, out var writes))
        {
            _recentWrites[key] = writes = new Queue<DateTimeOffset>();
        }

        writes.Enqueue(now);
        var windowStart = now.AddMilliseconds(-config.Current.LockWindowMs);
        while (writes.TryPeek(out var oldest) && oldest < windowStart)
        {
            writes.Dequeue();
        }

        searchIndex.Enqueue(version, immediate: source == ChangeSource.Seed);
        Interlocked.Increment(ref _version);
    }

    private static void Changed(List<RecordChange> changes, RecordChange change)
    {
        // Seeded data was "already there": nobody is told about it.
        if (change.Source != ChangeSource.Seed)
        {
            changes.Add(change);
        }
    }
}
