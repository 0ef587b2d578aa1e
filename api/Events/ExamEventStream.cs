using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace MockExams.Api.Events;

/// <summary>
/// What one stream writes: the exams it starts with (a snapshot, or the changes after its <c>Last-Event-ID</c>),
/// a <c>ready</c> event, then every change from its mailbox, with a <c>heartbeat</c> event whenever it was quiet
/// for a while. Only changes carry ids, in increasing order, so a client's <c>Last-Event-ID</c> is always a point
/// up to which it has seen everything; the starting exams carry none and <c>ready</c> carries the mark.
/// </summary>
internal sealed class ExamEventStream(
    ExamEventSubscription subscription, string epoch, long mark, IReadOnlyList<ExamChange> initial, bool resumed,
    ExamEventsOptions options)
{
    public const string ExamEvent = "exam";
    public const string RemovedEvent = "removed";
    public const string ReadyEvent = "ready";
    public const string HeartbeatEvent = "heartbeat";

    // Sequence of the newest change written per exam: an older one still in the mailbox is not written after it.
    private readonly Dictionary<string, long> _written = new(StringComparer.Ordinal);
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);

    public async IAsyncEnumerable<SseItem<string>> WriteAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, subscription.Closed);
        var count = 0;
        foreach (var change in initial)
        {
            if (Frame(change, withId: false) is { } frame)
            {
                count++;
                yield return frame;
            }
        }

        var ready = JsonSerializer.Serialize(new StreamReady(count, resumed), ExamEventJson.Default.StreamReady);
        yield return new SseItem<string>(ready, ReadyEvent)
        {
            EventId = new ExamEventId(epoch, mark).ToString(),
            ReconnectionInterval = TimeSpan.FromMilliseconds(options.ReconnectMilliseconds),
        };

        var heartbeat = TimeSpan.FromSeconds(options.HeartbeatSeconds);
        while (!ending.IsCancellationRequested)
        {
            var wake = await NextAsync(heartbeat, ending.Token);
            if (wake == Wake.End)
            {
                yield break;   // the client left, or the feed closed this stream
            }

            if (wake == Wake.Quiet)
            {
                yield return new SseItem<string>("", HeartbeatEvent);
                continue;
            }

            while (subscription.TryTake(out var change))
            {
                if (Frame(change, withId: true) is { } frame)
                {
                    yield return frame;
                }
            }
        }
    }

    private async Task<Wake> NextAsync(TimeSpan heartbeat, CancellationToken cancellationToken)
    {
        try
        {
            return await subscription.WaitAsync(heartbeat, cancellationToken) ? Wake.Change : Wake.Quiet;
        }
        catch (OperationCanceledException)
        {
            return Wake.End;
        }
    }

    private SseItem<string>? Frame(ExamChange change, bool withId)
    {
        if (_written.TryGetValue(change.ExamId, out var written) && written >= change.Sequence)
        {
            return null;
        }

        _written[change.ExamId] = change.Sequence;
        var id = withId ? new ExamEventId(epoch, change.Sequence).ToString() : null;
        if (change.Seats is { } seats && seats.Matches(subscription.Filter))
        {
            _shown.Add(change.ExamId);
            return new SseItem<string>(change.Json, ExamEvent) { EventId = id };
        }

        // Gone, or no longer matching the filter: tell a client that may hold it (shown here, or before a resume).
        if (!_shown.Remove(change.ExamId) && !resumed)
        {
            return null;
        }

        var removed = change.Seats is null
            ? change.Json
            : JsonSerializer.Serialize(new ExamRemoved(change.ExamId), ExamEventJson.Default.ExamRemoved);
        return new SseItem<string>(removed, RemovedEvent) { EventId = id };
    }

    private enum Wake
    {
        Change,
        Quiet,
        End,
    }
}
