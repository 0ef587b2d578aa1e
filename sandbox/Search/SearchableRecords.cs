using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Search;

/// <summary>
/// The records of one type that search sees, kept in id order and in hs_lastmodifieddate order. A query bounded by
/// either (the ones MockExams sends: id windows, changes since a watermark) costs two binary searches and its page,
/// whatever the portal holds, as a HubSpot search does; any other query tests the records its bounds leave (all of
/// them when it has none). Not thread-safe: <see cref="SearchIndex"/>'s lock guards it.
/// </summary>
public sealed class SearchableRecords
{
    private readonly Dictionary<long, CrmRecord> _live = [];
    private readonly SortedKeys<long> _ids = new();
    private readonly SortedKeys<(long Modified, long Id)> _byModified = new();

    /// <summary>Search stops seeing <paramref name="old"/> (if any) and starts seeing <paramref name="current"/> (unless archived).</summary>
    public void Replace(CrmRecord? old, CrmRecord current)
    {
        var wasLive = old is { Archived: false };
        if (wasLive && Modified(old!) is { } oldModified)
        {
            _byModified.Remove((oldModified, old!.Id));
        }

        if (current.Archived)
        {
            if (wasLive)
            {
                _live.Remove(current.Id);
                _ids.Remove(current.Id);
            }

            return;
        }

        _live[current.Id] = current;
        if (!wasLive)
        {
            _ids.Add(current.Id);
        }

        if (Modified(current) is { } modified)
        {
            _byModified.Add((modified, current.Id));
        }
    }

    /// <summary>The plan's total and its matches at [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="take"/>).</summary>
    public SearchMatches Search(SearchPlan plan, int offset, int take)
    {
        // Walk an index in the asked order when the candidates come from it too; the modified index is usable for
        // order only if every record has a readable hs_lastmodifieddate (the others would sort last).
        if (plan.Order is SearchOrder.IdAscending or SearchOrder.IdDescending && (plan.Ids is not null || plan.Modified is null))
        {
            var (from, to) = IdPositions(plan.Ids);
            return Walk(IdsBetween(from, to, plan.Order == SearchOrder.IdDescending), to - from, plan.IdsExact, plan, offset, take);
        }

        if (plan.Order is SearchOrder.ModifiedAscending or SearchOrder.ModifiedDescending && _byModified.Count == _live.Count
            && (plan.Modified is not null || plan.Ids is null))
        {
            var (from, to) = ModifiedPositions(plan.Modified);
            return Walk(ModifiedBetween(from, to, plan.Order == SearchOrder.ModifiedDescending), to - from, plan.ModifiedExact, plan, offset, take);
        }

        var candidates = plan.Ids is not null || plan.Modified is null
            ? IdsBetween(IdPositions(plan.Ids), descending: false)
            : ModifiedBetween(ModifiedPositions(plan.Modified), descending: false);
        var matches = candidates.Select(id => _live[id]).Where(plan.Matches).ToList();
        matches.Sort(plan.Compare);
        return new SearchMatches(matches.Count, matches.Skip(offset).Take(take).ToList());
    }

    // Ids already in the asked order: an exact range is counted and only its page is read; otherwise each is tested.
    private SearchMatches Walk(IEnumerable<long> ids, int count, bool exact, SearchPlan plan, int offset, int take)
    {
        if (exact)
        {
            return new SearchMatches(Math.Max(0, count), ids.Skip(offset).Take(take).Select(id => _live[id]).ToList());
        }

        var total = 0;
        var page = new List<CrmRecord>(take);
        foreach (var record in ids.Select(id => _live[id]).Where(plan.Matches))
        {
            if (total >= offset && page.Count < take)
            {
                page.Add(record);
            }

            total++;
        }

        return new SearchMatches(total, page);
    }

    private (int From, int To) IdPositions(KeyRange? range) =>
        range is { } r ? (_ids.LowerBound(r.Low), Math.Max(_ids.LowerBound(r.Low), _ids.UpperBound(r.High))) : (0, _ids.Count);

    private (int From, int To) ModifiedPositions(KeyRange? range)
    {
        if (range is not { } r)
        {
            return (0, _byModified.Count);
        }

        var from = _byModified.LowerBound((r.Low, long.MinValue));
        return (from, Math.Max(from, _byModified.UpperBound((r.High, long.MaxValue))));
    }

    private IEnumerable<long> IdsBetween((int From, int To) positions, bool descending) =>
        IdsBetween(positions.From, positions.To, descending);

    private IEnumerable<long> IdsBetween(int from, int to, bool descending)
    {
        for (var i = 0; i < to - from; i++)
        {
            yield return _ids[descending ? to - 1 - i : from + i];
        }
    }

    private IEnumerable<long> ModifiedBetween((int From, int To) positions, bool descending) =>
        ModifiedBetween(positions.From, positions.To, descending);

    // Ties are broken by ascending id in both directions (HubSpot's order within a timestamp is unspecified; this is the sandbox's).
    private IEnumerable<long> ModifiedBetween(int from, int to, bool descending)
    {
        if (!descending)
        {
            for (var i = from; i < to; i++)
            {
                yield return _byModified[i].Id;
            }

            yield break;
        }

        var end = to;
        while (end > from)
        {
            var start = end - 1;
            while (start > from && _byModified[start - 1].Modified == _byModified[end - 1].Modified)
            {
                start--;
            }

            for (var i = start; i < end; i++)
            {
                yield return _byModified[i].Id;
            }

            end = start;
        }
    }

    private static long? Modified(CrmRecord record) =>
        record.Get("hs_lastmodifieddate") is { } text && HubSpotTime.TryParseEpochMs(text, out var epochMs) ? epochMs : null;
}
