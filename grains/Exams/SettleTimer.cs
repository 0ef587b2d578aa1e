namespace MockExams.Grains.Exams;

/// <summary>
/// An exam activation's one pending settle: a grain timer due at the earliest time anything asked for. Touched only
/// on the activation's scheduler.
/// </summary>
internal sealed class SettleTimer(TimeProvider time)
{
    private IGrainTimer? _timer;
    private DateTimeOffset _dueAt;

    /// <summary>
    /// Brings the pending settle forward to <paramref name="due"/> from now (never later); with none pending, starts
    /// one through <paramref name="start"/>, which registers the grain timer.
    /// </summary>
    public void Schedule(TimeSpan due, Func<TimeSpan, IGrainTimer> start)
    {
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        var dueAt = time.GetUtcNow() + due;
        if (_timer is not null && _dueAt <= dueAt)
        {
            return;
        }

        _dueAt = dueAt;
        if (_timer is not null)
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
            return;
        }

        _timer = start(due);
    }

    /// <summary>The timer fired (its settle is queued): the next <see cref="Schedule"/> starts a new one.</summary>
    public void Fired()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
