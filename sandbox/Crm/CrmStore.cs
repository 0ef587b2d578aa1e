using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Occupancy;
using MockExams.Sandbox.Search;

namespace MockExams.Sandbox.Crm;

/// <summary>
/// The portal's records and associations, in memory. One lock guards everything: a batch is validated
/// and applied under it, so "one bad input rejects the whole batch" is atomic. Every call holds it briefly: ids are
/// also kept in order per type (<see cref="SortedKeys{TKey}"/>), so a list page costs the same whatever the portal
/// holds, and the sandbox is never the bottleneck of a benchmark (HubSpot's budget is). Listeners hear of changes
/// after the lock.
/// </summary>
public sealed partial class CrmStore(
    ObjectTypeCatalog types,
    AssociationCatalog associationTypes,
    SearchIndex searchIndex,
    SandboxConfig config,
    TimeProvider time,
    IEnumerable<IRecordChangeListener> listeners)
{
    // HubSpot ids are large numbers; starting above int.MaxValue catches clients that parse them as int.
    private const long FirstId = 10_000_000_001;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, CrmRecord> _records = [];
    private readonly Dictionary<(string TypeId, long Id), HashSet<AssociationLink>> _links = [];
    private readonly Dictionary<(string TypeId, string Property, string Value), long> _unique = [];
    private readonly Dictionary<(string TypeId, long Id), Queue<DateTimeOffset>> _recentWrites = [];
    private readonly Dictionary<(string TypeId, bool Archived), SortedKeys<long>> _ids = [];
    private readonly ExamOccupancy _occupancy = new(types);
    private long _nextId = FirstId;
    private long _version;

    public ObjectTypeCatalog Types => types;

    public AssociationCatalog AssociationTypes => associationTypes;

    /// <summary>Grows on every change; the data file is written when it moved.</summary>
    public long Version => Interlocked.Read(ref _version);

    public CrmRecord? Get(ObjectTypeDefinition type, long id, bool archived)
    {
        lock (_lock)
        {
            return _records.TryGetValue(id, out var record) && record.ObjectTypeId == type.ObjectTypeId && record.Archived == archived
                ? record
                : null;
        }
    }

    /// <summary>Finds a record by id (idProperty null or hs_object_id) or by a unique property's value.</summary>
    public CrmRecord? Find(ObjectTypeDefinition type, string idValue, string? idProperty, bool archived)
    {
        lock (_lock)
        {
            return FindLocked(type, idValue, idProperty, archived);
        }
    }

    /// <summary>Up to <paramref name="count"/> records of a type, archived or not as asked, from id <paramref name="fromId"/> up, in id order.</summary>
    public IReadOnlyList<CrmRecord> ListPage(ObjectTypeDefinition type, bool archived, long fromId, int count)
    {
        lock (_lock)
        {
            var ids = IdsLocked(type.ObjectTypeId, archived);
            var page = new List<CrmRecord>(Math.Min(count, ids.Count));
            for (var i = ids.LowerBound(fromId); i < ids.Count && page.Count < count; i++)
            {
                page.Add(_records[ids[i]]);
            }

            return page;
        }
    }

    /// <summary>The live records a record is associated with, of one target type.</summary>
    public IReadOnlyList<AssociationLink> AssociationsOf(string fromTypeId, long fromId, string toTypeId)
    {
        lock (_lock)
        {
            return LinksLocked(fromTypeId, fromId)
                .Where(l => l.ToTypeId == toTypeId && IsLive(l.ToTypeId, l.ToId))
                .OrderBy(l => l.ToId)
                .ThenBy(l => l.TypeId)
                .ToList();
        }
    }

    /// <summary>Each exam's seats now and their high-water marks (all exams, or those asked for).</summary>
    public IReadOnlyList<ExamSeatMarks> SeatMarks(IReadOnlyCollection<long>? examIds = null)
    {
        lock (_lock)
        {
            return _occupancy.Marks(examIds);
        }
    }

    /// <summary>Every exam whose active bookings ever exceeded its capacity, at any committed instant.</summary>
    public IReadOnlyList<OverCapacityMark> OverCapacityExams()
    {
        lock (_lock)
        {
            return _occupancy.OverCapacity();
        }
    }

    public StoreSnapshot Export()
    {
        lock (_lock)
        {
            return new StoreSnapshot(
                _nextId,
                _records.Values.OrderBy(r => r.Id).ToList(),
                _links.Values.SelectMany(l => l).OrderBy(l => l.FromId).ThenBy(l => l.ToId).ToList());
        }
    }

    /// <summary>Replaces everything with a snapshot (data file at start); all of it is searchable at once.</summary>
    public void Import(StoreSnapshot snapshot)
    {
        lock (_lock)
        {
            ClearLocked();
            _nextId = Math.Max(FirstId, snapshot.NextId);
            foreach (var record in snapshot.Records)
            {
                _records[record.Id] = record;
                IdsLocked(record.ObjectTypeId, record.Archived).Add(record.Id);
                if (!record.Archived)
                {
                    IndexUniqueLocked(record, add: true);
                }

                searchIndex.Enqueue(record, immediate: true);
            }

            foreach (var link in snapshot.Associations)
            {
                AddLinkLocked(link);
            }

            _occupancy.Rebuild(snapshot.Records, time.GetUtcNow());
            Interlocked.Increment(ref _version);
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            ClearLocked();
            _nextId = FirstId;
            Interlocked.Increment(ref _version);
        }
    }

    private void ClearLocked()
    {
        _records.Clear();
        _links.Clear();
        _unique.Clear();
        _recentWrites.Clear();
        _ids.Clear();
        _occupancy.Clear();
        searchIndex.Clear();
    }

    private CrmRecord? FindLocked(ObjectTypeDefinition type, string idValue, string? idProperty, bool archived)
    {
        if (idProperty is null or "hs_object_id")
        {
            return long.TryParse(idValue, out var id) && _records.TryGetValue(id, out var byId)
                   && byId.ObjectTypeId == type.ObjectTypeId && byId.Archived == archived
                ? byId
                : null;
        }

        if (!archived)
        {
            return _unique.TryGetValue((type.ObjectTypeId, idProperty, NormalizeUnique(idProperty, idValue)), out var uniqueId)
                ? _records[uniqueId]
                : null;
        }

        return _records.Values.FirstOrDefault(r => r.ObjectTypeId == type.ObjectTypeId && r.Archived
            && string.Equals(r.Get(idProperty), idValue, UniqueComparison(idProperty)));
    }

    private SortedKeys<long> IdsLocked(string typeId, bool archived)
    {
        if (!_ids.TryGetValue((typeId, archived), out var ids))
        {
            _ids[(typeId, archived)] = ids = new SortedKeys<long>();
        }

        return ids;
    }

    private bool IsLive(string typeId, long id) =>
        _records.TryGetValue(id, out var record) && record.ObjectTypeId == typeId && !record.Archived;

    private IEnumerable<AssociationLink> LinksLocked(string typeId, long id) =>
        _links.TryGetValue((typeId, id), out var links) ? links : [];

    private void AddLinkLocked(AssociationLink link)
    {
        var key = (link.FromTypeId, link.FromId);
        if (!_links.TryGetValue(key, out var set))
        {
            _links[key] = set = [];
        }

        set.Add(link);
    }

    private void IndexUniqueLocked(CrmRecord record, bool add)
    {
        foreach (var property in types.All.First(t => t.ObjectTypeId == record.ObjectTypeId).UniqueProperties)
        {
            if (record.Get(property.Name) is not { } value)
            {
                continue;
            }

            var key = (record.ObjectTypeId, property.Name, NormalizeUnique(property.Name, value));
            if (add)
            {
                _unique[key] = record.Id;
            }
            else if (_unique.TryGetValue(key, out var owner) && owner == record.Id)
            {
                _unique.Remove(key);
            }
        }
    }

    // HubSpot stores emails in lower case; other unique values are matched exactly (case rules unconfirmed).
    private static string NormalizeUnique(string property, string value) =>
        property == "email" ? value.Trim().ToLowerInvariant() : value;

    private static StringComparison UniqueComparison(string property) =>
        property == "email" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private void Publish(List<RecordChange> changes)
    {
        if (changes is [])
        {
            return;
        }

        foreach (var listener in listeners)
        {
            listener.OnChanges(changes);
        }
    }
}
