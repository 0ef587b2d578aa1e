using System.Net;
using MockExams.Grains.Cache;
using MockExams.Grains.Edge;
using MockExams.Grains.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using MockExams.Grains.Sync;
using MockExams.ServiceDefaults;
using MockExams.ServiceDefaults.Connections;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace MockExams.Silo;

/// <summary>Everything a MockExams silo needs, shared by <c>silo/Program.cs</c> and the test cluster.</summary>
public static class SiloConfiguration
{
    public const string GrainStateStorage = "grain-state";

    public static IHostApplicationBuilder AddMockExamsSilo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrleansHostingOptions>()
            .BindConfiguration(OrleansHostingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Telemetry (OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set), Redis, replica, health checks: service-defaults/
        builder.AddServiceDefaults("mockexams-silo").AddGrainCallTracing();
        builder.AddReplica();      // migrations, applied before Orleans touches its tables
        builder.AddExamCache();    // cache keys and TTLs, the Redis circuit, invalidations
        builder.AddHubSpot();      // options, budget governor (Redis), typed client: grains/HubSpot/HubSpotRegistration.cs
        builder.Services.AddSingleton<IHubSpotBudgetPeers, ClusterBudgetPeers>();   // the budget's share while Redis is away
        builder.AddExamGrains();   // replica reads and writes, idempotency records, write options: grains/Exams/
        builder.AddReplicaSync();  // backfill, incremental sync, webhooks, reconcile; wakes the sync grain: grains/Sync/
        builder.UseOrleans(silo => silo.ConfigureMockExamsSilo(builder.Configuration));
        return builder;
    }

    private static void ConfigureMockExamsSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var hosting = configuration.GetSection(OrleansHostingOptions.SectionName).Get<OrleansHostingOptions>() ?? new();
        // Orleans' grain state and reminders use their own Npgsql pool: completed (and capped) like the replica's.
        var replica = ReplicaConnectionString.Normalize(configuration.RequiredConnectionString(ConnectionStrings.Replica));
        var redis = configuration.RequiredConnectionString(ConnectionStrings.Redis);

        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = hosting.ClusterId;
            cluster.ServiceId = hosting.ServiceId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(hosting.AdvertisedIPAddress), hosting.SiloPort, hosting.GatewayPort,
            listenOnAnyHostAddress: false);
        silo.UseRedisClustering(redis);
        // Postgres and Redis failures leave every grain as types callers can read: grains/Edge/DependencyFailureFilter.cs
        silo.AddIncomingGrainCallFilter<DependencyFailureFilter>();
        // Fast failover (silo/FailoverTuning.cs); configuration may override each value.
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(FailoverTuning.Apply)
            .BindConfiguration(FailoverTuning.MembershipSection);
        silo.AddAdoNetGrainStorage(GrainStateStorage, storage =>
        {
            storage.Invariant = "Npgsql";
            storage.ConnectionString = replica;
        });
        // Collects what the Orleans dashboard shows (silos, activations, calls, errors); the api serves its page.
        // Grain calls are profiled only while someone is looking at it.
        silo.AddDashboard();
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = "Npgsql";
            reminders.ConnectionString = replica;
        });
    }
}
