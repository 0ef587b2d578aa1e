using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.ServiceDefaults.Connections;
using Npgsql;

namespace MockExams.Grains.Replica;

public static class ReplicaRegistration
{
    /// <summary>
    /// Registers the replica: <see cref="ReplicaOptions"/>, the process's one <see cref="NpgsqlDataSource"/>
    /// (service-defaults/Connections/BackingServices.cs), and the hosted service that applies migrations at start.
    /// Call before <c>UseOrleans</c>, so migrations finish before Orleans touches its tables.
    /// </summary>
    public static IHostApplicationBuilder AddReplica(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.SectionName);
        builder.Services.AddReplicaDataSource();   // checked at start: service-defaults/Connections/
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<ReplicaQuarantine>();   // records the replica refused: api/admin sync status
        builder.Services.AddHostedService<MigrationHostedService>();
        return builder;
    }
}
