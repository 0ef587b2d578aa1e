using MockExams.Grains.Replica;
using MockExams.Sync;

namespace MockExams.Grains.Sync;

public sealed partial class SyncGrain
{
    public async Task<SyncStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var rows = await state.ReadAsync(cancellationToken);
        var lastReconcile = await runs.LatestFinishedAsync(SyncRunKinds.Reconcile, cancellationToken);
        var types = new List<ObjectSyncStatus>();
        foreach (var objectType in SyncObjectTypes.All)
        {
            var row = rows.GetValueOrDefault(objectType);
            var stats = await reader.StatsAsync(objectType, cancellationToken);
            types.Add(new ObjectSyncStatus(
                objectType,
                row?.LastBackfillAt,
                row?.BackfillUnfinished ?? false,
                row?.BackfillWritten ?? 0,
                row?.BackfillTotal,
                row?.LastIncrementalAt,
                row?.Watermark,
                row?.LastIncrementalAt is { } last ? (now - last + Options.Overlap).TotalSeconds : null,
                row?.LastReconcileAt,
                lastReconcile is null ? null : ReconcileReport.Read(lastReconcile.Counts, objectType),
                stats.Rows,
                stats.LiveRows,
                stats.PropagationP50Seconds,
                stats.PropagationMaxSeconds));
        }
        // The backfill may run here or in a CLI: whoever holds its lease.
        var backfillRunning = _backfill is { IsCompleted: false }
            || await leases.HolderAsync(Backfill.BackfillService.LeaseName, cancellationToken) is not null;
        return new SyncStatus(
            now, types, await inbox.StatusAsync(cancellationToken), backfillRunning,
            _reconcile is { Task.IsCompleted: false }, Options.IncrementalSeconds, await quarantine.StatusAsync(cancellationToken));
    }
}
