using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;

namespace MockExams.Sandbox.Search;

/// <summary>
/// What search sees. HubSpot's search is eventually consistent: a write shows up (and an archive
/// disappears) only after an indexing delay, and until then search answers with the older version.
/// Each new version waits in a queue until SearchLagMs has passed; then it replaces the older one in its
/// type's <see cref="SearchableRecords"/>, which answer queries without reading the whole portal.
/// </summary>
public sealed class SearchIndex(SandboxConfig config, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<CrmRecord, (DateTimeOffset Due, long Sequence)> _pending = new();
    private readonly Dictionary<(string TypeId, long Id), (CrmRecord Version, long Sequence)> _visible = [];
    private readonly Dictionary<string, SearchableRecords> _byType = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Queues a record's new version; immediate ones (seeded data) are visible at once.</summary>
    public void Enqueue(CrmRecord version, bool immediate)
    {
        lock (_lock)
        {
            if (immediate)
            {
                ShowLocked(version, _sequence++);
                return;
            }

            _pending.Enqueue(version, (time.GetUtcNow().AddMilliseconds(config.Current.SearchLagMs), _sequence++));
        }
    }

    /// <summary>Runs a query against the indexed, unarchived records of one type: its total and one page of matches.</summary>
    public SearchMatches Search(string objectTypeId, SearchPlan plan, int offset, int take)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            while (_pending.TryPeek(out _, out var priority) && priority.Due <= now)
            {
                ShowLocked(_pending.Dequeue(), priority.Sequence);
            }

            return _byType.TryGetValue(objectTypeId, out var records) ? records.Search(plan, offset, take) : new SearchMatches(0, []);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _pending.Clear();
            _visible.Clear();
            _byType.Clear();
        }
    }

    private void ShowLocked(CrmRecord version, long sequence)
    {
        var key = (version.ObjectTypeId, version.Id);
        var current = _visible.GetValueOrDefault(key);
        // A lag shortened at run time can make a newer version due first; never let an older one win.
        if (current.Version is not null && current.Sequence > sequence)
        {
            return;
        }

        _visible[key] = (version, sequence);
        if (!_byType.TryGetValue(version.ObjectTypeId, out var records))
        {
            _byType[version.ObjectTypeId] = records = new SearchableRecords();
        }

        records.Replace(current.Version, version);
    }
}
