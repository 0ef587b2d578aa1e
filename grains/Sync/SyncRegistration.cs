using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MockExams.Grains.Replica;
using MockExams.Grains.Sync.Backfill;

namespace MockExams.Grains.Sync;

public static class SyncRegistration
{
    /// <summary>
    /// What backfill needs, in any process (silo or CLI): sync options, the replica's bulk writer and sync tables.
    /// Needs <c>AddReplica</c>, <c>AddExamCache</c> and <c>AddHubSpot</c>.
    /// </summary>
    public static IHostApplicationBuilder AddReplicaBackfill(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SyncOptions>()
            .BindConfiguration(SyncOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ReplicaBulkWriter>();
        builder.Services.TryAddSingleton<SyncStateStore>();
        builder.Services.TryAddSingleton<SyncRunStore>();
        builder.Services.TryAddSingleton<SyncReader>();
        builder.Services.TryAddSingleton<SyncLeases>();
        builder.Services.TryAddSingleton<WebhookInbox>();
        // Transient like the typed HubSpotClient they hold, so its HttpClient handler still rotates.
        builder.Services.TryAddTransient<BackfillService>();
        return builder;
    }

    /// <summary>
    /// The sync engine in a silo: backfill, incremental sync, webhook follow-up, reconciliation, and the start-up hook
    /// that wakes the sync grain. Needs <c>AddReplica</c>, <c>AddExamCache</c> and <c>AddHubSpot</c>.
    /// </summary>
    public static IHostApplicationBuilder AddReplicaSync(this IHostApplicationBuilder builder)
    {
        builder.AddReplicaBackfill();
        builder.Services.TryAddTransient<RemoteChangeApplier>();
        builder.Services.TryAddTransient<IncrementalSync>();
        builder.Services.TryAddTransient<WebhookEventProcessor>();
        builder.Services.TryAddTransient<Reconciler>();
        builder.Services.AddSingleton<SyncStarter>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SyncStarter>());
        return builder;
    }
}
