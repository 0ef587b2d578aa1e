using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;

namespace MockExams.Sandbox.Search;

/// <summary>
/// What search sees. HubSpot's search is eventually consistent: a write shows up (and an archive
/// disappears) only after an indexing delay, and until then search answers with the older version.
/// Each new version waits in a queue until SearchLagMs has passed.
/// </summary>
public sealed class SearchIndex(SandboxConfig config, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<CrmRecord, (DateTimeOffset Due, long Sequence)> _pending = new();
    private readonly Dictionary<(string TypeId, long Id), (CrmRecord Version, long Sequence)> _visible = [];
    private long _sequence;

    /// <summary>Queues a record's new version; immediate ones (seeded data) are visible at once.</summary>
    public void Enqueue(CrmRecord version, bool immediate)
    {
        lock (_lock)
        {
            var due = immediate ? DateTimeOffset.MinValue : time.GetUtcNow().AddMilliseconds(config.Current.SearchLagMs);
            _pending.Enqueue(version, (due, _sequence++));
        }
    }

    /// <summary>The indexed, unarchived records of one type, in id order.</summary>
    public IReadOnlyList<CrmRecord> Visible(string objectTypeId)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            while (_pending.TryPeek(out _, out var priority) && priority.Due <= now)
            {
                var version = _pending.Dequeue();
                var key = (version.ObjectTypeId, version.Id);
                // A lag shortened at run time can make a newer version due first; never let an older one win.
                if (_visible.TryGetValue(key, out var current) && current.Sequence > priority.Sequence)
                {
                    continue;
                }

                _visible[key] = (version, priority.Sequence);
            }

            return _visible.Values
                .Select(v => v.Version)
                .Where(r => r.ObjectTypeId == objectTypeId && !r.Archived)
                .OrderBy(r => r.Id)
                .ToList();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _pending.Clear();
            _visible.Clear();
        }
    }
}
