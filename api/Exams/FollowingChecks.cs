using System.Collections.Concurrent;

namespace MockExams.Api.Exams;

/// <summary>
/// Concurrent reads of one key share the exam grain's answers, but a read only ever shares a check that starts after
/// it arrived. Per key at most one check runs; a read arriving while one runs waits for the next, which starts when
/// the running one ends and answers everyone who arrived in between. A write answered before a read arrived was
/// therefore committed in the grain before the check that answers the read was sent, so read-your-writes holds (the
/// same argument as a batched linearizable read in Raft). Under load a hot key costs about one grain call per round
/// trip instead of one per read; alone, a read starts its check at once, exactly as without sharing. The price: a
/// read arriving behind a slow check (a fill the replica is slow to answer) waits for it to end before its own starts.
/// </summary>
public sealed class FollowingChecks<T>
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>How many keys have a check running now (idle keys hold nothing).</summary>
    public int ActiveKeys => _lanes.Count;

    /// <summary>
    /// Runs <paramref name="check"/> now if no check of <paramref name="key"/> is running, else answers with the next
    /// check. No reader's token cancels a check, since the next one belongs to all its readers: a token ends only the
    /// wait of a reader sharing the next check. The reader that started a check waits for its answer (a grain call,
    /// bounded by Orleans' response timeout).
    /// </summary>
    public Task<T> RunAsync(string key, Func<Task<T>> check, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_lanes.TryGetValue(key, out var lane))
            {
                // No check of this key runs: the reader whose lane is added runs one now.
                var mine = new Lane();
                if (_lanes.TryAdd(key, mine))
                {
                    return RunFirstAsync(key, mine, check);
                }

                continue;
            }

            lock (lane)
            {
                if (lane.Retired)
                {
                    continue;   // emptied and removed after we found it: take the key's new lane
                }

                lane.Next ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                lane.NextCheck = check;   // every reader of a key asks the same question; any one's delegate will do
                return lane.Next.Task.WaitAsync(cancellationToken);
            }
        }
    }

    private async Task<T> RunFirstAsync(string key, Lane lane, Func<Task<T>> check)
    {
        try
        {
            return await check();
        }
        finally
        {
            Advance(key, lane);
        }
    }

    private async Task RunNextAsync(string key, Lane lane, Func<Task<T>> check, TaskCompletionSource<T> readers)
    {
        try
        {
            readers.TrySetResult(await check());
        }
        catch (OperationCanceledException canceled)
        {
            readers.TrySetCanceled(canceled.CancellationToken);
        }
        catch (Exception failed)
        {
            readers.TrySetException(failed);
        }
        finally
        {
            Advance(key, lane);
        }
    }

    /// <summary>The running check ended: start the waiting one, or retire the lane if nobody waits.</summary>
    private void Advance(string key, Lane lane)
    {
        TaskCompletionSource<T>? readers;
        Func<Task<T>>? check;
        lock (lane)
        {
            readers = lane.Next;
            check = lane.NextCheck;
            lane.Next = null;
            lane.NextCheck = null;
            if (readers is null || check is null)
            {
                lane.Retired = true;
                _lanes.TryRemove(new KeyValuePair<string, Lane>(key, lane));
                return;
            }
        }

        _ = RunNextAsync(key, lane, check, readers);
    }

    /// <summary>A key whose check is running; it exists only while one runs.</summary>
    private sealed class Lane
    {
        public bool Retired;
        public TaskCompletionSource<T>? Next;
        public Func<Task<T>>? NextCheck;
    }
}
