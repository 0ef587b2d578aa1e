using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MockExams.Grains.Replica;

public static class ReplicaRegistration
{
    /// <summary>
    /// Registers the replica: <see cref="ReplicaOptions"/> (validated at start), the process's one
    /// <see cref="NpgsqlDataSource"/>, and the hosted service that applies migrations at start.
    /// Call before <c>UseOrleans</c>, so migrations finish before Orleans touches its tables.
    /// </summary>
    public static IHostApplicationBuilder AddReplica(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReplicaOptions>()
            .BindConfiguration(ReplicaOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(ReplicaOptions.ConnectionStringName) ?? "")
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.ConnectionString),
                "ConnectionStrings__Replica is not set: give it the Npgsql connection string of the replica database "
                + "(e.g. Host=127.0.0.1;Port=15432;Username=mockexams;Password=...;Database=mockexams). "
                + "./run.sh and ./test.sh set it for a local PostgreSQL.")
            .ValidateOnStart();

        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<ReplicaOptions>>().Value;
            var dataSource = new NpgsqlDataSourceBuilder(ReplicaConnectionString.Normalize(options.ConnectionString))
            {
                Name = "replica",
            };
            dataSource.UseLoggerFactory(services.GetRequiredService<ILoggerFactory>());
            return dataSource.Build();
        });
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<ReplicaQuarantine>();   // records the replica refused: api/admin sync status
        builder.Services.AddHostedService<MigrationHostedService>();
        return builder;
    }
}
