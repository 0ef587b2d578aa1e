using System.Threading.Channels;
using MockExams.Catalog;

namespace MockExams.Api.Events;

/// <summary>
/// One open stream's mailbox. The feed offers every change in O(1) and never waits: changes to one exam that the
/// stream has not written yet collapse into the newest, so a slow client holds at most one pending change per exam
/// and never slows the feed or other clients. Changes are taken in the order of their numbers (a collapsed change
/// moves to the back). Taken by the stream's writer only; disposing it leaves the feed.
/// </summary>
internal sealed class ExamEventSubscription(string? examId, ExamFilter filter, Action<ExamEventSubscription> leave) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ExamChange> _pending = new(StringComparer.Ordinal);
    private Queue<ExamChange> _order = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _closed = new();

    /// <summary>The one exam this stream watches; null for every exam that matches <see cref="Filter"/>.</summary>
    public string? ExamId { get; } = examId;

    public ExamFilter Filter { get; } = filter;

    /// <summary>Cancelled when the feed can no longer promise this stream every change (it stopped hearing Redis).</summary>
    public CancellationToken Closed => _closed.Token;

    public bool Watches(string examId) => ExamId is null || string.Equals(ExamId, examId, StringComparison.Ordinal);

    public void Offer(ExamChange change)
    {
        lock (_lock)
        {
            _pending[change.ExamId] = change;
            _order.Enqueue(change);
            if (_order.Count > 2 * _pending.Count + 64)
            {
                // Collapsed changes left their places behind: keep the queue as small as the mailbox.
                _order = new Queue<ExamChange>(_pending.Values.OrderBy(pending => pending.Sequence));
            }
        }

        _wake.Writer.TryWrite(true);
    }

    public bool TryTake(out ExamChange change)
    {
        lock (_lock)
        {
            while (_order.TryDequeue(out var next))
            {
                if (_pending.TryGetValue(next.ExamId, out var pending) && ReferenceEquals(pending, next))
                {
                    _pending.Remove(next.ExamId);
                    change = next;
                    return true;
                }
            }
        }

        change = null!;
        return false;
    }

    /// <summary>Waits for an offer; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _wake.Reader.WaitToReadAsync(wait.Token);
            _wake.Reader.TryRead(out _);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Close()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended meanwhile: nothing left to close.
        }
    }

    public void Dispose()
    {
        leave(this);
        _closed.Dispose();
    }
}
