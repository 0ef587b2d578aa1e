using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Grains.Cache;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using MockExams.Sync;

namespace MockExams.Grains.Sync.Backfill;

/// <summary>
/// Copies every exam and booking from HubSpot into the replica (the seed's one-time migration, resumable): bulk
/// upserts under the never-older rule, checkpointed in <c>sync_state</c>, one backfill at a time (a lease), then
/// exact booking counts and cache invalidation. Used by the sync grain (empty replica at start) and
/// <c>mockexams backfill</c>.
/// </summary>
/// <remarks>
/// Why a bulk write cannot lose a concurrent user write: the backfill writes rows directly, not through the exam
/// grains, but every upsert only replaces a row whose <c>hs_last_modified_at</c> is older than the incoming one.
/// A user write goes to HubSpot first and then writes HubSpot's new, later last-modified time; a record the backfill
/// read before that write carries the earlier time, so whichever lands second, the newer version stays. A version
/// the backfill missed entirely (changed after it was read) is found by incremental sync, which starts at the
/// backfill's start time.
/// </remarks>
public sealed partial class BackfillService(
    HubSpotClient hubSpot, ReplicaBulkWriter writer, SyncStateStore state, SyncReader reader, SyncRunStore runs,
    SyncLeases leases, ExamCache cache, IOptions<SyncOptions> options, TimeProvider time, ILogger<BackfillService> logger)
{
    public const string LeaseName = "backfill";

    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(30);

    /// <summary>Runs (or resumes) a backfill. Answers <see cref="BackfillSummary.Busy"/> when another process is running one.</summary>
    public async Task<BackfillSummary> RunAsync(IProgress<BackfillProgress>? progress, CancellationToken cancellationToken)
    {
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        if (!await leases.TryAcquireAsync(LeaseName, owner, LeaseTtl, cancellationToken))
        {
            return BackfillSummary.Busy(await leases.HolderAsync(LeaseName, cancellationToken));
        }

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(owner, lost);
        long? runId = null;
        var clock = Stopwatch.StartNew();
        BackfillRun? run = null;
        try
        {
            await runs.AbandonRunningAsync(SyncRunKinds.Backfill, lost.Token);
            runId = await runs.StartAsync(SyncRunKinds.Backfill, null, lost.Token);
            var resumed = (await state.ReadAsync(lost.Token)).Values.Any(row => row.BackfillUnfinished);
            var startedAt = time.GetUtcNow();
            foreach (var objectType in SyncObjectTypes.All)
            {
                await state.BeginBackfillAsync(objectType, startedAt, lost.Token);
            }
            LogStarted(logger, resumed);

            run = new BackfillRun(hubSpot, writer, state, options.Value, progress, clock);
            await run.ExecuteAsync(await state.ReadAsync(lost.Token), lost.Token);

            await FinishAsync(run, lost.Token);
            var summary = new BackfillSummary(true, null, resumed, run.ExamsWritten, run.BookingsWritten, run.Calls, run.SearchCalls, clock.Elapsed, runId);
            await runs.FinishAsync(runId.Value, SyncRunStore.Succeeded, Counts(summary), "{}", null, CancellationToken.None);
            LogFinished(logger, summary.Exams, summary.Bookings, summary.Calls, summary.SearchCalls, summary.Elapsed);
            return summary;
        }
        catch (Exception ex) when (runId is not null)
        {
            // Record why, then let it go: the checkpoint holds, and the next run resumes from it.
            var partial = new BackfillSummary(false, null, false, run?.ExamsWritten ?? 0, run?.BookingsWritten ?? 0, run?.Calls ?? 0,
                run?.SearchCalls ?? 0, clock.Elapsed, runId);
            var error = ex is OperationCanceledException ? "cancelled" : $"{ex.GetType().Name}: {ex.Message}";
            await runs.FinishAsync(runId.Value, SyncRunStore.Failed, Counts(partial), "{}", error, CancellationToken.None);
            LogInterrupted(logger, error);
            throw;
        }
        finally
        {
            await lost.CancelAsync();
            await renewal;
            await leases.ReleaseAsync(LeaseName, owner, CancellationToken.None);
        }
    }

    // Exact counts from the bookings now held, then the backfill is over for both types, then stale cache entries go.
    private async Task FinishAsync(BackfillRun run, CancellationToken cancellationToken)
    {
        var examIds = await reader.LiveExamIdsAsync(cancellationToken);
        foreach (var chunk in examIds.Chunk(500))
        {
            await writer.RecountBookingsAsync(chunk, cancellationToken);
        }
        foreach (var objectType in SyncObjectTypes.All)
        {
            await state.CompleteBackfillAsync(objectType, cancellationToken);
        }
        try
        {
            // Each also bumps the catalog generation, so lists and aggregates cached before the copy are not read again.
            await Parallel.ForEachAsync(run.TouchedExams.Union(examIds),
                new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
                async (examId, _) => await cache.InvalidateExamAsync(examId));
        }
        catch (CacheUnavailableException ex)
        {
            // The copy is complete; only cached answers may lag, and no longer than their TTL.
            LogCacheNotInvalidated(logger, ex);
        }
    }

    private async Task RenewAsync(string owner, CancellationTokenSource lost)
    {
        try
        {
            while (!lost.IsCancellationRequested)
            {
                await Task.Delay(LeaseTtl / 3, time, lost.Token);
                if (!await leases.TryAcquireAsync(LeaseName, owner, LeaseTtl, lost.Token))
                {
                    LogLeaseLost(logger);
                    await lost.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The backfill ended (or was cancelled): stop renewing.
        }
    }

    private static string Counts(BackfillSummary summary) => JsonSerializer.Serialize(new Dictionary<string, long>
    {
        ["exams"] = summary.Exams,
        ["bookings"] = summary.Bookings,
        ["calls"] = summary.Calls,
        ["searchCalls"] = summary.SearchCalls,
        ["elapsedMs"] = (long)summary.Elapsed.TotalMilliseconds,
    });
}
