using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MockExams.Api.Exams;
using MockExams.Catalog;
using StackExchange.Redis;

namespace MockExams.Api.Events;

/// <summary>
/// This api process's view of exam changes, shared by all its event streams. It subscribes once to the Redis channel
/// every exam write publishes on (any silo, any api, sync, webhooks, backfill), reads each changed exam once through
/// its exam grain (the normal read path: grain copy, Redis, replica; never HubSpot), and offers the result to every
/// open stream. Reads of one exam never overlap: changes heard during a read make one more read after it.
/// </summary>
public sealed partial class ExamChangeFeed(
    IConnectionMultiplexer redis, ExamGrains exams, IGrainFactory grains,
    IOptions<InvalidationChannelOptions> channel, ILogger<ExamChangeFeed> logger) : IHostedService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // A backfill invalidates thousands of exams at once: follow them a bounded number at a time, not all together.
    private const int ConcurrentReads = 32;

    private readonly ConcurrentDictionary<string, ExamSlot> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ExamEventSubscription, byte> _subscriptions = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _publishing = new();
    private readonly SemaphoreSlim _reads = new(ConcurrentReads, ConcurrentReads);
    private long _sequence;
    private long _forgottenUpTo;
    private volatile string _epoch = NewEpoch();
    private volatile bool _hearing;
    private int _subscribed;

    /// <summary>Whether changes reach this process now; while not, no stream can be promised them.</summary>
    public bool Hearing => _hearing;

    internal string Epoch => _epoch;

    public int Subscribers => _subscriptions.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += (_, failed) =>
        {
            if (failed.ConnectionType == ConnectionType.Subscription)
            {
                StopHearing();
            }
        };
        redis.ConnectionRestored += (_, restored) =>
        {
            if (restored.ConnectionType != ConnectionType.Subscription)
            {
                return;
            }

            if (Volatile.Read(ref _subscribed) == 1)
            {
                StartHearing();
            }
            else
            {
                _ = SubscribeAsync();
            }
        };
        // Not awaited: an api whose Redis is down still starts (streams are refused until it is back).
        _ = SubscribeAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        foreach (var subscription in _subscriptions.Keys)
        {
            subscription.Close();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Opens a mailbox for a stream: every change published from now on is offered to it. The returned mark is the
    /// last change published before it: a snapshot read after this call covers everything up to the mark.
    /// </summary>
    internal (ExamEventSubscription Subscription, long Mark) Subscribe(string? examId, ExamFilter filter)
    {
        var subscription = new ExamEventSubscription(examId, filter, Unsubscribe);
        lock (_publishing)
        {
            _subscriptions.TryAdd(subscription, 0);
            return (subscription, Volatile.Read(ref _sequence));
        }
    }

    internal void Unsubscribe(ExamEventSubscription subscription) => _subscriptions.TryRemove(subscription, out _);

    /// <summary>
    /// The changes after <paramref name="lastEventId"/> that <paramref name="subscription"/> watches, or null when
    /// they cannot be known (another epoch, or changes were not followed since: no stream was open to want them).
    /// </summary>
    internal IReadOnlyList<ExamChange>? ChangesSince(ExamEventId? lastEventId, ExamEventSubscription subscription)
    {
        if (lastEventId is not { } last || last.Epoch != _epoch || last.Sequence < Volatile.Read(ref _forgottenUpTo)
            || last.Sequence > Volatile.Read(ref _sequence))
        {
            return null;
        }

        return [.. _slots.Values
            .Select(slot => slot.Latest)
            .OfType<ExamChange>()
            .Where(change => change.Sequence > last.Sequence && subscription.Watches(change.ExamId))];
    }

    /// <summary>Reads one exam now (a stream's snapshot); the newest state known, which a later-started read may have supplied.</summary>
    internal async Task<ExamChange> ReadExamAsync(string examId, CancellationToken cancellationToken)
    {
        var sequence = NextSequence();
        var read = await exams.Exam(examId).GetExamAsync(null, cancellationToken);
        return Apply(sequence, examId, read.Found && read.Body is { } body ? SeatsOf(body.Utf8) : null);
    }

    /// <summary>Reads every exam matching <paramref name="filter"/> now, through the list endpoint's read path.</summary>
    internal async Task<IReadOnlyList<ExamChange>> ReadExamsAsync(ExamFilter filter, CancellationToken cancellationToken)
    {
        var sequence = NextSequence();
        var catalog = grains.GetGrain<IExamCatalogGrain>(0);
        var changes = new List<ExamChange>();
        for (var page = 1; ; page++)
        {
            var body = await catalog.ListExamsAsync(new ExamListQuery(filter, page, ExamListQuery.MaxPageSize), cancellationToken);
            var list = JsonSerializer.Deserialize(body.Utf8, ExamEventJson.Default.ExamListEnvelope)
                ?? throw new InvalidOperationException("The exam list body is empty.");
            changes.AddRange(list.Exams.Select(row => Apply(sequence, row.HubspotId, ExamSeats.From(row))));
            if (page >= list.TotalPages)
            {
                return changes;
            }
        }
    }

    private void OnInvalidated(string examId)
    {
        if (_subscriptions.IsEmpty)
        {
            // Nobody listens: skip the read, and remember that changes up to here were not followed.
            Volatile.Write(ref _forgottenUpTo, NextSequence());
            return;
        }

        var slot = _slots.GetOrAdd(examId, static _ => new ExamSlot());
        lock (slot)
        {
            if (slot.Reading)
            {
                slot.Dirty = true;
                return;
            }

            slot.Reading = true;
        }

        _ = FollowAsync(examId, slot);
    }

    private async Task FollowAsync(string examId, ExamSlot slot)
    {
        while (true)
        {
            try
            {
                await _reads.WaitAsync(_stopping.Token);
                try
                {
                    await ReadExamAsync(examId, _stopping.Token);
                }
                finally
                {
                    _reads.Release();
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A grain or replica outage: the change is still owed to the streams; read again shortly.
                LogReadFailed(logger, examId, ex);
                lock (slot)
                {
                    slot.Dirty = true;
                }

                await Task.Delay(RetryDelay, TimeProvider.System, CancellationToken.None);
                if (_subscriptions.IsEmpty)
                {
                    Volatile.Write(ref _forgottenUpTo, NextSequence());
                    lock (slot)
                    {
                        slot.Reading = false;
                        slot.Dirty = false;
                    }

                    return;
                }
            }

            lock (slot)
            {
                if (!slot.Dirty)
                {
                    slot.Reading = false;
                    return;
                }

                slot.Dirty = false;
            }
        }
    }

    /// <summary>
    /// Keeps a read's result unless a read that started later was applied already (it saw at least as much), and
    /// publishes it when it differs from what was last published. Publishing numbers the change and offers it to
    /// every stream under one lock, so each stream is offered changes in the order of their numbers (its clients'
    /// <c>Last-Event-ID</c> only moves forward).
    /// </summary>
    private ExamChange Apply(long readSequence, string examId, ExamSeats? seats)
    {
        var slot = _slots.GetOrAdd(examId, static _ => new ExamSlot());
        lock (slot)
        {
            if (readSequence <= slot.NewestRead && slot.Latest is { } newer)
            {
                return newer;
            }

            slot.NewestRead = readSequence;
            var json = seats is null
                ? JsonSerializer.Serialize(new ExamRemoved(examId), ExamEventJson.Default.ExamRemoved)
                : JsonSerializer.Serialize(seats, ExamEventJson.Default.ExamSeats);
            if (slot.Latest is { } same && same.Json == json)
            {
                return same;
            }

            lock (_publishing)
            {
                var change = new ExamChange(NextSequence(), examId, seats, json);
                slot.Latest = change;
                foreach (var subscription in _subscriptions.Keys)
                {
                    if (subscription.Watches(examId))
                    {
                        subscription.Offer(change);
                    }
                }

                return change;
            }
        }
    }

    private static ExamSeats SeatsOf(byte[] examBody)
    {
        var envelope = JsonSerializer.Deserialize(examBody, ExamEventJson.Default.ExamEnvelope)
            ?? throw new InvalidOperationException("The exam body is empty.");
        return ExamSeats.From(envelope.Exam);
    }

    private long NextSequence() => Interlocked.Increment(ref _sequence);

    private async Task SubscribeAsync()
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel.Value.Channel), (_, examId) =>
            {
                if (!examId.IsNullOrEmpty)
                {
                    OnInvalidated(examId.ToString());
                }
            });
            Volatile.Write(ref _subscribed, 1);
            StartHearing();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogNotHearing(logger, ex);
        }
    }

    private void StartHearing()
    {
        // Changes published while not hearing are lost: a new epoch, so nobody resumes across the gap.
        _epoch = NewEpoch();
        _hearing = true;
        LogHearing(logger, true);
    }

    private void StopHearing()
    {
        _hearing = false;
        LogHearing(logger, false);
        // The open streams may miss changes from now on: end them; their clients reconnect to a fresh snapshot.
        foreach (var subscription in _subscriptions.Keys)
        {
            subscription.Close();
        }
    }

    private static string NewEpoch() => Guid.NewGuid().ToString("N")[..12];

    private sealed class ExamSlot
    {
        /// <summary>The start of the newest read applied (a read that started earlier is older news).</summary>
        public long NewestRead { get; set; }

        public ExamChange? Latest { get; set; }

        public bool Reading { get; set; }

        public bool Dirty { get; set; }
    }
}
