using Microsoft.Extensions.Options;

namespace MockExams.Grains.Exams;

/// <summary>
/// When the exam's coalesced <c>total_bookings</c> push comes due (whether it is owed at all is
/// <see cref="MockExamState.TotalBookingsOwed"/>): debounced after each change, bounded by the max lag, and backed off
/// while HubSpot does not confirm the pushes. Touched only on the activation's scheduler.
/// </summary>
internal sealed class TotalBookingsPush(IOptions<ExamWriteOptions> options, TimeProvider time)
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);

    /// <summary>The first change this activation has not pushed; null when it knows of none (so the push is due now).</summary>
    private DateTimeOffset? _owedSince;

    /// <summary>When a settle may push (meaningful only while <see cref="_owedSince"/> is set).</summary>
    private DateTimeOffset _dueAt;

    /// <summary>Pushes in a row that HubSpot refused or left unanswered.</summary>
    private int _unconfirmed;

    /// <summary>
    /// A change moved the total: each one moves the push later, up to the max lag after the first unpushed change, so
    /// a rush of flushes costs one exam update. Returns how long until it is due.
    /// </summary>
    public TimeSpan Changed()
    {
        var now = time.GetUtcNow();
        _owedSince ??= now;
        var maxDue = _owedSince.Value + options.Value.TotalBookingsMaxLag;
        var due = now + options.Value.TotalBookingsDelay;
        _dueAt = due < maxDue ? due : maxDue;
        return _dueAt - now;
    }

    /// <summary>Whether a settle may push now.</summary>
    public bool IsDue() => _owedSince is null || time.GetUtcNow() >= _dueAt;

    /// <summary>How long until the push is due; null when this activation knows of no unpushed change.</summary>
    public TimeSpan? DueIn() => _owedSince is null ? null : _dueAt - time.GetUtcNow();

    /// <summary>
    /// A settle's push came back: confirmed, the back-off starts over; refused for this input alone, or answered with
    /// neither result nor error (the push may not have landed), it is due again later, backing off while that goes on.
    /// </summary>
    public void Answered(bool pushed)
    {
        _unconfirmed = pushed ? 0 : _unconfirmed + 1;
        if (!pushed)
        {
            var backOff = options.Value.TotalBookingsDelay * (1 << Math.Min(_unconfirmed, 8));
            _owedSince = time.GetUtcNow();
            _dueAt = _owedSince.Value + (backOff < MaxBackOff ? backOff : MaxBackOff);
        }
    }

    /// <summary>HubSpot holds the total (or the exam takes none any more): nothing is owed until the next change.</summary>
    public void Pushed() => _owedSince = null;
}
