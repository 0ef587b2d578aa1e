using MockExams.Exams;
using MockExams.Sync;

namespace MockExams.Grains.Sync;

public sealed partial class SyncGrain
{
    // The finish time of the last backfill whose rows the active exam grains were told about.
    private DateTimeOffset? _examGrainsRefreshedFor;

    /// <summary>
    /// A backfill writes the replica behind the exam grains' backs. Those active now may hold what they read before it
    /// (admission counts, in-memory answers), so each gets an empty remote change: the grain's write queue then drops
    /// them and reloads from the replica. Only active grains are touched; the others will read the replica when they wake.
    /// Runs after this grain's own backfill and, for one run by the CLI, on the next keep-alive tick.
    /// </summary>
    private async Task RefreshExamGrainsAfterBackfillAsync(CancellationToken cancellationToken)
    {
        var rows = await state.ReadAsync(cancellationToken);
        var finished = SyncObjectTypes.All.Select(t => rows.GetValueOrDefault(t)?.LastBackfillAt).Max();
        if (finished is null || finished == _examGrainsRefreshedFor)
        {
            return;
        }

        // Grain.GrainFactory may only be touched on the grain's own scheduler; Parallel's bodies run on the thread pool.
        var grains = GrainFactory;
        var examGrainType = grains.GetGrain<IMockExamGrain>("0").GetGrainId().Type;
        var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(examGrainType);
        var failed = 0;
        await Parallel.ForEachAsync(active,
            new ParallelOptions { MaxDegreeOfParallelism = Options.ApplyParallelism, CancellationToken = cancellationToken },
            async (grainId, ct) =>
            {
                var examId = grainId.Key.ToString()!;
                try
                {
                    await grains.GetGrain<IMockExamGrain>(examId).ApplyRemoteChangesAsync(new RemoteChanges(null, []), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One exam grain that cannot take it now must not keep the others stale; its copies expire with their TTL.
                    Interlocked.Increment(ref failed);
                    LogExamGrainNotRefreshed(logger, examId, ex);
                }
            });
        _examGrainsRefreshedFor = finished;
        LogExamGrainsRefreshed(logger, active.Count - failed);
    }
}
