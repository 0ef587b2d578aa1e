namespace MockExams.Sandbox.Crm;

/// <summary>
/// Distinct keys kept in order in one array, so the start of a page or the size of a range is a binary search: what
/// list and search need so that a call costs the same whatever the portal holds. HubSpot hands out ids in increasing
/// order, so an add is almost always an append; a removal moves the keys after it (one memory copy, microseconds at
/// 100,000 keys). Not thread-safe: its owner's lock guards it.
/// </summary>
public sealed class SortedKeys<TKey> where TKey : IComparable<TKey>
{
    private readonly List<TKey> _keys = [];

    public int Count => _keys.Count;

    public TKey this[int index] => _keys[index];

    public void Add(TKey key)
    {
        if (_keys.Count == 0 || _keys[^1].CompareTo(key) < 0)
        {
            _keys.Add(key);
            return;
        }

        var index = _keys.BinarySearch(key);
        if (index < 0)
        {
            _keys.Insert(~index, key);
        }
    }

    public void Remove(TKey key)
    {
        var index = _keys.BinarySearch(key);
        if (index >= 0)
        {
            _keys.RemoveAt(index);
        }
    }

    /// <summary>The position of the first key at or above <paramref name="key"/>; <see cref="Count"/> when there is none.</summary>
    public int LowerBound(TKey key)
    {
        var index = _keys.BinarySearch(key);
        return index >= 0 ? index : ~index;
    }

    /// <summary>The position after the last key at or below <paramref name="key"/>.</summary>
    public int UpperBound(TKey key)
    {
        var index = _keys.BinarySearch(key);
        return index >= 0 ? index + 1 : ~index;
    }

    public void Clear() => _keys.Clear();
}
