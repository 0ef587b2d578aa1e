using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.Exams.Fixtures;

/// <summary>
/// What a test decides about HubSpot's budget on top of the real governor: lanes it refuses, as the governor refuses
/// them when the shared bucket is spent, and optionally how many more calls it lets through before refusing every lane.
/// </summary>
public sealed class BudgetGate
{
    private readonly Lock _lock = new();
    private readonly HashSet<HubSpotLane> _closed = [];
    private int? _grantsLeft;

    /// <summary>The Retry-After a refusal carries (what the governor would estimate).</summary>
    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Lets <paramref name="grants"/> more calls through, then refuses every lane.</summary>
    public void CloseAfter(int grants)
    {
        lock (_lock)
        {
            _grantsLeft = grants;
        }
    }

    /// <summary>Opens the given lanes, or every lane (and forgets <see cref="CloseAfter"/>) when none is given.</summary>
    public void Open(params HubSpotLane[] lanes)
    {
        lock (_lock)
        {
            if (lanes is [])
            {
                _closed.Clear();
                _grantsLeft = null;
                return;
            }

            _closed.ExceptWith(lanes);
        }
    }

    /// <summary>Whether a call of this lane may go on to the real governor; counts it against <see cref="CloseAfter"/>.</summary>
    public bool Admits(HubSpotLane lane)
    {
        lock (_lock)
        {
            if (_closed.Contains(lane))
            {
                return false;
            }

            if (_grantsLeft is { } left)
            {
                if (left == 0)
                {
                    _closed.UnionWith(Enum.GetValues<HubSpotLane>());
                    _grantsLeft = null;
                    return false;
                }

                _grantsLeft = left - 1;
            }

            return true;
        }
    }
}
